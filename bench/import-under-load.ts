// A large import on a live server (issue 12): serves the trained demo shop with
// `serve --workers 2`, loads it with /recommend reads and POST /events writes at fixed
// rates, and runs `tuijian import --events` of a seeded 2,000,000-row file meanwhile.
// Prints /recommend latency and status counts, the write outcomes and the import's rate;
// the same load without an import, in the same run, is the baseline.
//   node dist/bench/import-under-load.js [--rows 2000000] [--baseline-seconds 30] [--rate 300] [--write-rate 50] [--work DIR]
import { spawn } from "node:child_process";
import { cpSync, createWriteStream, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { loadConfig } from "../server/config.js";
import { openRuntime } from "../server/runtime.js";
import { prepareStore } from "../server/serve.js";
import { demoRetailSources } from "../server/import/demo-retail.js";
import { projectRoot } from "../server/project-root.js";
import { seededRandom } from "../models/random.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({
  options: {
    rows: { type: "string" }, "baseline-seconds": { type: "string" }, rate: { type: "string" },
    "write-rate": { type: "string" }, connections: { type: "string" }, work: { type: "string" },
  },
});
const rows = Number(values.rows ?? 2_000_000);
const baselineSeconds = Number(values["baseline-seconds"] ?? 30);
const rate = Number(values.rate ?? 300);
const writeRate = Number(values["write-rate"] ?? 50);
const connections = Number(values.connections ?? 10);
const work = values.work ?? join(tmpdir(), "tuijian-import-under-load");
const CLI = join(projectRoot(), "dist/server/cli.js");

printMachine();

// The trained demo shop, prepared once and copied afresh for each run.
const prepared = join(work, "prepared");
if (!existsSync(join(prepared, "models"))) {
  const config = loadConfig({}, { dataDir: prepared, demo: true });
  const rt = await openRuntime(config);
  await prepareStore(rt, config);
  await rt.close();
}
const dataDir = join(work, "run");
rmSync(dataDir, { recursive: true, force: true });
cpSync(prepared, dataDir, { recursive: true });
const shop = await openRuntime(loadConfig({}, { dataDir, demo: false }));
const users = await shop.store.users.allIds();
await shop.close();
const items: string[] = [];
for await (const r of (await demoRetailSources()).items.records) items.push(String(r.fields!.item_id));

const eventsFile = join(work, `events-${rows}.csv`);
if (!existsSync(eventsFile)) await writeEvents(eventsFile);

const server = spawn(process.execPath, [CLI, "serve", "--workers", "2", "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir], {
  env: { ...process.env, TUIJIAN_DEMO: "0" },
});
let serverLog = "";
server.stderr.on("data", (d) => (serverLog += d));
const port = await new Promise<number>((resolve) => {
  const timer = setInterval(() => {
    const ports = [...serverLog.matchAll(/"msg":"listening","url":"http:\/\/127\.0\.0\.1:(\d+)"/g)];
    if (ports.length >= 2) {
      clearInterval(timer);
      resolve(Number(ports[0][1]));
    }
  }, 100);
});

await measure(5); // warm-up: JIT, page cache
const baseline = await measure(baselineSeconds);
const started = performance.now();
const importer = spawn(process.execPath, [CLI, "import", "--events", eventsFile, "--data-dir", dataDir, "--json"], { stdio: ["ignore", "pipe", "inherit"] });
let importOut = "";
importer.stdout.on("data", (d) => (importOut += d));
const importDone = new Promise<number | null>((resolve) => importer.once("exit", resolve));
const during = await measure(Infinity, importDone);
const importCode = await importDone;
const importSeconds = (performance.now() - started) / 1000;
server.kill("SIGTERM");
await new Promise((resolve) => server.once("exit", resolve));
const report = importCode === 0 ? JSON.parse(importOut) : undefined;
const internalErrors = serverLog.split("\n").filter((l) => l.includes('"level":"error"')).length;

process.stdout.write(JSON.stringify({
  importUnderLoad: {
    code: codeVersion(), rows, recommendRate: rate, writeRate, connections, shopUsers: users.length, shopItems: items.length,
    baseline, during,
    import: { exitCode: importCode, seconds: round(importSeconds), rowsPerSecond: Math.round(rows / importSeconds), report: report?.sources[0] },
    serverErrorLogLines: internalErrors,
  },
}) + "\n");

