import type { Db } from "./database.js";

export const SCOPES = ["read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export interface KeyRecord {
  id: number;
  name: string;
  scope: Scope;
  /** Requests per second; null: the scope's default. */
  ratePerSecond: number | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

interface KeyRow {
  id: number;
  name: string;
  scope: Scope;
  rate_per_second: number | null;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

const COLUMNS = "id, name, scope, rate_per_second, created_at, expires_at, revoked_at, last_used_at";
const toRecord = (r: KeyRow): KeyRecord => ({
  id: r.id, name: r.name, scope: r.scope, ratePerSecond: r.rate_per_second,
  createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
});

/** API keys (migration 5): only a hash of each secret is stored. */
export class KeyRepository {
  private readonly versionStmt;
  private readonly liveStmt;
  private readonly touchStmt;

  constructor(private readonly db: Db) {
    this.versionStmt = db.prepare("SELECT version FROM change_counters WHERE name = 'keys'").pluck();
    this.liveStmt = db.prepare(`SELECT ${COLUMNS}, hash FROM api_keys WHERE revoked_at IS NULL`);
    this.touchStmt = db.prepare("UPDATE api_keys SET last_used_at = ? WHERE id = ?");
  }

  /** Throws a UNIQUE constraint error when a live key has this name. */
  insert(k: { name: string; scope: Scope; hash: string; ratePerSecond: number | null; expiresAt: number | null }, now = Date.now()): KeyRecord {
    const row = this.db
      .prepare(`INSERT INTO api_keys (name, scope, hash, rate_per_second, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`)
      .get(k.name, k.scope, k.hash, k.ratePerSecond, now, k.expiresAt) as KeyRow;
    return toRecord(row);
  }

  /** Every key ever made, revoked ones included, oldest first. */
  list(): KeyRecord[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY id`).all() as KeyRow[]).map(toRecord);
  }

  /** The keys not revoked (expired ones included), with their hashes. */
  live(): (KeyRecord & { hash: string })[] {
    return (this.liveStmt.all() as (KeyRow & { hash: string })[]).map((r) => ({ ...toRecord(r), hash: r.hash }));
  }

  hasLive(): boolean {
    return this.db.prepare("SELECT 1 FROM api_keys WHERE revoked_at IS NULL LIMIT 1").get() !== undefined;
  }

  /** Revokes the live key of this name; returns it, or undefined when there is none. */
  revoke(name: string, now = Date.now()): KeyRecord | undefined {
    const row = this.db.prepare(`UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL RETURNING ${COLUMNS}`).get(now, name) as KeyRow | undefined;
    return row && toRecord(row);
  }

  touch(id: number, now = Date.now()): void {
    this.touchStmt.run(now, id);
  }

  /** Bumped by every change to a key that matters to authentication (migration 5's triggers). */
  version(): number {
    return this.versionStmt.get() as number;
  }
}
