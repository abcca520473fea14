import type { Db } from "./db.js";
import type { KeyRecord, KeyRepository, Scope } from "../types.js";

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

/** API keys: only a hash of each secret is stored. */
export class PgKeyRepository implements KeyRepository {
  constructor(private readonly db: Db) {}

  /** Rejects (unique violation) when a live key has this name. */
  async insert(k: { name: string; scope: Scope; hash: string; ratePerSecond: number | null; expiresAt: number | null }, now = Date.now()): Promise<KeyRecord> {
    const [row] = await this.db.rows<KeyRow>(
      `INSERT INTO api_keys (name, scope, hash, rate_per_second, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [k.name, k.scope, k.hash, k.ratePerSecond, now, k.expiresAt],
    );
    return toRecord(row);
  }

  async list(): Promise<KeyRecord[]> {
    return (await this.db.rows<KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY id`)).map(toRecord);
  }

  async live(): Promise<(KeyRecord & { hash: string })[]> {
    const rows = await this.db.rows<KeyRow & { hash: string }>(`SELECT ${COLUMNS}, hash FROM api_keys WHERE revoked_at IS NULL ORDER BY id`);
    return rows.map((r) => ({ ...toRecord(r), hash: r.hash }));
  }

  async revoke(name: string, now = Date.now()): Promise<KeyRecord | undefined> {
    const [row] = await this.db.rows<KeyRow>(
      `UPDATE api_keys SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [now, name],
    );
    return row && toRecord(row);
  }

  async touch(id: number, now = Date.now()): Promise<void> {
    await this.db.query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2", [now, id]);
  }
}
