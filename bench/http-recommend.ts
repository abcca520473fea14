// HTTP load on /recommend against the framework ceiling: starts `tuijian serve` on a
// trained data directory, then alternates autocannon runs on /recommend (random known
// users, seeded) and on /healthz (static JSON of the same app), and prints medians. The
// typed client (tuijian/client) waits for the service to be ready and checks a sample of
// lists first, so that the load measures lists served, not errors; the figures of that
// sample (model version, share personalised) are printed with the result, and with each
// load the service's CPU a request (all its processes and threads, bench/process-tree.ts).
//   node dist/bench/http-recommend.js --data-dir DIR [--store URL] [--workers 2] [--connections 50] [--seconds 10] [--runs 3]
//        [--query "category=Garden&price_max=20"]   (added to every /recommend request, e.g. to measure a filter)
//        [--rules 20]   (each run also measures /recommend with that many merchandising rules in force, bench-rules.ts)
//        [--serve-args=--record-served-lists=false]   (passed on to `serve`, e.g. to measure a setting's cost;
//         the list cache is off unless they set --list-cache-size: every list is made, as for shoppers new to it)
//        [--visitors]   (every request for a shopper the store does not know, 10,000 distinct ids: anonymous traffic)
// --store (postgres://… or sqlite:<file>; default: DIR/tuijian.db) is passed on to `serve`,
// and the shoppers to ask for are read from it; models come from DIR/models.
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
import { createClient } from "../client/index.js";
import { benchRules } from "./bench-rules.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" }, store: { type: "string" }, workers: { type: "string" }, connections: { type: "string" },
    seconds: { type: "string" }, runs: { type: "string" }, n: { type: "string" }, query: { type: "string" }, rules: { type: "string" }, "serve-args": { type: "string" },
    visitors: { type: "boolean" },
  },
});
const dataDir = values["data-dir"];
if (!dataDir) throw new Error("--data-dir DIR (a store with a trained model) is required");
const workers = values.workers ?? "2";
const connections = Number(values.connections ?? 50);
const duration = Number(values.seconds ?? 10);
const runs = Number(values.runs ?? 3);
const n = Number(values.n ?? 20);
const storeUrl = values.store ?? `sqlite:${join(dataDir, "tuijian.db")}`;

printMachine();
const store = await openStore(storeUrl);
const allUsers = await store.users.allIds();
const rules = values.rules === undefined ? [] : await benchRules(store, Number(values.rules));
await store.close();
const random = seededRandom(7);
const users = Array.from({ length: 10_000 }, (_, i) => (values.visitors ? `visitor-${i}` : allUsers[Math.floor(random() * allUsers.length)]));
const extra = values.query ? `&${values.query}` : "";
const paths = users.map((u) => `/recommend?user=${encodeURIComponent(u)}&n=${n}${extra}`);

const port = await freePort();
let stopping = false;
const server = spawn(process.execPath, [join(projectRoot(), "dist/server/cli.js"), "serve", "--workers", workers, "--port", String(port), "--host", "127.0.0.1", "--data-dir", dataDir, ...(values.store === undefined ? [] : ["--store", values.store]), "--list-cache-size", "0", ...(values["serve-args"]?.split(" ").filter(Boolean) ?? [])]);
let log = "";
server.stderr.on("data", (d) => (log += d));
server.on("exit", (code) => {
  if (!stopping) throw new Error(`serve exited (${code}) during the bench:\n${log.slice(-3000)}`);
});
const api = createClient({ baseUrl: `http://127.0.0.1:${port}` });
const modelVersion = await ready();
const sample = await checkSample(users.slice(0, 100));

let next = 0;
const load = (path: "recommend" | "static") =>
  autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({ ...req, path: path === "static" ? "/healthz" : paths[next++ % paths.length] }),
      },
    ],
  });

