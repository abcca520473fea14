import { readFileSync, readdirSync } from "node:fs";

/**
 * CPU seconds (user + system) a process and its children have used so far (Linux /proc;
 * every thread counts). Two readings around a load give the server's CPU a request: a
 * cost figure that a noisy machine disturbs less than requests per second.
 */
export function cpuSecondsOf(pid: number): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // Fields after the command name (in parentheses, which may hold spaces): state is 3rd, ppid 4th, utime 14th, stime 15th.
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(p) !== pid && Number(fields[1]) !== pid) continue;
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
