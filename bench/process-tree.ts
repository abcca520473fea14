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
 * CPU seconds (user + system, every thread) a process and its children have used so far.
 * Two readings around a load give the server's CPU a request: a cost figure that a noisy
 * machine disturbs less than requests per second.
 */
export function cpuSecondsOf(pid: number): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      // After the command name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th fields.
      const stat = readFileSync(`/proc/${p.pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / ticksPerSecond;
}

/** The CPU microseconds a request that `run` made cost the process tree of `pid`. */
export async function cpuPerRequest<T extends { requests: { total: number } }>(pid: number, run: () => Promise<T>): Promise<{ result: T; cpuMicroseconds: number }> {
  const before = cpuSecondsOf(pid);
  const result = await run();
  const used = cpuSecondsOf(pid) - before;
  return { result, cpuMicroseconds: Math.round((used * 1e6) / Math.max(1, result.requests.total)) };
}
