import Cursor from "pg-cursor";
import { TYPES, type Db } from "./db.js";
import { translateError } from "./errors.js";
import { PURCHASE } from "../../../models/event-types.js";
import type { DayTypeCount, EventRepository, EventRow, ExportedEvent, HistoryEvent, RawEvent, ShopperVersion, TimeProfile } from "../types.js";
import { ACTIVE_DAYS_SQL, profileOfDays, type DayCount } from "../time-profile.js";

/** A shopper's newest events: one backward index-only scan of events_user_history. */
export const HISTORY_SQL = `SELECT item_id AS "itemId", type, value, ts FROM events WHERE user_id = $1 ORDER BY ts DESC, id DESC LIMIT $2`;

/** Rows a by-shopper page holds by default (~50k rows: a few MB, whatever the table's size). */
const BY_USER_PAGE = 50_000;
const DAY_MS = 86_400_000;

export class PgEventRepository implements EventRepository {
  constructor(private readonly db: Db) {}

  async insert(e: EventRow): Promise<boolean> {
    const result = await this.db.query(
      `INSERT INTO events (user_id, item_id, type, value, ts, context, event_id, rec_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO NOTHING`,
      [e.userId, e.itemId, e.type, e.value, e.ts, e.context, e.eventId ?? null, e.recId ?? null],
      "tuijian_event_insert",
    );
    return result.rowCount === 1;
  }

  history(userId: number, limit: number): Promise<HistoryEvent[]> {
    return this.db.rows<HistoryEvent>(HISTORY_SQL, [userId, limit], "tuijian_history");
  }

  purchasedItems(userId: number): Promise<number[]> {
    return this.column("SELECT DISTINCT item_id FROM events WHERE user_id = $1 AND type = $2", [userId, PURCHASE]);
  }

  interactedItems(userId: number): Promise<number[]> {
    return this.column("SELECT DISTINCT item_id FROM events WHERE user_id = $1", [userId]);
  }

  itemsWithEvents(): Promise<number[]> {
    return this.column("SELECT DISTINCT item_id FROM events");
  }

  /** A server-side cursor on one connection: memory holds one page, whatever the table's size. */
  async *byUser(pageSize = BY_USER_PAGE): AsyncIterable<RawEvent[]> {
    const lease = await this.db.lease();
    const cursor = lease.client.query(
      new Cursor<RawEvent>("SELECT user_id, item_id, type, value, ts FROM events ORDER BY user_id, ts, id", [], { rowMode: "array", types: TYPES }),
    );
    let failure: unknown;
    try {
      for (;;) {
        const page = await cursor.read(pageSize).catch((err: unknown) => Promise.reject((failure = translateError(err))));
        if (page.length === 0) return;
        yield page;
      }
    } finally {
      // Also when the reader stops early: the portal is closed, the connection goes back.
      if (failure === undefined) await cursor.close().catch(() => undefined);
      lease.release(failure);
    }
  }

  async count(): Promise<number> {
    return (await this.db.value<number>("SELECT count(*) FROM events"))!;
  }

  async versionOf(userId: number): Promise<ShopperVersion> {
    const [row] = await this.db.rows<ShopperVersion>("SELECT count(*) AS count, coalesce(max(id), 0) AS last FROM events WHERE user_id = $1", [userId], "tuijian_shopper_version");
    return row;
  }

  async countOfUser(userId: number): Promise<number> {
    return (await this.db.value<number>("SELECT count(*) FROM events WHERE user_id = $1", [userId]))!;
  }

  /**
   * The newest event time, and the start of the day from which on at least `share` of the
   * events lie (undefined when that is the first day): one scan for both.
   */
  async timeProfile(share: number, outlierShare = 0): Promise<TimeProfile> {
    const days = await this.db.rows<DayCount>(`SELECT ts / ${DAY_MS} AS day, count(*)::bigint AS n, max(ts) AS last FROM events GROUP BY day ORDER BY day`);
    return profileOfDays(days, share, outlierShare);
  }

  async activeDays(sample: number): Promise<{ shoppers: number; multiDay: number }> {
    const [{ users }] = await this.db.rows<{ users: number }>("SELECT count(*)::int AS users FROM users");
    const [row] = await this.db.rows<{ shoppers: string; multiDay: string }>(ACTIVE_DAYS_SQL.replace("{stride}", "$1::bigint"), [Math.max(1, Math.ceil(users / sample))]);
    return { shoppers: Number(row.shoppers), multiDay: Number(row.multiDay) };
  }

  exportPage(userId: number, limit: number, after?: { ts: number; id: number }): Promise<ExportedEvent[]> {
    return this.db.rows<ExportedEvent>(
      `SELECT e.id, e.event_id, i.ext_id AS item_id, e.type, e.value, e.ts, e.context
       FROM events e JOIN items i ON i.id = e.item_id
       WHERE e.user_id = $1 AND ($2::bigint IS NULL OR (e.ts, e.id) > ($2, $3::bigint))
       ORDER BY e.ts, e.id LIMIT $4`,
      [userId, after?.ts ?? null, after?.id ?? null, limit],
    );
  }

  recentPage(userId: number, limit: number, before?: { ts: number; id: number }): Promise<ExportedEvent[]> {
    return this.db.rows<ExportedEvent>(
      `SELECT e.id, e.event_id, i.ext_id AS item_id, e.type, e.value, e.ts, e.context
       FROM events e JOIN items i ON i.id = e.item_id
       WHERE e.user_id = $1 AND ($2::bigint IS NULL OR (e.ts, e.id) < ($2, $3::bigint))
       ORDER BY e.ts DESC, e.id DESC LIMIT $4`,
      [userId, before?.ts ?? null, before?.id ?? null, limit],
    );
  }

  perDay(since: number): Promise<DayTypeCount[]> {
    return this.db.rows<DayTypeCount>(
      `SELECT ts / ${DAY_MS} * ${DAY_MS} AS day, type, count(*)::bigint AS count FROM events WHERE ts >= $1 GROUP BY day, type ORDER BY day, type`,
      [Math.floor(since / DAY_MS) * DAY_MS],
    );
  }

  async deleteOfUser(userId: number): Promise<number> {
    return (await this.db.query("DELETE FROM events WHERE user_id = $1", [userId])).rowCount ?? 0;
  }

  idsOlderThan(ts: number): Promise<number[]> {
    return this.column("SELECT id FROM events WHERE ts < $1", [ts]);
  }

  async deleteIds(ids: readonly number[]): Promise<number> {
    return (await this.db.query("DELETE FROM events WHERE id = ANY($1::bigint[])", [ids])).rowCount ?? 0;
  }

  private async column(sql: string, values?: unknown[]): Promise<number[]> {
    return (await this.db.arrays<[number]>(sql, values)).map((r) => r[0]);
  }
}
