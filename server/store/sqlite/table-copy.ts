// Whole tables in and out of a SQLite store, with their ids (tuijian store copy).
import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import { COPY_TABLES, type CopyRow, type CopyTable, type TableCopy } from "../types.js";

/** The primary key a table is paged by. */
const KEY: Record<CopyTable, string> = { items: "id", users: "id", events: "id", item_embeddings: "item_id", api_keys: "id", audit_log: "id", rules: "seq", served_lists: "id", experiments: "id" };

export class SqliteTableCopy implements TableCopy {
  constructor(private readonly db: Db, private readonly gate: Gate) {}

  count(table: CopyTable): Promise<number> {
    return Promise.resolve((this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  }

  async *rows(table: CopyTable, pageSize: number): AsyncIterable<CopyRow[]> {
    const columns = COPY_TABLES[table];
    const key = KEY[table];
    const page = this.db.prepare(`SELECT ${columns.join(", ")} FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ?`).raw(true);
    const at = columns.indexOf(key as never);
    for (let after = -Infinity; ; ) {
      const rows = page.all(after, pageSize) as CopyRow[];
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)![at] as number;
    }
  }

  append(table: CopyTable, rows: CopyRow[]): Promise<void> {
    const columns = COPY_TABLES[table];
    const insert = this.db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
    return this.gate.write(() => this.db.transaction(() => rows.forEach((r) => insert.run(...r))).immediate());
  }

  finish(storeId: string): Promise<void> {
    // AUTOINCREMENT's counters (sqlite_sequence) follow inserted ids by themselves.
    return this.gate.write(() => void this.db.prepare("UPDATE meta SET value = ? WHERE key = 'store_id'").run(storeId));
  }
}
