// Publishes a recorded staging file into the store in short transactions with pauses
// between them, and completes publishes a crash cut short.
//
// Why the pauses: a serving process waits for the write lock at most storeBusyTimeoutMs
// (50 ms), and SQLite's busy handler does not queue, it polls — at 0, 1, 3, 8, 18, 33 and
// 50 ms after the first try. Batches that hold the lock ~25 ms, each followed by a 20 ms
// pause (longer than the largest gap between two polls), leave every waiting writer a
// poll inside a pause before its 50 ms run out. Back to back, the import would take the
// lock again within microseconds and serving writes would time out. The checkpoint of
// each batch's pages runs in the pause (it needs no write lock).
import { setTimeout as sleep } from "node:timers/promises";
import type { Store } from "../store/store.js";
import { silentProgress, type Progress } from "../progress.js";
import { errorFields, log } from "../log.js";

const TARGET_BATCH_MS = 25;
const PAUSE_MS = 20;
const FIRST_BATCH_ROWS = 1000;
const MIN_BATCH_ROWS = 100;
const MAX_BATCH_ROWS = 50_000;

export interface PublishOptions {
  progress?: Progress;
  /** Caps the rows of one batch (tests use small batches). */
  maxBatchRows?: number;
  /** Test hook: give up after this many batches, as a crash would, leaving the rest recorded. */
  stopAfterBatches?: number;
}

export interface PublishTotals {
  rows: number;
  createdItems: number;
  createdUsers: number;
  /** Events whose event id another process stored while this import was staging. */
  duplicates: number;
}

export async function publishStaged(store: Store, file: string, opts: PublishOptions = {}): Promise<PublishTotals> {
  const totals: PublishTotals = { rows: 0, createdItems: 0, createdUsers: 0, duplicates: 0 };
  const publication = store.imports.open(file);
  if (!publication) return totals;
  const bar = opts.progress ?? silentProgress();
  const maxRows = Math.max(1, opts.maxBatchRows ?? MAX_BATCH_ROWS);
  let rows = Math.min(FIRST_BATCH_ROWS, maxRows);
  try {
    for (let batches = 0; ; batches++) {
      if (batches === opts.stopAfterBatches) throw new Error(`publish stopped after ${batches} batches (test hook)`);
      const start = performance.now();
      const r = publication.batch(rows);
      const ms = performance.now() - start;
      totals.rows += r.rows;
      totals.createdItems += r.createdItems;
      totals.createdUsers += r.createdUsers;
      totals.duplicates += r.duplicates;
      bar.tick(totals.rows);
      if (r.done) break;
      // Aim at TARGET_BATCH_MS whatever the rows cost; grow at most twofold a batch.
      rows = Math.round(Math.min(maxRows, 2 * rows, Math.max(MIN_BATCH_ROWS, (rows * TARGET_BATCH_MS) / Math.max(ms, 1))));
      const pauseStart = performance.now();
      publication.checkpoint();
      await sleep(Math.max(0, PAUSE_MS - (performance.now() - pauseStart)));
    }
  } finally {
    publication.close();
  }
  bar.done(totals.rows);
  return totals;
}

/**
 * Completes the publishes that a crash (or a failure) cut short: run by whatever opens the
 * store to write at length (an import, a train, a server's primary). A publish that cannot
 * be completed is logged and left recorded.
 */
export async function completePendingImports(store: Store): Promise<void> {
  for (const file of store.imports.list()) {
    log("warn", "completing the publish of an import that was cut short", { file });
    try {
      const totals = await publishStaged(store, file);
      log("info", "import completed", { file, rows: totals.rows });
    } catch (err) {
      log("error", "an interrupted import could not be completed", { file, ...errorFields(err) });
    }
  }
}
