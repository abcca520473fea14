import type { Db } from "./db.js";
import type { AttributedEvent, ServedList, ServedListRepository, ServedPageQuery } from "../types.js";
import { ATTRIBUTED_SQL, attributedEvent, SERVED_COLUMNS, servedList, servedRow, type AttributedRow, type ServedRow } from "../rows.js";
import { eventCode } from "../../../models/event-types.js";
import { numbered } from "./named-params.js";

/** Lists a statement inserts (8 parameters each; PostgreSQL allows 65,535). */
const PER_STATEMENT = 5000;

/** Served lists: a row per list, its items as comma-separated internal ids. */
export class PgServedRepository implements ServedListRepository {
  constructor(private readonly db: Db) {}

  async append(lists: readonly ServedList[]): Promise<void> {
    for (let i = 0; i < lists.length; i += PER_STATEMENT) {
      const chunk = lists.slice(i, i + PER_STATEMENT);
      const values = chunk.map((_, r) => `(${[1, 2, 3, 4, 5, 6, 7, 8].map((c) => `$${r * 8 + c}`).join(", ")})`).join(", ");
      await this.db.query(`INSERT INTO served_lists (${SERVED_COLUMNS}) VALUES ${values} ON CONFLICT (id) DO NOTHING`, chunk.flatMap(servedRow));
    }
  }

  async get(id: string): Promise<ServedList | undefined> {
    const [row] = await this.db.rows<ServedRow>(`SELECT ${SERVED_COLUMNS} FROM served_lists WHERE id = $1`, [id]);
    return row && servedList(row);
  }

  async count(): Promise<number> {
    return Number(await this.db.value<string>("SELECT count(*) FROM served_lists"));
  }

  async deleteOfUser(userId: number): Promise<number> {
    return (await this.db.query("DELETE FROM served_lists WHERE user_id = $1", [userId])).rowCount ?? 0;
  }

  async deleteOlderThan(ts: number, limit: number): Promise<number> {
    const result = await this.db.query("DELETE FROM served_lists WHERE id IN (SELECT id FROM served_lists WHERE ts < $1 LIMIT $2)", [ts, limit]);
    return result.rowCount ?? 0;
  }

  async page(q: ServedPageQuery): Promise<ServedList[]> {
    const values: unknown[] = [q.from, q.to, q.limit];
    let where = "ts >= $1 AND ts < $2";
    if (q.variantPrefix !== undefined) where += ` AND starts_with(variant, $${values.push(q.variantPrefix)})`;
    if (q.after) where += ` AND (ts, id) > ($${values.push(q.after.ts)}, $${values.push(q.after.id)})`;
    const rows = await this.db.rows<ServedRow>(`SELECT ${SERVED_COLUMNS} FROM served_lists WHERE ${where} ORDER BY ts, id LIMIT $3`, values);
    return rows.map(servedList);
  }

  async attributed(from: number, to: number, windowMs: number, after: number, limit: number): Promise<AttributedEvent[]> {
    const params = { from, to, window: windowMs, after, limit, purchase: eventCode("purchase"), click: eventCode("click"), cart: eventCode("cart") };
    const { sql, values } = numbered(ATTRIBUTED_SQL, params, "bigint");
    return (await this.db.rows<AttributedRow>(sql, values)).map(attributedEvent);
  }
}