type Run = { rps: number; p50: number; p99: number; errors: number; non2xx: number; cpuUs: number };
const results: Record<"static" | "recommend" | "withRules", Run[]> = { static: [], recommend: [], withRules: [] };
const measure = async (path: "recommend" | "static", into: Run[]) => {
  const { result: res, cpuMicroseconds } = await cpuPerRequest(server.pid!, () => load(path));
  into.push({ rps: res.requests.average, p50: res.latency.p50, p99: res.latency.p99, errors: res.errors + res.timeouts, non2xx: res.non2xx, cpuUs: cpuMicroseconds });
};
await load("recommend"); // warm-up: JIT, page cache
for (let r = 0; r < runs; r++) {
  await measure("static", results.static);
  await measure("recommend", results.recommend);
  if (rules.length > 0) {
    await setRules(true);
    await measure("recommend", results.withRules);
    await setRules(false);
  }
}
const rssMB = residentOf(server.pid!);
stopping = true;
server.kill("SIGTERM");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (rows: (typeof results)["static"]) => ({
  rps: median(rows.map((r) => r.rps)), p50ms: median(rows.map((r) => r.p50)), p99ms: median(rows.map((r) => r.p99)),
  serverCpuMicrosecondsPerRequest: median(rows.map((r) => r.cpuUs)),
  errors: rows.reduce((s, r) => s + r.errors + r.non2xx, 0), runs: rows,
});
const recommend = summary(results.recommend);
const ceiling = summary(results.static);
const withRules = rules.length > 0 ? { rules: rules.length, ...summary(results.withRules) } : undefined;
process.stdout.write(JSON.stringify({
  http: {
    code: codeVersion(), dataDir, store: storeUrl.split(":")[0], workers: Number(workers), connections, seconds: duration, n, visitors: values.visitors ?? false, query: values.query ?? null, serveArgs: values["serve-args"] ?? null, users: allUsers.length,
    modelVersion, sample,
    recommend, static: ceiling, recommendShareOfStatic: Math.round((recommend.rps / ceiling.rps) * 1000) / 1000, residentMB: rssMB,
    ...(withRules && { withRules, rulesP50Growth: Math.round((withRules.p50ms / recommend.p50ms - 1) * 1000) / 1000 }),
  },
}) + "\n");

/**
 * Puts the bench's rules in force (or deletes them) through the API, then waits until
 * every worker has them: a rule applies in every process within a second.
 */
async function setRules(on: boolean): Promise<void> {
  for (const { id, rule } of rules) {
    const { error } = on ? await api.POST("/rules", { body: { id, rule } }) : await api.DELETE("/rules/{id}", { params: { path: { id } } });
    if (error) throw new Error(`rule ${id}: ${JSON.stringify(error)}`);
  }
  await new Promise((r) => setTimeout(r, 1500));
  // The first requests after a change compile the rules: not what the load measures.
  for (const user of users.slice(0, 50)) await api.GET("/recommend", { params: { query: { user, n } } });
}

/** Waits until the service answers /readyz with a model; its version. */
async function ready(): Promise<string> {
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const answer = await api.GET("/readyz").catch(() => undefined);
    if (answer?.data?.ready) return answer.data.model_version;
  }
  throw new Error(`the service was not ready within 10 min:\n${log.slice(-3000)}`);
}

/** Asks for the lists of a few shoppers through the typed client; any error stops the bench. */
async function checkSample(ids: string[]): Promise<{ shoppers: number; personalizedShare: number; meanLength: number }> {
  let personalized = 0;
  let items = 0;
  for (const user of ids) {
    const { data, error, response } = await api.GET("/recommend", { params: { query: { user, n } } });
    if (!data) throw new Error(`/recommend?user=${user} answered ${response.status}: ${JSON.stringify(error)}`);
    if (data.personalized) personalized++;
    items += data.items.length;
  }
  return { shoppers: ids.length, personalizedShare: personalized / ids.length, meanLength: items / ids.length };
}
