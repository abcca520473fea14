// The events stored, in the order they were stored. SQLite takes one write at a time, so
// event ids follow commit order: every event past the last id a reader saw is new to it.
// Deleting events moves the 'events' counter (migration 11's trigger), so a reader knows
// that what it holds may be gone. Nothing is read while this process's own transaction is
// open: its writes are visible to this connection and may yet be rolled back.
import type { Db } from "./database.js";
import type { EventFeed, FeedEvent, FeedHead } from "../types.js";
import { historySql } from "./events.js";

/** Where the events end: the newest id, and the deletion count (FeedHead). */
export const HEAD_SQL = "SELECT coalesce((SELECT max(id) FROM events), 0), (SELECT version FROM change_counters WHERE name = 'events')";
/** The events with ids in (?, ?], by id, as FeedEvent rows. */
export const BETWEEN_SQL = "SELECT id, user_id, item_id, type, value, ts FROM events WHERE id > ? AND id <= ? ORDER BY id";

export class SqliteEventFeed implements EventFeed {
  private readonly headStmt;
  private readonly betweenStmt;
  private readonly recentStmts = new Map<number, ReturnType<Db["prepare"]>>();

  constructor(private readonly db: Db) {
    this.headStmt = db.prepare(HEAD_SQL).raw(true);
    this.betweenStmt = db.prepare(BETWEEN_SQL).raw(true);
  }

  async head(): Promise<FeedHead | undefined> {
    if (this.db.inTransaction) return undefined;
    const [last, deletions] = this.headStmt.get() as [number, number];
    return { last, deletions };
  }

  async between(after: number, until: number): Promise<FeedEvent[] | undefined> {
    if (this.db.inTransaction) return undefined;
    return this.betweenStmt.all(after, until) as FeedEvent[];
  }

  async recent(userId: number, limit: number): Promise<FeedEvent[] | undefined> {
    if (this.db.inTransaction) return undefined;
    let stmt = this.recentStmts.get(limit);
    if (!stmt) this.recentStmts.set(limit, (stmt = this.db.prepare(historySql(limit, "id, user_id, item_id, type, value, ts")).raw(true)));
    return stmt.all(userId) as FeedEvent[];
  }
}
