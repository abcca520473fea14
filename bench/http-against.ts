// Two builds or settings over HTTP in the same sitting: `tuijian serve` of this checkout
// and of another (--against DIR, built; this one again without it), each with --workers and
// its own --serve-args / --against-args, on the same trained data directory,
// and the bare Hono route (bare-hono.ts), loaded in turn in short rounds whose order
// alternates, so that the machine's drift falls on both alike. Shapes: hits (20 seeded
// shoppers asked for again and again: the list cache's answer and the HTTP edge), misses
// (every request a shopper not asked for before), product (misses on product pages: a
// random item's), cart (misses on cart pages: three random items) or events (POST /events,
// one view of a random item by a random shopper a request; stored in DIR). Prints the
// machine, then per build the median requests/s, p99 and server CPU a request (all its
// processes and threads). --store: a store other than DIR's SQLite file (PostgreSQL),
// served by both builds.
//   node dist/bench/http-against.js --data-dir DIR [--against DIR] [--serve-args=…] [--against-args=…] [--store URL] [--shape hits|misses|product|cart|events]
//        [--workers 1] [--rounds 8] [--seconds 3] [--settle SECONDS]
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openStore } from "../server/store/open.js";
import { projectRoot } from "../server/project-root.js";
import { seededRandom } from "../models/random.js";
import { freePort } from "./free-port.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";
import { cpuPerRequest } from "./process-tree.js";
import { shuffled, started, waitFor, words } from "./servers.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" }, against: { type: "string" }, shape: { type: "string" }, workers: { type: "string" }, rounds: { type: "string" }, seconds: { type: "string" },
    store: { type: "string" }, settle: { type: "string" }, "serve-args": { type: "string" }, "against-args": { type: "string" },
  },
});
const [dataDir, other] = [values["data-dir"], values.against ?? projectRoot()];
if (!dataDir) throw new Error("--data-dir DIR (a trained store) is required");
if (!values.against && values["against-args"] === undefined) throw new Error("--against DIR (another built checkout) or --against-args=… (this one with other settings) is required");
const shape = values.shape ?? "hits";
if (!["hits", "misses", "product", "cart", "events"].includes(shape)) throw new Error(`--shape must be hits, misses, product, cart or events, not ${shape}`);
const [workers, rounds, seconds] = [Number(values.workers ?? 1), Number(values.rounds ?? 8), Number(values.seconds ?? 3)];

printMachine();
const store = await openStore(values.store ?? `sqlite:${join(dataDir, "tuijian.db")}`);
const random = seededRandom(9);
const all = await store.users.allIds();
const items = (await store.items.page({ limit: 5000 })).map((i) => i.id);
await store.close();
shuffled(all, random);
const users = shape === "hits" ? all.slice(0, 20) : all;

const servers: Record<string, { port: number; child: ChildProcess }> = {};
const start = async (name: string, args: string[]) => {
  const port = await freePort();
  servers[name] = { port, child: started(spawn(process.execPath, [...args, "--port", String(port)], { stdio: ["ignore", "ignore", "pipe"] })) };
};
const serve = (root: string, args = "") => [
  join(root, "dist", "server", "cli.js"), "serve", "--workers", String(workers), "--host", "127.0.0.1", "--data-dir", dataDir, ...(values.store ? ["--store", values.store] : []),
  ...words(args),
];
await start("bare", [join(projectRoot(), "dist", "bench", "bare-hono.js"), "--workers", String(workers)]);
await start("this", serve(projectRoot(), values["serve-args"]));
await start("against", serve(other, values["against-args"]));
for (const [name, { port }] of Object.entries(servers)) {
  await waitFor(() => fetch(`http://127.0.0.1:${port}/${name === "bare" ? "recommend?user=1" : "readyz"}`).then((r) => r.ok), name);
}
// What a service does once ready (the shared histories' first build, ~40 s on the large shop) before it is loaded.
await new Promise((resolve) => setTimeout(resolve, Number(values.settle ?? 0) * 1000));

let next = 0;
const request = (name: string, req: autocannon.Request): autocannon.Request => {
  if (name === "bare") return { ...req, path: "/recommend?user=1" };
  const user = users[next++ % users.length];
  const pick = () => items[Math.floor(random() * items.length)];
  const item = pick();
  if (shape === "cart") return { ...req, path: `/recommend?user=${encodeURIComponent(user)}&n=20&placement=cart&items=${[item, pick(), pick()].map(encodeURIComponent).join(",")}` };
  if (shape === "product") return { ...req, path: `/recommend?user=${encodeURIComponent(user)}&n=20&placement=product&item=${encodeURIComponent(item)}` };
  if (shape !== "events") return { ...req, path: `/recommend?user=${encodeURIComponent(user)}&n=20` };
  const body = JSON.stringify([{ user_id: user, item_id: item, type: "view" }]);
  return { ...req, method: "POST", path: "/events", headers: { "content-type": "application/json" }, body };
};
const load = (name: string) =>
  autocannon({
    url: `http://127.0.0.1:${servers[name].port}`, connections: 50, duration: seconds,
    requests: [{ method: "GET", setupRequest: (req) => request(name, req) }],
  });
await load("this");
await load("against");
type Run = { rps: number; p99: number; cpuUs: number; helperUs: number; errors: number };
const runs: Record<string, Run[]> = { bare: [], this: [], against: [] };
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 ? ["bare", "against", "this"] : ["bare", "this", "against"]) {
    const { result, cpuMicroseconds, helperMicroseconds } = await cpuPerRequest(servers[name].child.pid!, () => load(name));
    runs[name].push({ rps: Math.round(result.requests.average), p99: result.latency.p99, cpuUs: cpuMicroseconds, helperUs: helperMicroseconds, errors: result.errors + result.timeouts + result.non2xx });
  }
}
for (const { child } of Object.values(servers)) child.kill("SIGTERM");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const summary = (rows: Run[]) => ({ rps: median(rows.map((r) => r.rps)), p99ms: median(rows.map((r) => r.p99)), cpuMicrosecondsPerRequest: median(rows.map((r) => r.cpuUs)), helperThreadsMicrosecondsPerRequest: median(rows.map((r) => r.helperUs)), errors: rows.reduce((s, r) => s + r.errors, 0), runs: rows });
const [bare, mine, theirs] = [summary(runs.bare), summary(runs.this), summary(runs.against)];
process.stdout.write(JSON.stringify({
  httpAgainst: {
    code: codeVersion(), against: other, serveArgs: values["serve-args"] ?? null, againstArgs: values["against-args"] ?? null, dataDir, shape, workers, rounds, seconds, bare, this: mine, againstBuild: theirs,
    cpuRatio: Math.round((mine.cpuMicrosecondsPerRequest / theirs.cpuMicrosecondsPerRequest) * 1000) / 1000,
    rpsRatio: Math.round((mine.rps / theirs.rps) * 1000) / 1000,
  },
}) + "\n");
process.exit(0);
