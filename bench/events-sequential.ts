// POST /events under two settings or builds that must not serve one store at the same
// time — how the write-ahead log is checkpointed, how a write waits for SQLite's lock: one
// service's checkpoints would serve the other's log. Each variant's `tuijian serve` is
// started alone on the data directory, in turn (the order alternating by round), loaded
// --settle seconds after /readyz (the shared histories' first build) with --runs runs of
// --seconds each, 50 connections, one view of a random item by a random shopper a request
// (seeded; stored in DIR), then stopped. Prints the machine, each run, and per variant the
// median requests/s, p99 and server CPU a request, answers not 201, and the largest size
// the WAL reached while it was loaded.
//   node dist/bench/events-sequential.js --data-dir DIR [--against OTHER_CHECKOUT] [--serve-args=…] [--against-args=…]
//        [--workers 2] [--rounds 4] [--runs 3] [--seconds 10] [--settle 50]
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
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
import { failOnExit, waitFor, words } from "./servers.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" }, against: { type: "string" }, "serve-args": { type: "string" }, "against-args": { type: "string" },
    workers: { type: "string" }, rounds: { type: "string" }, runs: { type: "string" }, seconds: { type: "string" }, settle: { type: "string" },
  },
});
const dataDir = values["data-dir"];
if (!dataDir) throw new Error("--data-dir DIR (a store with a trained model) is required");
const [workers, rounds, runs, seconds, settle] = [values.workers ?? 2, values.rounds ?? 4, values.runs ?? 3, values.seconds ?? 10, values.settle ?? 50].map(Number);
const variants = [
  { name: "this", root: projectRoot(), args: words(values["serve-args"]) },
  { name: "against", root: values.against ?? projectRoot(), args: words(values["against-args"]) },
];

printMachine();
const store = await openStore(`sqlite:${join(dataDir, "tuijian.db")}`);
const random = seededRandom(13);
const users = await store.users.allIds();
const items = (await store.items.page({ limit: 5000 })).map((i) => i.id);
await store.close();
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];

type Run = { rps: number; p99: number; cpuUs: number; notCreated: number; walMB: number };
const results: Record<string, Run[]> = { this: [], against: [] };
for (let round = 0; round < rounds; round++) {
  for (const v of round % 2 ? [...variants].reverse() : variants) {
    const port = await freePort();
    const child = spawn(process.execPath, [join(v.root, "dist", "server", "cli.js"), "serve", "--workers", String(workers), "--port", String(port), "--host", "127.0.0.1", "--data-dir", dataDir, ...v.args], { stdio: ["ignore", "ignore", "pipe"] });
    const stopped = failOnExit(child);
    await waitFor(() => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok), v.name);
    await new Promise((resolve) => setTimeout(resolve, settle * 1000));
    for (let k = 0; k < runs; k++) {
      let wal = 0;
      const sampler = setInterval(() => (wal = Math.max(wal, statSync(join(dataDir, "tuijian.db-wal"), { throwIfNoEntry: false })?.size ?? 0)), 100);
      const { result, cpuMicroseconds } = await cpuPerRequest(child.pid!, () =>
        autocannon({
          url: `http://127.0.0.1:${port}`, connections: 50, duration: seconds,
          requests: [{ method: "POST", path: "/events", headers: { "content-type": "application/json" }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ user_id: pick(users), item_id: pick(items), type: "view" }) }) }],
        }),
      );
      clearInterval(sampler);
      const run = { rps: Math.round(result.requests.average), p99: result.latency.p99, cpuUs: cpuMicroseconds, notCreated: result.errors + result.timeouts + result.non2xx, walMB: Math.round(wal / 2 ** 20) };
      results[v.name].push(run);
      console.log(JSON.stringify({ variant: v.name, round, ...run }));
    }
    await stopped();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const summary = (rows: Run[]) => ({
  rps: median(rows.map((r) => r.rps)), p99ms: median(rows.map((r) => r.p99)), cpuMicrosecondsPerRequest: median(rows.map((r) => r.cpuUs)),
  notCreated: rows.reduce((s, r) => s + r.notCreated, 0), walMaxMB: Math.max(...rows.map((r) => r.walMB)),
});
const [mine, theirs] = [summary(results.this), summary(results.against)];
process.stdout.write(JSON.stringify({
  eventsSequential: {
    code: codeVersion(), dataDir, workers, rounds, runs, seconds, settle,
    this: { serveArgs: values["serve-args"] ?? null, ...mine },
    against: { checkout: values.against ?? null, serveArgs: values["against-args"] ?? null, ...theirs },
    rpsRatio: Math.round((mine.rps / theirs.rps) * 1000) / 1000,
  },
}) + "\n");
process.exit(0);
