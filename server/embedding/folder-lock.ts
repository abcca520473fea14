// One generator of a folder at a time, across processes: `serve --workers` starts several,
// and each would otherwise build the same 40 MB model at first use and delete the others'.
// The lock is a file created exclusively next to the folder, holding its owner's pid; a lock
// whose owner has died is taken over, so a killed generation never blocks the next one.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const POLL_MS = 200;

export async function withFolderLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = lockOwner(lock);
    if (owner === undefined) continue; // released meanwhile
    if (!processAlive(owner)) rmSync(lock, { force: true });
    else await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** A temporary folder name beside `dir`, recognisable by removeAbandonedTemporaries. */
export const temporaryName = (dir: string) => join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}-${Date.now()}`);

/** Deletes temporaries that generations killed midway left beside `dir`. */
export function removeAbandonedTemporaries(dir: string): void {
  const prefix = `.${basename(dir)}.tmp-`;
  for (const name of readdirSync(dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split("-")[0]);
    if (pid !== process.pid && !processAlive(pid)) rmSync(join(dirname(dir), name), { recursive: true, force: true });
  }
}

/** The pid in a lock file: 0 (taken as alive) while its owner is still writing it. */
function lockOwner(lock: string): number | undefined {
  try {
    return Number(readFileSync(lock, "utf8")) || 0;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  if (pid === 0) return true;
  if (pid < 0 || !Number.isInteger(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
