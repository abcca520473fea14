// Whole tables in and out of a PostgreSQL store, with their ids (tuijian store copy).
import type { Db } from "./db.js";
import { COPY_TABLES, type CopyRow, type CopyTable, type TableCopy } from "../types.js";

/** The primary key a table is paged by. */
const KEY: Record<CopyTable, string> = { items: "id", users: "id", events: "id", item_embeddings: "item_id", api_keys: "id", audit_log: "id", rules: "seq", served_lists: "id", experiments: "id" };
/** Tables whose ids come from an identity column. */
const IDENTITY: CopyTable[] = ["items", "users", "events", "api_keys", "audit_log", "rules"];
/** Bind parameters in one statement: PostgreSQL allows 65,535. */
const MAX_PARAMETERS = 60_000;

export class PgTableCopy implements TableCopy {
  constructor(private readonly db: Db) {}

  async count(table: CopyTable): Promise<number> {
    return Number(await this.db.value<string>(`SELECT count(*) FROM ${table}`));
  }

  async *rows(table: CopyTable, pageSize: number): AsyncIterable<CopyRow[]> {
    const columns = COPY_TABLES[table];
    const key = KEY[table];
    const at = columns.indexOf(key as never);
    const type = table === "served_lists" || table === "experiments" ? "text" : "bigint";
    const sql = `SELECT ${columns.join(", ")} FROM ${table} WHERE $1::${type} IS NULL OR ${key} > $1::${type} ORDER BY ${key} LIMIT $2`;
    for (let after: number | string | null = null; ; ) {
      const rows = await this.db.arrays<CopyRow>(sql, [after, pageSize]);
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)![at] as number | string;
    }
  }

  async append(table: CopyTable, rows: CopyRow[]): Promise<void> {
    const columns = COPY_TABLES[table];
    const per = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    const overriding = IDENTITY.includes(table) ? "OVERRIDING SYSTEM VALUE" : "";
    await this.db.atomically(async (db) => {
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`).join(", ");
        await db.query(`INSERT INTO ${table} (${columns.join(", ")}) ${overriding} VALUES ${values}`, chunk.flat());
      }
    });
  }

  async finish(storeId: string): Promise<void> {
    await this.db.atomically(async (db) => {
      await db.query("UPDATE meta SET value = $1 WHERE key = 'store_id'", [storeId]);
      // The next id of each table follows the copied ones.
      for (const table of IDENTITY) {
        const key = KEY[table];
        await db.query(`SELECT setval(pg_get_serial_sequence('${table}', '${key}'), coalesce((SELECT max(${key}) FROM ${table}), 0) + 1, false)`);
      }
    });
  }
}
