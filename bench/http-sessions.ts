// Serving speed as a storefront meets it (issue 18): `tuijian serve` on a trained data
// directory against a bare Hono route run by as many processes (bare-hono.ts), in the same
// run, under two traffic shapes, and the events alone, each run in turn:
// - uniform: every request a shopper not asked for before in the run (all misses of the
//   list cache: what the request path itself costs);
// - sessions: shoppers browse in sessions of several page views (1 + geometric, mean
//   --views), and between two views, with probability --event-share, send an event (a view
//   of a product), which changes their next list. Seeded; --sessions of them live at once,
//   taking turns, so that a shopper's steps follow one another;
// - events: POST /events alone, one event a request (a random shopper views a random item):
//   what writing what shoppers do costs. The store of DIR receives them (as in sessions).
// Prints the machine, then medians as JSON: requests/s (the sessions' rate counts their
// events' POSTs too, and how many of each), p50/p99 latency, the share of the bare route's
// throughput, the server's CPU a request (all its processes and threads: bare and service alike),
// the list cache's hits from /metrics, and the service's resident memory.
// --against-args: a second service of this build with other settings, loaded in the same
// runs (its shapes right after the first's, the order turning each run), reported as `against`.
// --route-by-shopper: each service runs as --workers services of one worker, each on a port
// of its own, and every shopper's requests go to one of them (the shoppers split between
// them, the connections and live sessions too), as a load balancer hashing `user=` would.
//   node dist/bench/http-sessions.js --data-dir DIR [--workers 2] [--connections 50] [--seconds 10] [--runs 3] [--settle SECONDS]
//        [--views 5] [--event-share 0.25] [--sessions 400] [--serve-args=--list-cache-size=0] [--against-args=--shared-list-cache-mb=0]
//        [--route-by-shopper]
//        [--node-args="--cpu-prof --cpu-prof-dir=DIR"]  (node's own flags for the service, e.g. to profile it)
import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openStore } from "../server/store/open.js";
import { projectRoot } from "../server/project-root.js";
import { seededRandom } from "../models/random.js";
import { freePort } from "./free-port.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";
import { cpuPerRequest, residentOf } from "./process-tree.js";
import { shuffled, started, waitFor, words } from "./servers.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" }, workers: { type: "string" }, connections: { type: "string" }, seconds: { type: "string" }, runs: { type: "string" },
    n: { type: "string" }, views: { type: "string" }, "event-share": { type: "string" }, sessions: { type: "string" }, "serve-args": { type: "string" }, "node-args": { type: "string" },
    "against-args": { type: "string" }, settle: { type: "string" }, "route-by-shopper": { type: "boolean" },
  },
});
const dataDir = values["data-dir"];
if (!dataDir) throw new Error("--data-dir DIR (a store with a trained model) is required");
const workers = Number(values.workers ?? 2);
const connections = Number(values.connections ?? 50);
const duration = Number(values.seconds ?? 10);
const runs = Number(values.runs ?? 3);
const n = Number(values.n ?? 20);
const meanViews = Number(values.views ?? 5);
const eventShare = Number(values["event-share"] ?? 0.25);
const liveSessions = Number(values.sessions ?? 400);
const routed = values["route-by-shopper"] === true;
/** The services of one setting a shopper may be routed to, and each one's share of the load. */
const replicas = routed ? workers : 1;
const [replicaWorkers, replicaConnections, replicaSessions] = [workers / replicas, Math.round(connections / replicas), Math.round(liveSessions / replicas)];

printMachine();
const store = await openStore(`sqlite:${join(dataDir, "tuijian.db")}`);
const random = seededRandom(11);
const users = shuffled(await store.users.allIds(), random);
const items = [...(await store.items.summaries(Array.from({ length: 5000 }, (_, i) => i + 1))).values()].filter((s) => s.recommendable).map((s) => s.extId);
await store.close();

const cli = join(projectRoot(), "dist", "server", "cli.js");

