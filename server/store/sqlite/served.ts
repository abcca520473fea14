import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import type { AttributedEvent, ServedList, ServedListRepository, ServedPageQuery } from "../types.js";
import { ATTRIBUTED_SQL, attributedEvent, SERVED_COLUMNS, servedList, servedRow, type AttributedRow, type ServedRow } from "../rows.js";
import { eventCode } from "../../../models/event-types.js";

/** Served lists (migrations 10, 11): a row per list, its items as comma-separated internal ids. */
export class SqliteServed implements ServedListRepository {
  private readonly insertStmt;

  constructor(private readonly db: Db, private readonly gate: Gate) {
    this.insertStmt = db.prepare(`INSERT OR IGNORE INTO served_lists (${SERVED_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  append(lists: readonly ServedList[]): Promise<void> {
    // One transaction (a savepoint inside a store transaction).
    const insert = this.db.transaction((rows: readonly ServedList[]) => {
      for (const l of rows) this.insertStmt.run(...servedRow(l));
    });
    return this.gate.write(() => insert(lists));
  }

  async get(id: string): Promise<ServedList | undefined> {
    const row = this.db.prepare(`SELECT ${SERVED_COLUMNS} FROM served_lists WHERE id = ?`).get(id) as ServedRow | undefined;
    return row && servedList(row);
  }

  async count(): Promise<number> {
    return this.db.prepare("SELECT count(*) FROM served_lists").pluck().get() as number;
  }

  deleteOfUser(userId: number): Promise<number> {
    return this.gate.write(() => this.db.prepare("DELETE FROM served_lists WHERE user_id = ?").run(userId).changes);
  }

  deleteOlderThan(ts: number, limit: number): Promise<number> {
    return this.gate.write(
      () => this.db.prepare("DELETE FROM served_lists WHERE rowid IN (SELECT rowid FROM served_lists WHERE ts < ? LIMIT ?)").run(ts, limit).changes,
    );
  }

  async page(q: ServedPageQuery): Promise<ServedList[]> {
    const prefix = q.variantPrefix === undefined ? "" : "AND variant >= @prefix AND variant < @prefix || char(1114111)";
    const after = q.after ? "AND (ts > @afterTs OR (ts = @afterTs AND id > @afterId))" : "";
    const rows = this.db
      .prepare(`SELECT ${SERVED_COLUMNS} FROM served_lists WHERE ts >= @from AND ts < @to ${prefix} ${after} ORDER BY ts, id LIMIT @limit`)
      .all({ from: q.from, to: q.to, limit: q.limit, ...(q.variantPrefix !== undefined && { prefix: q.variantPrefix }), ...(q.after && { afterTs: q.after.ts, afterId: q.after.id }) }) as ServedRow[];
    return rows.map(servedList);
  }

  async attributed(from: number, to: number, windowMs: number, after: number, limit: number): Promise<AttributedEvent[]> {
    const params = { from, to, window: windowMs, after, limit, purchase: eventCode("purchase"), click: eventCode("click"), cart: eventCode("cart") };
    return (this.db.prepare(ATTRIBUTED_SQL).all(params) as AttributedRow[]).map(attributedEvent);
  }
}
