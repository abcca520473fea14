import type { Db } from "./db.js";
import type { UserInput, UserRecord, UserRepository } from "../types.js";
import { userRecord, type UserRow } from "../rows.js";

/** Update first, insert only when missing: ids stay dense (see items.ts). */
const UPSERT = `
  WITH updated AS (
    UPDATE users SET attributes = $2, updated_at = $3 WHERE ext_id = $1 RETURNING id),
  inserted AS (
    INSERT INTO users (ext_id, attributes, created_at, updated_at)
    SELECT $1::text, $2::text, $3::bigint, $3::bigint WHERE NOT EXISTS (SELECT 1 FROM updated)
    ON CONFLICT (ext_id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at
    RETURNING id)
  SELECT id FROM updated UNION ALL SELECT id FROM inserted`;

/** Look up first, insert only when missing; (id, created). */
const ENSURE = `
  WITH found AS (SELECT id FROM users WHERE ext_id = $1),
  inserted AS (
    INSERT INTO users (ext_id, created_at, updated_at)
    SELECT $1::text, $2::bigint, $2::bigint WHERE NOT EXISTS (SELECT 1 FROM found)
    ON CONFLICT (ext_id) DO NOTHING
    RETURNING id)
  SELECT id, false FROM found UNION ALL SELECT id, true FROM inserted`;

export class PgUserRepository implements UserRepository {
  constructor(private readonly db: Db) {}

  async upsert(user: UserInput, now = Date.now()): Promise<number> {
    return (await this.db.value<number>(UPSERT, [user.id, JSON.stringify(user.attributes ?? {}), now]))!;
  }

  async ensure(extId: string, now = Date.now()): Promise<{ id: number; created: boolean }> {
    const [row] = await this.db.arrays<[number, boolean]>(ENSURE, [extId, now]);
    // Nothing back: another writer inserted the shopper between our look-up and insert.
    if (!row) return { id: (await this.idOf(extId))!, created: false };
    return { id: row[0], created: row[1] };
  }

  idOf(extId: string): Promise<number | undefined> {
    return this.db.value("SELECT id FROM users WHERE ext_id = $1", [extId]);
  }

  async get(extId: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.rows<UserRow>(
      "SELECT ext_id, attributes, created_at, updated_at FROM users WHERE ext_id = $1",
      [extId],
    );
    return row && userRecord(row);
  }

  async delete(userId: number): Promise<void> {
    // Events first, in the same statement: they refer to the shopper.
    await this.db.query("WITH gone AS (DELETE FROM events WHERE user_id = $1) DELETE FROM users WHERE id = $1", [userId]);
  }

  async idPage(after: number, limit: number): Promise<[number, string][]> {
    return (await this.db.arrays<[number, string]>("SELECT id, ext_id FROM users WHERE id > $1 ORDER BY id LIMIT $2", [after, limit])).map(([id, ext]) => [Number(id), ext]);
  }

  async allIds(): Promise<string[]> {
    return (await this.db.arrays<[string]>("SELECT ext_id FROM users ORDER BY id")).map((r) => r[0]);
  }

  async count(): Promise<number> {
    return (await this.db.value<number>("SELECT count(*) FROM users"))!;
  }

  async maxId(): Promise<number> {
    return (await this.db.value<number>("SELECT coalesce(max(id), 0) FROM users"))!;
  }

  async *attributePages(pageSize: number): AsyncIterable<[number, string][]> {
    for (let after = 0; ; ) {
      const page = await this.db.arrays<[number, string]>("SELECT id, attributes FROM users WHERE id > $1 ORDER BY id LIMIT $2", [after, pageSize]);
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1][0];
    }
  }
}