/** A service under test: its settings, its replicas (one unless routed by shopper), its figures. */
interface Service {
  serveArgs: string | null;
  replicas: Replica[];
  results: Record<Exclude<Shape, "bare">, Run[]>;
  cache: { hit: number; miss: number; bypass: number };
}
/** One `serve` of a service: its port, its shoppers' live sessions, the next of its shoppers. */
interface Replica {
  port: number;
  child: ReturnType<typeof started>;
  sessions: Session[];
  turn: number;
  nextUser: number;
}
async function startService(serveArgs: string | undefined): Promise<Service> {
  const list: Replica[] = [];
  for (let r = 0; r < replicas; r++) {
    const port = await freePort();
    const child = started(spawn(process.execPath, [...words(values["node-args"]), cli, "serve", "--workers", String(replicaWorkers), "--port", String(port), "--host", "127.0.0.1", "--data-dir", dataDir!, ...words(serveArgs)]));
    list.push({ port, child, sessions: [], turn: 0, nextUser: r });
  }
  return { serveArgs: serveArgs ?? null, replicas: list, results: { uniform: [], sessions: [], events: [] }, cache: { hit: 0, miss: 0, bypass: 0 } };
}
const services = [await startService(values["serve-args"]), ...(values["against-args"] === undefined ? [] : [await startService(values["against-args"])])];
const barePort = await freePort();
const bare = started(spawn(process.execPath, [join(projectRoot(), "dist", "bench", "bare-hono.js"), "--port", String(barePort), "--workers", String(workers)]));
for (const { port } of services.flatMap((service) => service.replicas)) await waitFor(() => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok), "the service");
await waitFor(() => fetch(`http://127.0.0.1:${barePort}/recommend?user=1`).then((r) => r.ok), "the bare route");
// What a service does once ready (the shared histories' first build, ~40 s on the large shop) before it is loaded.
await new Promise((resolve) => setTimeout(resolve, Number(values.settle ?? 0) * 1000));

let nextUser = 0;
/** A shopper not asked for before: of the replica's share when routed by shopper. */
function freshUser(at?: Replica): string {
  if (!at) return users[nextUser++ % users.length];
  const user = users[at.nextUser % users.length];
  at.nextUser += replicas;
  return user;
}
const recommendPath = (user: string) => `/recommend?user=${encodeURIComponent(user)}&n=${n}`;

/** Live sessions taking turns: each step is a view (GET) or an event (POST) of its shopper. */
interface Session {
  user: string;
  views: number;
  eventNext: boolean;
}
const steps = { views: 0, events: 0 };
const newSession = (at: Replica): Session => ({ user: freshUser(at), views: 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - 1 / meanViews)), eventNext: false });
function sessionStep(replica: Replica, req: autocannon.Request): autocannon.Request {
  const { sessions } = replica;
  const at = replica.turn++ % replicaSessions;
  const s = (sessions[at] ??= newSession(replica));
  if (s.eventNext) {
    s.eventNext = false;
    steps.events++;
    const body = JSON.stringify([{ user_id: s.user, item_id: items[Math.floor(random() * items.length)], type: "view", timestamp: new Date().toISOString() }]);
    return { ...req, method: "POST", path: "/events", headers: { "content-type": "application/json" }, body };
  }
  steps.views++;
  const path = recommendPath(s.user);
  if (--s.views <= 0) sessions[at] = newSession(replica);
  else s.eventNext = random() < eventShare;
  return { ...req, method: "GET", path, headers: {}, body: undefined };
}

const eventPost = (replica: Replica, req: autocannon.Request): autocannon.Request => {
  const body = JSON.stringify([{ user_id: freshUser(replica), item_id: items[Math.floor(random() * items.length)], type: "view" }]);
  return { ...req, method: "POST", path: "/events", headers: { "content-type": "application/json" }, body };
};

type Shape = "bare" | "uniform" | "sessions" | "events";
type Load = Pick<autocannon.Result, "requests" | "latency" | "errors" | "timeouts" | "non2xx">;
const loadOne = (port: number, connectionCount: number, setupRequest: (req: autocannon.Request) => autocannon.Request) =>
  autocannon({ url: `http://127.0.0.1:${port}`, connections: connectionCount, duration, requests: [{ method: "GET", setupRequest }] });
async function load(shape: Shape, service?: Service): Promise<Load> {
  if (!service) return loadOne(barePort, connections, (req) => ({ ...req, path: recommendPath(freshUser()) }));
  const each = await Promise.all(service.replicas.map((at) => loadOne(at.port, replicaConnections,
    (req) => (shape === "sessions" ? sessionStep(at, req) : shape === "events" ? eventPost(at, req) : { ...req, path: recommendPath(freshUser(at)) }))));
  if (each.length === 1) return each[0];
  // Several replicas at once: their rates and counts add up; of their latencies, the worst.
  const sum = (of: (r: Load) => number) => each.reduce((s, r) => s + of(r), 0);
  const worst = (of: (r: Load) => number) => Math.max(...each.map(of));
  return {
    requests: { ...each[0].requests, average: sum((r) => r.requests.average), total: sum((r) => r.requests.total) },
    latency: { ...each[0].latency, p50: worst((r) => r.latency.p50), p99: worst((r) => r.latency.p99) },
    errors: sum((r) => r.errors), timeouts: sum((r) => r.timeouts), non2xx: sum((r) => r.non2xx),
  };
}

