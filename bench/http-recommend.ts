// HTTP load on /recommend against the framework ceiling: starts `tuijian serve` on a
// trained data directory, then alternates autocannon runs on /recommend (random known
// users, seeded) and on /healthz (static JSON of the same app), and prints medians.
//   node dist/bench/http-recommend.js --data-dir DIR [--store URL] [--workers 2] [--connections 50] [--seconds 10] [--runs 3]
// --store (postgres://… or sqlite:<file>; default: DIR/tuijian.db) is passed on to `serve`,
// and the shoppers to ask for are read from it; models come from DIR/models.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openStore } from "../server/store/open.js";
import { projectRoot } from "../server/project-root.js";
import { seededRandom } from "../models/random.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" }, store: { type: "string" }, workers: { type: "string" }, connections: { type: "string" },
    seconds: { type: "string" }, runs: { type: "string" }, n: { type: "string" },
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
await store.close();
const random = seededRandom(7);
const users = Array.from({ length: 10_000 }, () => encodeURIComponent(allUsers[Math.floor(random() * allUsers.length)]));

const server = spawn(process.execPath, [join(projectRoot(), "dist/server/cli.js"), "serve", "--workers", workers, "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir, ...(values.store === undefined ? [] : ["--store", values.store])]);
let log = "";
server.stderr.on("data", (d) => (log += d));
const port = await new Promise<number>((resolve) => {
  const timer = setInterval(() => {
    const ports = [...log.matchAll(/"msg":"listening","url":"http:\/\/127\.0\.0\.1:(\d+)"/g)];
    if (ports.length >= Math.max(1, Number(workers))) {
      clearInterval(timer);
      resolve(Number(ports[0][1]));
    }
  }, 100);
});

let next = 0;
const load = (path: "recommend" | "static") =>
  autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({ ...req, path: path === "static" ? "/healthz" : `/recommend?user=${users[next++ % users.length]}&n=${n}` }),
      },
    ],
  });

const results: Record<string, { rps: number; p50: number; p99: number; errors: number; non2xx: number }[]> = { static: [], recommend: [] };
await load("recommend"); // warm-up: JIT, page cache
for (let r = 0; r < runs; r++) {
  for (const path of ["static", "recommend"] as const) {
    const res = await load(path);
    results[path].push({ rps: res.requests.average, p50: res.latency.p50, p99: res.latency.p99, errors: res.errors + res.timeouts, non2xx: res.non2xx });
  }
}
const rssMB = residentMB(server.pid!);
server.kill("SIGTERM");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (rows: (typeof results)["static"]) => ({
  rps: median(rows.map((r) => r.rps)), p50ms: median(rows.map((r) => r.p50)), p99ms: median(rows.map((r) => r.p99)),
  errors: rows.reduce((s, r) => s + r.errors + r.non2xx, 0), runs: rows,
});
const recommend = summary(results.recommend);
const ceiling = summary(results.static);
process.stdout.write(JSON.stringify({
  http: {
    code: codeVersion(), dataDir, store: storeUrl.split(":")[0], workers: Number(workers), connections, seconds: duration, n, users: allUsers.length,
    recommend, static: ceiling, recommendShareOfStatic: Math.round((recommend.rps / ceiling.rps) * 1000) / 1000, residentMB: rssMB,
  },
}) + "\n");

/** Resident memory of the server and its worker processes (Linux /proc), MB each. */
function residentMB(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (Number(p) !== pid && ppid !== pid) continue;
      out[p === String(pid) ? "primary" : `worker ${p}`] = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}
