import type { Db } from "./db.js";
import type { ServedList, ServedListRepository } from "../types.js";
import { SERVED_COLUMNS, servedList, servedRow, type ServedRow } from "../rows.js";

/** Lists a statement inserts (7 parameters each; PostgreSQL allows 65,535). */
const PER_STATEMENT = 5000;

/** Served lists: a row per list, its items as comma-separated internal ids. */
export class PgServedRepository implements ServedListRepository {
  constructor(private readonly db: Db) {}

  async append(lists: readonly ServedList[]): Promise<void> {
    for (let i = 0; i < lists.length; i += PER_STATEMENT) {
      const chunk = lists.slice(i, i + PER_STATEMENT);
      const values = chunk.map((_, r) => `(${[1, 2, 3, 4, 5, 6, 7].map((c) => `$${r * 7 + c}`).join(", ")})`).join(", ");
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
}