type Run = { rps: number; p50: number; p99: number; errors: number; cpuUs: number; helperUs: number };
const bareRuns: Run[] = [];
const sessionSteps = { views: 0, events: 0 };
const measured = async (pids: number | number[], run: () => ReturnType<typeof load>): Promise<Run> => {
  const { result: res, cpuMicroseconds, helperMicroseconds } = await cpuPerRequest(pids, run);
  return { rps: res.requests.average, p50: res.latency.p50, p99: res.latency.p99, errors: res.errors + res.timeouts + res.non2xx, cpuUs: cpuMicroseconds, helperUs: helperMicroseconds };
};
for (const service of services) await load("uniform", service); // warm-up: JIT, page cache
for (let r = 0; r < runs; r++) {
  bareRuns.push(await measured(bare.pid!, () => load("bare")));
  for (const service of r % 2 === 0 ? services : [...services].reverse()) {
    for (const shape of ["uniform", "sessions", "events"] as const) {
      const before = shape === "sessions" ? await cacheCounts(service) : undefined;
      service.results[shape].push(await measured(service.replicas.map((at) => at.child.pid!), () => load(shape, service)));
      if (before) {
        const after = await cacheCounts(service);
        for (const k of ["hit", "miss", "bypass"] as const) service.cache[k] += after[k] - before[k];
      }
    }
  }
}
Object.assign(sessionSteps, steps);
const resident = services.map((service) => Object.assign({}, ...service.replicas.map((at, r) => {
  const mb = residentOf(at.child.pid!);
  return replicas === 1 ? mb : Object.fromEntries(Object.entries(mb).map(([name, value]) => [`replica ${r} ${name}`, value]));
})) as Record<string, number>);
for (const child of [...services.flatMap((service) => service.replicas.map((at) => at.child)), bare]) child.kill("SIGTERM");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (rows: Run[]) => ({
  rps: median(rows.map((r) => r.rps)), p50ms: median(rows.map((r) => r.p50)), p99ms: median(rows.map((r) => r.p99)), serverCpuMicrosecondsPerRequest: median(rows.map((r) => r.cpuUs)),
  // Of it, the threads besides each process's main thread (V8's collector and compilers, libuv's pool, tuijian's threads).
  helperThreadsMicrosecondsPerRequest: median(rows.map((r) => r.helperUs)), errors: rows.reduce((s, r) => s + r.errors, 0), runs: rows });
const b = summary(bareRuns);
const ratio = (x: number, y: number) => Math.round((x / y) * 1000) / 1000;
const figures = (service: Service, residentMB: Record<string, number>) => {
  const [u, s, e] = [summary(service.results.uniform), summary(service.results.sessions), summary(service.results.events)];
  const lookups = service.cache.hit + service.cache.miss + service.cache.bypass;
  return {
    serveArgs: service.serveArgs, uniform: u, sessions: s, events: e,
    uniformShareOfBare: ratio(u.rps, b.rps), sessionsShareOfBare: ratio(s.rps, b.rps),
    // The same ratio from CPU a request: less moved by other jobs on the machine.
    uniformCpuShareOfBare: ratio(b.serverCpuMicrosecondsPerRequest, u.serverCpuMicrosecondsPerRequest),
    sessionsCpuShareOfBare: ratio(b.serverCpuMicrosecondsPerRequest, s.serverCpuMicrosecondsPerRequest),
    sessionCacheHitShare: lookups > 0 ? ratio(service.cache.hit, lookups) : null,
    residentMB,
  };
};
process.stdout.write(JSON.stringify({
  httpSessions: {
    code: codeVersion(), dataDir, workers, routeByShopper: routed, connections, seconds: duration, n, users: users.length, meanViews, eventShare, liveSessions,
    bare: b, ...figures(services[0], resident[0]), sessionSteps, ...(services[1] && { against: figures(services[1], resident[1]) }),
  },
}) + "\n");
process.exit(0);


/** The list cache's lookups so far, summed over the service's workers (/metrics). */
async function cacheCounts(service: Service): Promise<{ hit: number; miss: number; bypass: number }> {
  const texts = await Promise.all(service.replicas.map(async ({ port }) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text()));
  const of = (outcome: string) => texts.reduce((sum, text) => sum + Number(new RegExp(`tuijian_list_cache_requests_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ?? 0), 0);
  return { hit: of("hit"), miss: of("miss"), bypass: of("bypass") };
}
