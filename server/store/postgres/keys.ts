import type { Db } from "./db.js";
import type { KeyRecord, KeyRepository, Scope } from "../types.js";
import { KEY_COLUMNS, keyRecord, type KeyRow } from "../rows.js";

/** API keys: only a hash of each secret is stored. */
export class PgKeyRepository implements KeyRepository {
  constructor(private readonly db: Db) {}

  /** Rejects (unique violation) when a live key has this name. */
  async insert(k: { name: string; scope: Scope; hash: string; ratePerSecond: number | null; expiresAt: number | null }, now = Date.now()): Promise<KeyRecord> {
    const [row] = await this.db.rows<KeyRow>(
      `INSERT INTO api_keys (name, scope, hash, rate_per_second, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${KEY_COLUMNS}`,
      [k.name, k.scope, k.hash, k.ratePerSecond, now, k.expiresAt],
    );
    return keyRecord(row);
  }

  async list(): Promise<KeyRecord[]> {
    return (await this.db.rows<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY id`)).map(keyRecord);
  }

  async live(): Promise<(KeyRecord & { hash: string })[]> {
    const rows = await this.db.rows<KeyRow & { hash: string }>(`SELECT ${KEY_COLUMNS}, hash FROM api_keys WHERE revoked_at IS NULL ORDER BY id`);
    return rows.map((r) => ({ ...keyRecord(r), hash: r.hash }));
  }

  async revoke(name: string, now = Date.now()): Promise<KeyRecord | undefined> {
    const [row] = await this.db.rows<KeyRow>(
      `UPDATE api_keys SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL RETURNING ${KEY_COLUMNS}`,
      [now, name],
    );
    return row && keyRecord(row);
  }

  async touch(id: number, now = Date.now()): Promise<void> {
    await this.db.query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2", [now, id]);
  }
}
