// A model switch under a storefront's traffic (issue 18): `tuijian serve` on a data
// directory holding two intact model versions, asked by a fixed set of returning shoppers
// in a seeded random order at a steady rate below saturation, while CURRENT is switched to
// the other version and, later, back. Before each switch every shopper's list is asked for
// ~8 times (each worker keeps nearly all); the --seconds after it are measured: latency, and the list cache's
// misses and warmed lists from /metrics. Settings, in rotating order each round: this
// build with warm-up at --warmup (the default setting), this build with
// --list-cache-warmup 0, and another built checkout (--against DIR) as it runs. CURRENT is
// put back at the end. Prints the machine, then per setting the medians and every run as JSON.
//   node dist/bench/model-switch.js --data-dir DIR [--against DIR] [--workers 2] [--shoppers 1000] [--rate 1000] [--seconds 15] [--rounds 2] [--warmup 1000]
import { spawn } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openStore } from "../server/store/open.js";
import { projectRoot } from "../server/project-root.js";
import { ModelRegistry } from "../server/model-registry.js";
import { seededRandom } from "../models/random.js";
import { freePort } from "./free-port.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";
import { shuffled, waitFor } from "./servers.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" }, workers: { type: "string" }, shoppers: { type: "string" }, rate: { type: "string" },
    seconds: { type: "string" }, rounds: { type: "string" }, warmup: { type: "string" }, against: { type: "string" },
  },
});
const dataDir = values["data-dir"];
if (!dataDir) throw new Error("--data-dir DIR (a store with two trained model versions) is required");
const workers = Number(values.workers ?? 2);
const shopperCount = Number(values.shoppers ?? 1000);
const rate = Number(values.rate ?? 1000);
const seconds = Number(values.seconds ?? 15);
const rounds = Number(values.rounds ?? 2);
const against = values.against;
const warmup = Number(values.warmup ?? 1000);

const registry = new ModelRegistry(join(dataDir, "models"));
const original = registry.current();
const other = registry.versions().filter((v) => v !== original).at(-1);
if (!original || !other) throw new Error(`${dataDir}/models needs two versions to switch between`);
const setCurrent = (version: string) => {
  writeFileSync(join(registry.dir, "CURRENT.tmp"), version + "\n");
  renameSync(join(registry.dir, "CURRENT.tmp"), join(registry.dir, "CURRENT"));
};

printMachine();
const store = await openStore(`sqlite:${join(dataDir, "tuijian.db")}`);
const shoppers = shuffled(await store.users.allIds(), seededRandom(5)).slice(0, shopperCount);
await store.close();

const cli = join(projectRoot(), "dist", "server", "cli.js");
const counter = (metrics: string, name: string) => Number(new RegExp(`^${name} (\\d+)`, "m").exec(metrics)?.[1] ?? 0);
const cacheFigures = async (port: number) => {
  const m = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return {
    hits: counter(m, 'tuijian_list_cache_requests_total\\{outcome="hit"\\}'),
    misses: counter(m, 'tuijian_list_cache_requests_total\\{outcome="miss"\\}'),
    warmed: counter(m, "tuijian_list_cache_warmed_total"),
  };
};
// Returning shoppers in a seeded random order.
const pick = seededRandom(7);
const load = (port: number, duration: number) =>
  autocannon({
    url: `http://127.0.0.1:${port}`, connections: 20, overallRate: rate, duration,
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: `/recommend?user=${encodeURIComponent(shoppers[Math.floor(pick() * shoppers.length)])}&n=20` }) }],
  });

type Setting = { name: string; root: string; args: string[] };
const settings: Setting[] = [
  { name: "warm", root: projectRoot(), args: ["--list-cache-warmup", String(warmup)] },
  { name: "cold", root: projectRoot(), args: ["--list-cache-warmup", "0"] },
  ...(against ? [{ name: "against", root: against, args: [] }] : []),
];
type Run = { setting: string; switchedTo: string; rps: number; p50: number; p90: number; p99: number; max: number; hits: number; misses: number; warmed: number; errors: number };
const done: Run[] = [];
try {
  for (let r = 0; r < rounds; r++) {
    for (const setting of settings.map((_, i) => settings[(i + r) % settings.length])) {
      const port = await freePort();
      let stopping = false;
      const child = spawn(process.execPath, [
        join(setting.root, "dist", "server", "cli.js"), "serve", "--workers", String(workers), "--port", String(port), "--host", "127.0.0.1",
        "--data-dir", dataDir, "--model-poll-ms", "200", ...setting.args,
      ], { stdio: ["ignore", "ignore", "pipe"] });
      let log = "";
      child.stderr.on("data", (d) => (log = (log + d).slice(-5000)));
      child.on("exit", (code) => {
        if (!stopping) throw new Error(`the service exited (${code}) during the bench:\n${log}`);
      });
      try {
        await waitFor(() => fetch(`http://127.0.0.1:${port}/readyz`).then((res) => res.ok), "the service");
        // To the other version and back: each setting sees both directions.
        for (const to of [other, original]) {
          // Every shopper asked for several times, so that each worker keeps their list.
          await load(port, Math.max(3, Math.ceil((8 * shopperCount) / rate)));
          const before = await cacheFigures(port);
          setCurrent(to);
          const result = await load(port, seconds);
          const after = await cacheFigures(port);
          done.push({
            setting: setting.name, switchedTo: to, rps: Math.round(result.requests.average),
            p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max,
            hits: after.hits - before.hits, misses: after.misses - before.misses, warmed: after.warmed - before.warmed,
            errors: result.errors + result.timeouts + result.non2xx,
          });
        }
      } finally {
        stopping = true;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
    }
  }
} finally {
  setCurrent(original);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const summary = (rows: Run[]) => ({
  p50ms: median(rows.map((r) => r.p50)), p90ms: median(rows.map((r) => r.p90)), p99ms: median(rows.map((r) => r.p99)),
  misses: median(rows.map((r) => r.misses)), hits: median(rows.map((r) => r.hits)), warmed: median(rows.map((r) => r.warmed)),
});
process.stdout.write(JSON.stringify({
  modelSwitch: {
    code: codeVersion(), dataDir, workers, shoppers: shopperCount, rate, seconds, rounds, versions: [original, other],
    against: against ?? null, ...Object.fromEntries(settings.map((x) => [x.name, summary(done.filter((r) => r.setting === x.name))])), runs: done,
  },
}) + "\n");
process.exit(0);
