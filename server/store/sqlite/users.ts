import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import type { UserInput, UserRecord, UserRepository } from "../types.js";
import { userRecord, type UserRow } from "../rows.js";

export class SqliteUsers implements UserRepository {
  private readonly updateStmt;
  private readonly insertStmt;
  private readonly ensureStmt;
  private readonly idStmt;
  private readonly getStmt;

  constructor(private readonly db: Db, private readonly gate: Gate) {
    // Update first, insert only what is new: a conflicting INSERT would take an id (see items.ts).
    this.updateStmt = db.prepare("UPDATE users SET attributes = ?, updated_at = ? WHERE ext_id = ? RETURNING id").pluck();
    this.insertStmt = db.prepare("INSERT INTO users (ext_id, attributes, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id").pluck();
    this.ensureStmt = db.prepare("INSERT INTO users (ext_id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (ext_id) DO NOTHING RETURNING id").pluck();
    this.idStmt = db.prepare("SELECT id FROM users WHERE ext_id = ?").pluck();
    this.getStmt = db.prepare("SELECT ext_id, attributes, created_at, updated_at FROM users WHERE ext_id = ?");
  }

  upsert(user: UserInput, now = Date.now()): Promise<number> {
    const attributes = JSON.stringify(user.attributes ?? {});
    return this.gate.write(() => (this.updateStmt.get(attributes, now, user.id) ?? this.insertStmt.get(user.id, attributes, now, now)) as number);
  }

  async ensure(extId: string, now = Date.now()): Promise<{ id: number; created: boolean }> {
    const known = this.idStmt.get(extId) as number | undefined;
    if (known !== undefined) return { id: known, created: false };
    const created = await this.gate.write(() => this.ensureStmt.get(extId, now, now) as number | undefined);
    return created !== undefined ? { id: created, created: true } : { id: this.idStmt.get(extId) as number, created: false };
  }

  async idOf(extId: string): Promise<number | undefined> {
    return this.idStmt.get(extId) as number | undefined;
  }

  async get(extId: string): Promise<UserRecord | undefined> {
    const row = this.getStmt.get(extId) as UserRow | undefined;
    return row && userRecord(row);
  }

  delete(userId: number): Promise<void> {
    return this.gate.write(() => void this.db.prepare("DELETE FROM users WHERE id = ?").run(userId));
  }

  async idPage(after: number, limit: number): Promise<[number, string][]> {
    return this.db.prepare("SELECT id, ext_id FROM users WHERE id > ? ORDER BY id LIMIT ?").raw().all(after, limit) as [number, string][];
  }

  async allIds(): Promise<string[]> {
    return this.db.prepare("SELECT ext_id FROM users ORDER BY id").pluck().all() as string[];
  }

  async count(): Promise<number> {
    return this.db.prepare("SELECT count(*) FROM users").pluck().get() as number;
  }

  async maxId(): Promise<number> {
    return this.db.prepare("SELECT coalesce(max(id), 0) FROM users").pluck().get() as number;
  }

  async *attributePages(pageSize: number): AsyncIterable<[number, string][]> {
    const page = this.db.prepare("SELECT id, attributes FROM users WHERE id > ? ORDER BY id LIMIT ?").raw(true);
    for (let after = 0; ; ) {
      const rows = page.all(after, pageSize) as [number, string][];
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)![0];
    }
  }
}
