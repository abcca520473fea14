// An import into SQLite: rows are staged in a file of their own (staging.ts), so staging
// never takes the store's write lock; the sealed file is recorded in the store and
// published in short transactions (publish.ts), and a publish a crash cut short is
// completed by the next process that opens the store to write at length.
//
// Why the pauses: a serving write waits for the write lock at most storeBusyTimeoutMs
// (50 ms) in SQLite's busy handler, which does not queue, it polls — at 0, 1, 3, 8, 18, 33
// and 50 ms after the first try — then tries at every turn of its event loop for 50 ms
// more, then at 5, 15, 35 … ms (gate.ts). Batches that hold the lock ~25 ms, each followed
// by a 20 ms pause (longer than the largest gap between two polls), leave every waiting
// writer a try inside a pause. Back to back, the import would take the lock again within
// microseconds and serving writes would time out. The checkpoint of each batch's pages
// runs in the pause (it needs no write lock).
import { setTimeout as sleep } from "node:timers/promises";
import type { ImportSession, ImportTuning, ItemInput, PublishTotals, StagedEvent, UserInput } from "../types.js";
import type { Gate } from "./gate.js";
import { StagingFile } from "./staging.js";
import type { PendingImports } from "./publish.js";
import { errorFields, log } from "../../platform/logger.js";

const TARGET_BATCH_MS = 25;
const PAUSE_MS = 20;
const FIRST_BATCH_ROWS = 1000;
const MIN_BATCH_ROWS = 100;
const MAX_BATCH_ROWS = 50_000;

export class SqliteImportSession implements ImportSession {
  private readonly staging: StagingFile;

  constructor(private readonly pending: PendingImports, private readonly gate: Gate, private readonly tuning: ImportTuning = {}) {
    this.staging = new StagingFile(pending.newStagingFile());
  }

  async item(item: ItemInput): Promise<void> {
    this.staging.item(item);
  }

  async user(user: UserInput): Promise<void> {
    this.staging.user(user);
  }

  async event(e: StagedEvent): Promise<boolean> {
    return this.staging.event(e);
  }

  async hasItem(extId: string): Promise<boolean> {
    return this.staging.hasItem(extId);
  }

  async publish(onProgress?: (rows: number, total: number) => void): Promise<PublishTotals> {
    try {
      this.staging.seal();
      await this.gate.write(() => this.pending.record(this.staging.file, Date.now()));
    } catch (err) {
      this.staging.remove();
      throw err;
    }
    return publishStaged(this.pending, this.gate, this.staging.file, this.tuning, onProgress);
  }

  async abort(): Promise<void> {
    this.staging.remove();
  }
}

/** Publishes a recorded staging file batch by batch, sizing batches to TARGET_BATCH_MS. */
export async function publishStaged(
  pending: PendingImports, gate: Gate, file: string, tuning: ImportTuning = {}, onProgress?: (rows: number, total: number) => void,
): Promise<PublishTotals> {
  const totals: PublishTotals = { rows: 0, createdItems: 0, createdUsers: 0, duplicates: 0 };
  const publication = pending.open(file);
  if (!publication) return totals;
  const staged = publication.stagedRows();
  const maxRows = Math.max(1, tuning.maxBatchRows ?? MAX_BATCH_ROWS);
  let rows = Math.min(FIRST_BATCH_ROWS, maxRows);
  try {
    for (let batches = 0; ; batches++) {
      if (batches === tuning.stopAfterBatches) throw new Error(`publish stopped after ${batches} batches (test hook)`);
      const start = performance.now();
      const r = await gate.write(() => publication.batch(rows));
      const ms = performance.now() - start;
      totals.rows += r.rows;
      totals.createdItems += r.createdItems;
      totals.createdUsers += r.createdUsers;
      totals.duplicates += r.duplicates;
      onProgress?.(totals.rows, staged);
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
  return totals;
}

/** Completes the publishes a crash (or a failure) cut short; one that cannot be completed is logged and left recorded. */
export async function resumeImports(pending: PendingImports, gate: Gate): Promise<number> {
  let resumed = 0;
  for (const file of pending.list()) {
    log("warn", "completing the publish of an import that was cut short", { file });
    try {
      const totals = await publishStaged(pending, gate, file);
      log("info", "import completed", { file, rows: totals.rows });
      resumed++;
    } catch (err) {
      log("error", "an interrupted import could not be completed", { file, ...errorFields(err) });
    }
  }
  return resumed;
}