interface Phase {
  seconds: number;
  recommend: { requests: number; p50ms: number; p99ms: number; maxMs: number; status: Record<string, number>; errors: number };
  writes: { requests: number; p99ms: number; maxMs: number; status: Record<string, number>; errors: number };
}

/** Reads and writes at fixed rates for `seconds`, or until `until` settles. */
async function measure(seconds: number, until?: Promise<unknown>): Promise<Phase> {
  const random = seededRandom(11);
  let writeNo = 0;
  const run = (opts: autocannon.Options) =>
    new Promise<{ instance: autocannon.Instance; result: Promise<autocannon.Result> }>((resolve) => {
      let done!: (r: autocannon.Result) => void;
      const result = new Promise<autocannon.Result>((r) => (done = r));
      const instance = autocannon(opts, (err, res) => (err ? done({ errors: 1 } as autocannon.Result) : done(res)));
      resolve({ instance, result });
    });
  const duration = Number.isFinite(seconds) ? seconds : 3600;
  const t0 = performance.now();
  const reads = await run({
    url: `http://127.0.0.1:${port}`, connections, overallRate: rate, duration,
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: `/recommend?user=${encodeURIComponent(users[Math.floor(random() * users.length)])}&n=20` }) }],
  });
  const writes = await run({
    url: `http://127.0.0.1:${port}`, connections: 2, overallRate: writeRate, duration,
    requests: [{
      method: "POST", path: "/events", headers: { "content-type": "application/json" },
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({
          event_id: `live-${process.pid}-${writeNo++}`, user_id: users[Math.floor(random() * users.length)],
          item_id: items[Math.floor(random() * items.length)], type: "view",
        }),
      }),
    }],
  });
  if (until) {
    await until;
    reads.instance.stop();
    writes.instance.stop();
  }
  const [r, w] = await Promise.all([reads.result, writes.result]);
  return {
    seconds: round((performance.now() - t0) / 1000),
    recommend: { requests: r.requests.total, p50ms: r.latency.p50, p99ms: r.latency.p99, maxMs: r.latency.max, status: statuses(r), errors: r.errors + r.timeouts },
    writes: { requests: w.requests.total, p99ms: w.latency.p99, maxMs: w.latency.max, status: statuses(w), errors: w.errors + w.timeouts },
  };
}

/** Responses by class, with 503 apart from the other 5xx. */
function statuses(res: autocannon.Result): Record<string, number> {
  const out: Record<string, number> = { "2xx": res["2xx"], "4xx": res["4xx"], "503": 0, "other 5xx": 0 };
  for (const [code, stat] of Object.entries(res.statusCodeStats ?? {})) {
    if (code === "503") out["503"] += stat.count ?? 0;
    else if (code.startsWith("5")) out["other 5xx"] += stat.count ?? 0;
  }
  return out;
}

/**
 * The events file: shoppers of the demo shop (80 %) and new ones, its items (90 %) and
 * new ones, mostly views, over 2026 until August; half the rows carry an event_id, 1 % of
 * them that of an earlier row (a duplicate when that row had one).
 */
async function writeEvents(file: string): Promise<void> {
  const random = seededRandom(42);
  const out = createWriteStream(file);
  const types = ["view", "view", "view", "view", "view", "view", "view", "click", "click", "cart", "purchase"];
  const t0 = Date.parse("2026-01-01T00:00:00Z") / 1000;
  let chunk = "event_id,user_id,item_id,type,timestamp\n";
  for (let k = 0; k < rows; k++) {
    const user = random() < 0.8 ? users[Math.floor(random() * users.length)] : `bench-u${Math.floor(random() * 50_000)}`;
    const item = random() < 0.9 ? items[Math.floor(random() * items.length)] : `bench-i${Math.floor(random() * 3000)}`;
    const id = random() < 0.5 ? `imp-${random() < 0.01 && k > 0 ? Math.floor(random() * k) : k}` : "";
    chunk += `${id},${user},${item},${types[Math.floor(random() * types.length)]},${t0 + k * 10}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve) => out.once("finish", () => resolve()));
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
