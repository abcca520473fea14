import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import type { ServedList, ServedListRepository } from "../types.js";
import { SERVED_COLUMNS, servedList, servedRow, type ServedRow } from "../rows.js";

/** Served lists (migration 10): a row per list, its items as comma-separated internal ids. */
export class SqliteServed implements ServedListRepository {
  private readonly insertStmt;

  constructor(private readonly db: Db, private readonly gate: Gate) {
    this.insertStmt = db.prepare(`INSERT OR IGNORE INTO served_lists (${SERVED_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
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
}
