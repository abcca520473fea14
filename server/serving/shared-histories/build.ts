// One build of the shared histories' file (writer.ts), run in a thread of its own
// (build-thread.ts) where one is compiled, else in the calling thread (tests from sources).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { openHistoryDump } from "../../store/sqlite/history-dump.js";
import { SnapshotFile } from "./snapshot-file.js";
import { TooLarge, writeFull, writeMerged, type Built } from "./writer.js";

export interface BuildJob {
  /** The SQLite store's file. */
  file: string;
  /** Where to write: a descriptor this process holds. */
  fd: number;
  generation: number;
  maxHistory: number;
  /** Bytes the file may take. */
  budget: number;
  /** The file to merge the events stored since into; none: build afresh. */
  previous?: { fd: number; generation: number };
}

/** What a build gives: the file, or why there is none (`merge: false`: events were deleted since the previous file; build afresh). */
export type BuildResult = { built: Built } | { error: string; tooLarge?: boolean } | { merge: false };

export function runBuild(job: BuildJob): BuildResult {
  const dump = openHistoryDump(job.file);
  try {
    if (!job.previous) return { built: writeFull(dump, job.fd, job) };
    const old = SnapshotFile.open(job.previous.fd, job.previous.generation);
    if (!old || old.header.maxHistory !== job.maxHistory) return { merge: false };
    const built = writeMerged(dump, old, job.fd, job);
    return built ? { built } : { merge: false };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err), tooLarge: err instanceof TooLarge };
  } finally {
    dump.close();
  }
}

const THREAD = new URL("./build-thread.js", import.meta.url);

export function build(job: BuildJob): Promise<BuildResult> {
  if (!existsSync(fileURLToPath(THREAD))) return Promise.resolve().then(() => runBuild(job));
  return new Promise((resolve) => {
    const worker = new Worker(THREAD, { workerData: job });
    worker.once("message", resolve);
    worker.once("error", (err) => resolve({ error: err.message }));
    worker.once("exit", (code) => resolve({ error: `the shared histories' thread exited (${code})` }));
  });
}
