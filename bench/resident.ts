import { readFileSync, readdirSync } from "node:fs";

/** Resident memory of a process and its children (Linux /proc), MB each: "primary" and "worker <pid>". */
export function residentOf(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      if (Number(p) !== pid && Number(/PPid:\s+(\d+)/.exec(status)?.[1]) !== pid) continue;
      out[p === String(pid) ? "primary" : `worker ${p}`] = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}
