// The machine a benchmark ran on, printed with every result so that figures in
// RESULTS.md can be compared only with figures from comparable hardware.
import { arch, cpus, loadavg, release, totalmem } from "node:os";

export interface MachineInfo {
  cpu: string;
  cores: number;
  totalMemoryGB: number;
  node: string;
  platform: string;
  arch: string;
  kernel: string;
  /** 1-minute load average at the start: above ~0 means something else was running. */
  load1: number;
  date: string;
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? "unknown",
    cores: cpuList.length,
    totalMemoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: process.platform,
    arch: arch(),
    kernel: release(),
    load1: Math.round(loadavg()[0] * 100) / 100,
    date: new Date().toISOString(),
  };
}

/** One JSON line on stdout: `{"machine": {...}}`. */
export function printMachine(): MachineInfo {
  const info = machineInfo();
  process.stdout.write(JSON.stringify({ machine: info }) + "\n");
  return info;
}
