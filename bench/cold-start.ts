// `tuijian serve` started on a machine whose page cache does not hold the store (after a
// reboot), with and without the store's read-ahead (--store-read-ahead), in alternating
// rounds: each round drops the OS page cache (Linux, as root: /proc/sys/vm/drop_caches),
// starts the service, waits for /readyz, then asks for lists of shoppers not asked for
// before in the run (all misses: each reads its shopper's id and history from the store)
// in consecutive windows. Prints the machine, then each round's windows and the medians by
// window as JSON: requests/s, p99 and the longest request. With --against, this checkout's
// `serve` and another built one's (both with their default read-ahead) instead; with
// --keep-page-cache the cache is not dropped (a restart, not a reboot); with --idle, the
// load starts that many seconds after /readyz (what a start does in the background is over).
//   node dist/bench/cold-start.js --data-dir DIR [--workers 2] [--rounds 2] [--windows 8] [--seconds 5] [--connections 50]
//        [--against OTHER_CHECKOUT] [--keep-page-cache] [--idle SECONDS]
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openStore } from "../server/store/open.js";
import { projectRoot } from "../server/project-root.js";
import { seededRandom } from "../models/random.js";
import { freePort } from "./free-port.js";
import { printMachine } from "./machine.js";
import { shuffled, started, waitFor } from "./servers.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" }, workers: { type: "string" }, rounds: { type: "string" }, windows: { type: "string" },
    seconds: { type: "string" }, connections: { type: "string" }, against: { type: "string" }, "keep-page-cache": { type: "boolean" }, idle: { type: "string" },
  },
});
const dataDir = values["data-dir"];
if (!dataDir) throw new Error("--data-dir DIR (a store with a trained model) is required");
const workers = Number(values.workers ?? 2);
const rounds = Number(values.rounds ?? 2);
const windows = Number(values.windows ?? 8);
const seconds = Number(values.seconds ?? 5);
const connections = Number(values.connections ?? 50);
const idleMs = Number(values.idle ?? 0) * 1000;
const against = values.against;
/** Each side: the checkout whose `serve` runs, and the read-ahead setting it is given (its default when undefined). */
const sides: Record<string, { checkout: string; readAhead?: boolean }> = against
  ? { this: { checkout: projectRoot() }, against: { checkout: against } }
  : { without: { checkout: projectRoot(), readAhead: false }, readAhead: { checkout: projectRoot(), readAhead: true } };

function dropPageCache(): void {
  try {
    writeFileSync("/proc/sys/vm/drop_caches", "1");
  } catch (err) {
    throw new Error(`dropping the page cache needs Linux and root (${(err as Error).message})`);
  }
}

printMachine();
const store = await openStore(`sqlite:${join(dataDir, "tuijian.db")}`);
const users = shuffled(await store.users.allIds(), seededRandom(17));
await store.close();
let next = 0;

type Window = { at: number; rps: number; p99: number; max: number };
async function round({ checkout, readAhead }: { checkout: string; readAhead?: boolean }): Promise<{ readyMs: number; windows: Window[] }> {
  if (!values["keep-page-cache"]) dropPageCache();
  const port = await freePort();
  const t0 = Date.now();
  const cli = join(checkout, "dist", "server", "cli.js");
  const setting = readAhead === undefined ? [] : ["--store-read-ahead", String(readAhead)];
  const service = started(spawn(process.execPath, [cli, "serve", "--workers", String(workers), "--port", String(port), "--host", "127.0.0.1", "--data-dir", dataDir!, ...setting]));
  await waitFor(() => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok), "the service");
  const readyMs = Date.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const out: Window[] = [];
  for (let w = 0; w < windows; w++) {
    const r = await autocannon({
      url: `http://127.0.0.1:${port}`, connections, duration: seconds,
      requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: `/recommend?user=${encodeURIComponent(users[next++ % users.length])}&n=20` }) }],
    });
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${r.non2xx} non-2xx answers, ${r.errors} errors`);
    out.push({ at: Math.round((Date.now() - t0) / 1000), rps: Math.round(r.requests.average), p99: r.latency.p99, max: r.latency.max });
  }
  // A graceful stop exits 0, which started() would take for a crash.
  service.removeAllListeners("exit");
  const exited = new Promise((r) => service.once("exit", r));
  service.kill("SIGTERM");
  await exited;
  return { readyMs, windows: out };
}

const names = Object.keys(sides);
const results: Record<string, Awaited<ReturnType<typeof round>>[]> = Object.fromEntries(names.map((side) => [side, []]));
for (let r = 0; r < rounds; r++) {
  for (const side of r % 2 === 0 ? names : [...names].reverse()) {
    const run = await round(sides[side]);
    results[side].push(run);
    console.log(JSON.stringify({ round: r, side, ...run }));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const byWindow = (runs: Awaited<ReturnType<typeof round>>[]) =>
  Array.from({ length: windows }, (_, w) => ({
    window: w + 1, rps: median(runs.map((x) => x.windows[w].rps)), p99: median(runs.map((x) => x.windows[w].p99)), max: median(runs.map((x) => x.windows[w].max)),
  }));
console.log(JSON.stringify({
  against: against ?? null, keepPageCache: values["keep-page-cache"] ?? false, idleSeconds: idleMs / 1000,
  medians: Object.fromEntries(Object.entries(results).map(([side, runs]) => [side, { readyMs: median(runs.map((x) => x.readyMs)), windows: byWindow(runs) }])),
}));
