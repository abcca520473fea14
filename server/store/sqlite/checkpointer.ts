// One checkpointer for a machine's serving processes (the cluster's primary, or a single
// serving process, runs it): every storeCheckpointMs it copies SQLite's write-ahead log into
// the store file (a PASSIVE checkpoint: it waits for no reader or writer), from a thread of
// its own with its own connection. The serving connections then no longer checkpoint inside
// a COMMIT every 1,000 pages — the copy and its fsyncs on a worker's event loop, the write
// lock held meanwhile — but only past SAFETY_PAGES, should this thread ever stop.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { errorFields, log } from "../../platform/logger.js";
import { isBusy } from "./database.js";

/** The WAL's size (pages) at which a serving connection checkpoints in its COMMIT while a checkpointer runs: never, while it keeps up. */
export const SAFETY_PAGES = 10_000;

export interface Checkpointer {
  /** Resolves once no checkpoint runs any more. */
  stop(): Promise<void>;
}

/** One checkpoint of the store file's WAL; false when another connection's checkpoint was under way. */
export function checkpoint(db: Database.Database): boolean {
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)") as { busy: number }[];
    return result.busy === 0;
  } catch (err) {
    if (isBusy(err)) return false;
    throw err;
  }
}

const THREAD = new URL("./checkpoint-thread.js", import.meta.url);

/** Starts checkpointing `file` every `everyMs`: in a thread where one is compiled, else (tests from sources) on this thread's timers. */
export function startCheckpointer(file: string, everyMs: number): Checkpointer {
  if (!existsSync(fileURLToPath(THREAD))) return checkpointHere(file, everyMs);
  const worker = new Worker(THREAD, { workerData: { file, everyMs } });
  worker.unref();
  worker.on("error", (err) => log("error", "the store's checkpoints stopped: serving processes checkpoint their own writes", errorFields(err)));
  return { stop: async () => void (await worker.terminate()) };
}

function checkpointHere(file: string, everyMs: number): Checkpointer {
  const db = new Database(file, { fileMustExist: true });
  const timer = setInterval(() => checkpoint(db), everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      db.close();
    },
  };
}
