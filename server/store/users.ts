import type { Db } from "./database.js";

export interface UserInput {
  id: string;
  attributes?: Record<string, unknown>;
}

export class UserRepository {
  private readonly upsertStmt;
  private readonly ensureStmt;
  private readonly idStmt;
  private readonly getStmt;

  constructor(private readonly db: Db) {
    this.upsertStmt = db.prepare(`
      INSERT INTO users (ext_id, attributes, created_at, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (ext_id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at
      RETURNING id`).pluck();
    this.ensureStmt = db.prepare(
      "INSERT INTO users (ext_id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (ext_id) DO NOTHING RETURNING id",
    ).pluck();
    this.idStmt = db.prepare("SELECT id FROM users WHERE ext_id = ?").pluck();
    this.getStmt = db.prepare("SELECT ext_id, attributes, created_at, updated_at FROM users WHERE ext_id = ?");
  }

  /** Inserts or replaces a user's attributes; returns the internal id. */
  upsert(user: UserInput, now = Date.now()): number {
    return this.upsertStmt.get(user.id, JSON.stringify(user.attributes ?? {}), now, now) as number;
  }

  /** The internal id of a user, creating the user on first sight (events name new shoppers). */
  ensure(extId: string, now = Date.now()): { id: number; created: boolean } {
    const created = this.ensureStmt.get(extId, now, now) as number | undefined;
    return created !== undefined ? { id: created, created: true } : { id: this.idStmt.get(extId) as number, created: false };
  }

  /** Every user's external id, in creation order. */
  allIds(): string[] {
    return this.db.prepare("SELECT ext_id FROM users ORDER BY id").pluck().all() as string[];
  }

  /** Removes a shopper's row (their events first: see EventRepository.deleteOfUser). */
  delete(userId: number): void {
    this.db.prepare("DELETE FROM users WHERE id = ?").run(userId);
  }

  idOf(extId: string): number | undefined {
    return this.idStmt.get(extId) as number | undefined;
  }

  get(extId: string): { id: string; attributes: Record<string, unknown>; created_at: string; updated_at: string } | undefined {
    const row = this.getStmt.get(extId) as { ext_id: string; attributes: string; created_at: number; updated_at: number } | undefined;
    if (!row) return undefined;
    return {
      id: row.ext_id,
      attributes: JSON.parse(row.attributes),
      created_at: new Date(row.created_at).toISOString(),
      updated_at: new Date(row.updated_at).toISOString(),
    };
  }
}
