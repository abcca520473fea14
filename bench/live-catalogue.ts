// A catalogue that changes under load: `tuijian serve` of this checkout and of another
// (--against, built, on its own copy of the shop: builds may differ in schema), each with
// --workers, loaded in turn with /recommend traffic (--shape misses: every request a shopper
// not asked for before; returning: 5,000 seeded shoppers, each back about once a second;
// hits: 20 asked for again and again), once with the catalogue
// still and once while this process changes items' stock in the store being loaded
// (--updates-per-second, as an import or another instance would: every serving process
// sees the catalogue counter move). --query adds parameters to every request, e.g. a
// category page's filter: "category=Classic Candles&in_stock=true"; --rule a merchandising
// rule (POST /rules's JSON, with its id) each build holds while it is loaded, deleted after,
// e.g. '{"id":"lift","rule":{"action":"boost","match":{"filter":"category = \"Classic Mugs\""},"multiply":2}}'. Rounds alternate the
// order of builds. Prints the machine, then per build and condition the median
// requests/s, p99, longest request and server CPU a request.
//   node dist/bench/live-catalogue.js --data-dir DIR --against ROOT --against-data-dir DIR [--shape misses|returning|hits] [--workers 2] [--rounds 4] [--seconds 5] [--updates-per-second 20] [--query Q] [--rule JSON]
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import type { Store } from "../server/store/types.js";
import type { ItemRecord } from "../server/store/records.js";
import { projectRoot } from "../server/project-root.js";
import { seededRandom } from "../models/random.js";
import { freePort } from "./free-port.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";
import { cpuPerRequest } from "./process-tree.js";
import { shuffled, started, waitFor } from "./servers.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" }, against: { type: "string" }, "against-data-dir": { type: "string" }, workers: { type: "string" },
    shape: { type: "string" }, rounds: { type: "string" }, seconds: { type: "string" }, "updates-per-second": { type: "string" }, query: { type: "string" }, rule: { type: "string" },
  },
});
const [dataDir, other, otherDataDir] = [values["data-dir"], values.against, values["against-data-dir"]];
if (!dataDir || !other || !otherDataDir) throw new Error("--data-dir DIR (a trained store), --against ROOT (another built checkout) and --against-data-dir DIR (a copy of the store at its schema) are required");
const shape = values.shape ?? "misses";
const POOLS: Record<string, number> = { hits: 20, returning: 5000, misses: Infinity };
if (!(shape in POOLS)) throw new Error(`--shape must be misses, returning or hits, not ${shape}`);
const [workers, rounds, seconds, rate] = [Number(values.workers ?? 2), Number(values.rounds ?? 4), Number(values.seconds ?? 5), Number(values["updates-per-second"] ?? 20)];
const query = values.query ? `&${new URLSearchParams(values.query)}` : "";

printMachine();
const random = seededRandom(11);
/** A build's store, opened by the build's own code (this one's would migrate the other's schema). */
const storeOf = async (root: string, dir: string): Promise<Store> => {
  const { openStore } = (await import(pathToFileURL(join(root, "dist", "server", "store", "open.js")).href)) as typeof import("../server/store/open.js");
  return openStore(`sqlite:${join(dir, "tuijian.db")}`);
};
const builds = {
  this: { root: projectRoot(), dataDir, store: await storeOf(projectRoot(), dataDir) },
  against: { root: other, dataDir: otherDataDir, store: await storeOf(other, otherDataDir) },
};
const all = shuffled(await builds.this.store.users.allIds(), random);
const users = all.slice(0, POOLS[shape]);
const items: ItemRecord[] = await builds.this.store.items.page({ limit: 2000, deleted: false });

const servers: Record<string, { port: number; child: ChildProcess }> = {};
for (const [name, build] of Object.entries(builds)) {
  const port = await freePort();
  const args = [join(build.root, "dist", "server", "cli.js"), "serve", "--workers", String(workers), "--host", "127.0.0.1", "--data-dir", build.dataDir, "--port", String(port)];
  servers[name] = { port, child: started(spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] })) };
  await waitFor(() => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok), name);
  if (values.rule) await ruleCall(port, "POST", "/rules", values.rule);
}

async function ruleCall(port: number, method: string, path: string, body?: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, body, headers: { "content-type": "application/json" } });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
}

/** Changes one item's stock (never to 0: what a list may show stays the same) every 1000/rate ms until stopped. */
function changing(store: Store): () => Promise<number> {
  let updates = 0;
  let writing = Promise.resolve();
  const timer = setInterval(() => {
    const item = items[Math.floor(random() * items.length)];
    writing = writing.then(async () => {
      const { id, title, description, category, price, tags, attributes } = item;
      await store.items.upsert({ id, title, description, category, price, tags, attributes, stock: 1 + Math.floor(random() * 50) });
      updates++;
    });
  }, 1000 / rate);
  return async () => {
    clearInterval(timer);
    await writing;
    return updates;
  };
}

let asked = 0;
/** The next shopper: in turn through all of them (misses), or at random from the pool. */
const pick = seededRandom(12);
const next = () => (shape === "misses" ? users[asked++ % users.length] : users[Math.floor(pick() * users.length)]);
const load = (name: string) =>
  autocannon({
    url: `http://127.0.0.1:${servers[name].port}`, connections: 50, duration: seconds,
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: `/recommend?user=${encodeURIComponent(next())}&n=20${query}` }) }],
  });
for (const name of Object.keys(builds)) await load(name);

type Run = { rps: number; p99: number; maxMs: number; cpuUs: number; errors: number; updates: number };
const runs: Record<string, Run[]> = { "this still": [], "this changing": [], "against still": [], "against changing": [] };
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 ? ["against", "this"] : ["this", "against"]) {
    for (const condition of ["still", "changing"]) {
      const stop = condition === "changing" ? changing(builds[name as keyof typeof builds].store) : async () => 0;
      const { result, cpuMicroseconds } = await cpuPerRequest(servers[name].child.pid!, () => load(name));
      const updates = await stop();
      runs[`${name} ${condition}`].push({
        rps: Math.round(result.requests.average), p99: result.latency.p99, maxMs: result.latency.max, cpuUs: cpuMicroseconds,
        errors: result.errors + result.timeouts + result.non2xx, updates,
      });
    }
  }
}
if (values.rule) for (const { port } of Object.values(servers)) await ruleCall(port, "DELETE", `/rules/${(JSON.parse(values.rule) as { id: string }).id}`);
for (const { child } of Object.values(servers)) child.kill("SIGTERM");
for (const { store } of Object.values(builds)) await store.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const summary = (rows: Run[]) => ({
  rps: median(rows.map((r) => r.rps)), p99ms: median(rows.map((r) => r.p99)), maxMs: median(rows.map((r) => r.maxMs)),
  cpuMicrosecondsPerRequest: median(rows.map((r) => r.cpuUs)), errors: rows.reduce((s, r) => s + r.errors, 0), runs: rows,
});
process.stdout.write(JSON.stringify({
  liveCatalogue: {
    code: codeVersion(), against: other, dataDir, otherDataDir, shape, query: values.query ?? null, rule: values.rule ?? null, workers, rounds, seconds, updatesPerSecond: rate,
    ...Object.fromEntries(Object.entries(runs).map(([k, rows]) => [k, summary(rows)])),
  },
}) + "\n");
process.exit(0);
