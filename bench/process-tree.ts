// What a server process and its children (cluster workers) use, read from Linux /proc:
// resident memory each, and CPU time all together.
import { readFileSync, readdirSync } from "node:fs";

/** The process and its children: their ids, and /proc/<pid>/status of each. */
function processTree(pid: number): { pid: number; status: string }[] {
  const out: { pid: number; status: string }[] = [];
  for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      if (Number(p) === pid || Number(/PPid:\s+(\d+)/.exec(status)?.[1]) === pid) out.push({ pid: Number(p), status });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** Resident memory of a process and its children, MB each: "primary" and "worker <pid>". */
export function residentOf(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of processTree(pid)) out[p.pid === pid ? "primary" : `worker ${p.pid}`] = Math.round(Number(/VmRSS:\s+(\d+)/.exec(p.status)?.[1]) / 1024);
  return out;
}

/**
 * CPU seconds (user + system) a process and its children have used so far: all their
 * threads, and those besides each process's main thread (V8's helpers — concurrent marking,
 * parallel scavenges, compilers — libuv's pool, tuijian's own threads). Two readings around
 * a load give the server's CPU a request: a cost figure that a noisy machine disturbs less
 * than requests per second.
 */
export function cpuSecondsOf(pid: number): { total: number; helpers: number } {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let [total, main] = [0, 0];
  for (const p of processTree(pid)) {
    total += ticksOf(`/proc/${p.pid}/stat`);
    main += ticksOf(`/proc/${p.pid}/task/${p.pid}/stat`);
  }
  return { total: total / ticksPerSecond, helpers: (total - main) / ticksPerSecond };
}

/** utime + stime of a /proc stat file (0 when the process ended meanwhile). */
function ticksOf(path: string): number {
  try {
    // After the command name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th fields.
    const stat = readFileSync(path, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The CPU microseconds a request that `run` made cost the process trees of `pids`: all of it, and its helper threads' part. */
export async function cpuPerRequest<T extends { requests: { total: number } }>(
  pids: number | number[], run: () => Promise<T>,
): Promise<{ result: T; cpuMicroseconds: number; helperMicroseconds: number }> {
  const trees = [pids].flat();
  const cpu = () => trees.map(cpuSecondsOf).reduce((a, b) => ({ total: a.total + b.total, helpers: a.helpers + b.helpers }));
  const before = cpu();
  const result = await run();
  const after = cpu();
  const perRequest = (seconds: number) => Math.round((seconds * 1e6) / Math.max(1, result.requests.total));
  return { result, cpuMicroseconds: perRequest(after.total - before.total), helperMicroseconds: perRequest(after.helpers - before.helpers) };
}
