import type { Db } from "./database.js";
import { PURCHASE } from "../../models/event-types.js";

export interface EventRow {
  userId: number;
  itemId: number;
  /** Event type code (models/event-types.ts). */
  type: number;
  value: number | null;
  /** Milliseconds since the Unix epoch. */
  ts: number;
  context: string | null;
  /** The client's id of the event: an id stored before is not stored again. */
  eventId?: string | null;
}

export interface HistoryEvent {
  itemId: number;
  type: number;
  value: number | null;
  ts: number;
}

/** An event as a privacy export shows it. */
export interface ExportedEvent {
  id: number;
  event_id: string | null;
  item_id: string;
  type: number;
  value: number | null;
  ts: number;
  context: string | null;
}

export interface TimeProfile {
  latest?: number;
  reference?: number;
  cutoff?: number;
}

/** [user_id, item_id, type, value, ts], the order training reads them in. */
export type RawEvent = [number, number, number, number | null, number];

/** A shopper's newest events: read from the events_user_history index alone (migration 4). */
export const HISTORY_SQL = "SELECT item_id AS itemId, type, value, ts FROM events WHERE user_id = ? ORDER BY ts DESC, id DESC LIMIT ?";

export class EventRepository {
  private readonly insertStmt;
  private readonly historyStmt;
  private readonly purchasedStmt;
  private readonly interactedStmt;
  private readonly eventIdStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO events (user_id, item_id, type, value, ts, context, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO NOTHING`,
    );
    this.historyStmt = db.prepare(HISTORY_SQL);
    this.eventIdStmt = db.prepare("SELECT 1 FROM events WHERE event_id = ?").pluck();
    this.interactedStmt = db.prepare("SELECT DISTINCT item_id FROM events WHERE user_id = ?").pluck();
    this.purchasedStmt = db.prepare("SELECT DISTINCT item_id FROM events WHERE user_id = ? AND type = ?").pluck();
  }

  /** Inserts one event; false when its event id was stored before. Call inside a transaction for batches. */
  insert(e: EventRow): boolean {
    return this.insertStmt.run(e.userId, e.itemId, e.type, e.value, e.ts, e.context, e.eventId ?? null).changes === 1;
  }

  /** True when an event with this client id is stored. */
  hasEventId(eventId: string): boolean {
    return this.eventIdStmt.get(eventId) !== undefined;
  }

  /** A user's most recent events, newest first. */
  history(userId: number, limit: number): HistoryEvent[] {
    return this.historyStmt.all(userId, limit) as HistoryEvent[];
  }

  /** Every item the user has any event on. */
  interactedItems(userId: number): number[] {
    return this.interactedStmt.all(userId) as number[];
  }

  /** Every item that has at least one event. */
  itemsWithEvents(): number[] {
    return this.db.prepare("SELECT DISTINCT item_id FROM events").pluck().all() as number[];
  }

  purchasedItems(userId: number): number[] {
    return this.purchasedStmt.all(userId, PURCHASE) as number[];
  }

  /** Streams every event grouped by user, oldest first within a user, without loading them all. */
  *byUser(): IterableIterator<RawEvent> {
    yield* this.db
      .prepare("SELECT user_id, item_id, type, value, ts FROM events ORDER BY user_id, ts")
      .raw(true)
      .iterate() as IterableIterator<RawEvent>;
  }

  count(): number {
    return this.db.prepare("SELECT count(*) FROM events").pluck().get() as number;
  }

  /** Every event of a shopper, oldest first, a page at a time (after: the last page's position). */
  exportPage(userId: number, limit: number, after?: { ts: number; id: number }): ExportedEvent[] {
    return this.db
      .prepare(
        `SELECT e.id, e.event_id, i.ext_id AS item_id, e.type, e.value, e.ts, e.context FROM events e JOIN items i ON i.id = e.item_id
         WHERE e.user_id = @user AND (e.ts, e.id) > (@ts, @id) ORDER BY e.ts, e.id LIMIT @limit`,
      )
      .all({ user: userId, ts: after?.ts ?? -Infinity, id: after?.id ?? -Infinity, limit }) as ExportedEvent[];
  }

  countOfUser(userId: number): number {
    return this.db.prepare("SELECT count(*) FROM events WHERE user_id = ?").pluck().get(userId) as number;
  }

  /** Deletes every event of a shopper; returns how many. */
  deleteOfUser(userId: number): number {
    return this.db.prepare("DELETE FROM events WHERE user_id = ?").run(userId).changes;
  }

  /** Ids of the events older than ts (one scan). */
  idsOlderThan(ts: number): number[] {
    return this.db.prepare("SELECT id FROM events WHERE ts < ?").pluck().all(ts) as number[];
  }

  /** Deletes events by id; returns how many. */
  deleteIds(ids: number[]): number {
    return this.db.prepare("DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))").run(JSON.stringify(ids)).changes;
  }

  /**
   * From one scan of the events by day: the newest event time; the decay reference, the
   * newest time once the newest `outlierShare` of the events (at least one, when there are
   * two or more) are set aside, to the end of its day; and the start of the day from which
   * on at least `share` of the events lie (undefined when that is the first day).
   */
  timeProfile(share: number, outlierShare = 0): TimeProfile {
    const days = this.db.prepare("SELECT ts / 86400000 AS day, count(*) AS n, max(ts) AS last FROM events GROUP BY day ORDER BY day").all() as { day: number; n: number; last: number }[];
    const total = days.reduce((s, d) => s + d.n, 0);
    const setAside = Math.min(Math.ceil(outlierShare * total), total - 1);
    const profile: TimeProfile = { latest: days.at(-1)?.last };
    let later = 0;
    for (let i = days.length - 1; i >= 0; i--) {
      later += days[i].n;
      if (profile.reference === undefined && later > setAside) profile.reference = days[i].last;
      if (i > 0 && profile.cutoff === undefined && later >= share * total) profile.cutoff = days[i].day * 86_400_000;
    }
    return profile;
  }
}
