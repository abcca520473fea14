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
//   node dist/bench/http-sessions.js --data-dir DIR [--workers 2] [--connections 50] [--seconds 10] [--runs 3]
//        [--views 5] [--event-share 0.25] [--sessions 400] [--serve-args=--list-cache-size=0]
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
import { shuffled, started, waitFor } from "./servers.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" }, workers: { type: "string" }, connections: { type: "string" }, seconds: { type: "string" }, runs: { type: "string" },
    n: { type: "string" }, views: { type: "string" }, "event-share": { type: "string" }, sessions: { type: "string" }, "serve-args": { type: "string" }, "node-args": { type: "string" },
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

printMachine();
const store = await openStore(`sqlite:${join(dataDir, "tuijian.db")}`);
const random = seededRandom(11);
const users = shuffled(await store.users.allIds(), random);
const items = [...(await store.items.summaries(Array.from({ length: 5000 }, (_, i) => i + 1))).values()].filter((s) => s.recommendable).map((s) => s.extId);
await store.close();

const cli = join(projectRoot(), "dist", "server", "cli.js");
const servePort = await freePort();
const service = started(spawn(process.execPath, [...words(values["node-args"]), cli, "serve", "--workers", String(workers), "--port", String(servePort), "--host", "127.0.0.1", "--data-dir", dataDir, ...words(values["serve-args"])]));
const barePort = await freePort();
const bare = started(spawn(process.execPath, [join(projectRoot(), "dist", "bench", "bare-hono.js"), "--port", String(barePort), "--workers", String(workers)]));
await waitFor(() => fetch(`http://127.0.0.1:${servePort}/readyz`).then((r) => r.ok), "the service");
await waitFor(() => fetch(`http://127.0.0.1:${barePort}/recommend?user=1`).then((r) => r.ok), "the bare route");

let nextUser = 0;
const freshUser = () => users[nextUser++ % users.length];
const recommendPath = (user: string) => `/recommend?user=${encodeURIComponent(user)}&n=${n}`;

/** Live sessions taking turns: each step is a view (GET) or an event (POST) of its shopper. */
interface Session {
  user: string;
  views: number;
  eventNext: boolean;
}
const sessions: Session[] = [];
let turn = 0;
const steps = { views: 0, events: 0 };
const newSession = (): Session => ({ user: freshUser(), views: 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - 1 / meanViews)), eventNext: false });
function sessionStep(req: autocannon.Request): autocannon.Request {
  const at = turn++ % liveSessions;
  const s = (sessions[at] ??= newSession());
  if (s.eventNext) {
    s.eventNext = false;
    steps.events++;
    const body = JSON.stringify([{ user_id: s.user, item_id: items[Math.floor(random() * items.length)], type: "view", timestamp: new Date().toISOString() }]);
    return { ...req, method: "POST", path: "/events", headers: { "content-type": "application/json" }, body };
  }
  steps.views++;
  const path = recommendPath(s.user);
  if (--s.views <= 0) sessions[at] = newSession();
  else s.eventNext = random() < eventShare;
  return { ...req, method: "GET", path, headers: {}, body: undefined };
}

const eventPost = (req: autocannon.Request): autocannon.Request => {
  const body = JSON.stringify([{ user_id: freshUser(), item_id: items[Math.floor(random() * items.length)], type: "view" }]);
  return { ...req, method: "POST", path: "/events", headers: { "content-type": "application/json" }, body };
};

type Shape = "bare" | "uniform" | "sessions" | "events";
const load = (shape: Shape) =>
  autocannon({
    url: `http://127.0.0.1:${shape === "bare" ? barePort : servePort}`,
    connections,
    duration,
    requests: [{
      method: "GET",
      setupRequest: (req) => (shape === "sessions" ? sessionStep(req) : shape === "events" ? eventPost(req) : { ...req, path: recommendPath(freshUser()) }),
    }],
  });

type Run = { rps: number; p50: number; p99: number; errors: number; cpuUs: number };
const results: Record<Shape, Run[]> = { bare: [], uniform: [], sessions: [], events: [] };
const cache = { hit: 0, miss: 0, bypass: 0 };
const sessionSteps = { views: 0, events: 0 };
await load("uniform"); // warm-up: JIT, page cache
for (let r = 0; r < runs; r++) {
  for (const shape of ["bare", "uniform", "sessions", "events"] as const) {
    const before = shape === "sessions" ? await cacheCounts() : undefined;
    const { result: res, cpuMicroseconds } = await cpuPerRequest((shape === "bare" ? bare : service).pid!, () => load(shape));
    results[shape].push({ rps: res.requests.average, p50: res.latency.p50, p99: res.latency.p99, errors: res.errors + res.timeouts + res.non2xx, cpuUs: cpuMicroseconds });
    if (before) {
      const after = await cacheCounts();
      for (const k of ["hit", "miss", "bypass"] as const) cache[k] += after[k] - before[k];
    }
  }
}
Object.assign(sessionSteps, steps);
const residentMB = residentOf(service.pid!);
for (const child of [service, bare]) child.kill("SIGTERM");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (rows: Run[]) => ({
  rps: median(rows.map((r) => r.rps)), p50ms: median(rows.map((r) => r.p50)), p99ms: median(rows.map((r) => r.p99)), serverCpuMicrosecondsPerRequest: median(rows.map((r) => r.cpuUs)), errors: rows.reduce((s, r) => s + r.errors, 0), runs: rows });
const [b, u, s, e] = [summary(results.bare), summary(results.uniform), summary(results.sessions), summary(results.events)];
const lookups = cache.hit + cache.miss + cache.bypass;
process.stdout.write(JSON.stringify({
  httpSessions: {
    code: codeVersion(), dataDir, workers, connections, seconds: duration, n, users: users.length, meanViews, eventShare, liveSessions, serveArgs: values["serve-args"] ?? null,
    bare: b, uniform: u, sessions: s, events: e,
    uniformShareOfBare: Math.round((u.rps / b.rps) * 1000) / 1000,
    sessionsShareOfBare: Math.round((s.rps / b.rps) * 1000) / 1000,
    // The same ratio from CPU a request: less moved by other jobs on the machine.
    uniformCpuShareOfBare: Math.round((b.serverCpuMicrosecondsPerRequest / u.serverCpuMicrosecondsPerRequest) * 1000) / 1000,
    sessionsCpuShareOfBare: Math.round((b.serverCpuMicrosecondsPerRequest / s.serverCpuMicrosecondsPerRequest) * 1000) / 1000,
    sessionSteps, sessionCacheHitShare: lookups > 0 ? Math.round((cache.hit / lookups) * 1000) / 1000 : null,
    residentMB,
  },
}) + "\n");
process.exit(0);

function words(text: string | undefined): string[] {
  return text?.split(" ").filter(Boolean) ?? [];
}

/** The list cache's lookups so far, summed over the workers (/metrics). */
async function cacheCounts(): Promise<{ hit: number; miss: number; bypass: number }> {
  const text = await (await fetch(`http://127.0.0.1:${servePort}/metrics`)).text();
  const of = (outcome: string) => Number(new RegExp(`tuijian_list_cache_requests_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  return { hit: of("hit"), miss: of("miss"), bypass: of("bypass") };
}
