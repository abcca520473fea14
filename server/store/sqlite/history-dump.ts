// Every shopper's newest events read in one pass, for the histories the serving processes
// share (serving/shared-histories/): a read-only connection whose reads of one build sit in
// one read transaction, so where the events end and the events read agree.
import Database from "better-sqlite3";
import type { FeedEvent, FeedHead } from "../types.js";
import { BETWEEN_SQL, HEAD_SQL } from "./event-feed.js";

export interface HistoryDump {
  /** Runs `read` in one read transaction. */
  consistent<T>(read: () => T): T;
  head(): FeedHead;
  /** The events with ids in (after, until], by id. */
  between(after: number, until: number): FeedEvent[];
  /** Each shopper's events in order of user id, oldest first within a shopper (ts, then id). */
  all(): IterableIterator<FeedEvent>;
  close(): void;
}

export function openHistoryDump(file: string): HistoryDump {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 10000");
  const headStmt = db.prepare(HEAD_SQL).raw(true);
  const betweenStmt = db.prepare(BETWEEN_SQL).raw(true);
  // The covering index (user_id, ts, id, item_id, type, value) in its own order: no sort.
  const allStmt = db.prepare("SELECT id, user_id, item_id, type, value, ts FROM events ORDER BY user_id, ts, id").raw(true);
  return {
    consistent(read) {
      db.exec("BEGIN");
      try {
        return read();
      } finally {
        db.exec("COMMIT");
      }
    },
    head() {
      const [last, deletions] = headStmt.get() as [number, number];
      return { last, deletions };
    },
    between: (after, until) => betweenStmt.all(after, until) as FeedEvent[],
    all: () => allStmt.iterate() as IterableIterator<FeedEvent>,
    close: () => db.close(),
  };
}
