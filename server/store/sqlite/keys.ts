import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import type { KeyRecord, KeyRepository, Scope } from "../types.js";
import { KEY_COLUMNS, keyRecord, type KeyRow } from "../rows.js";

/** API keys (migration 5): only a hash of each secret is stored. */
export class SqliteKeys implements KeyRepository {
  private readonly liveStmt;
  private readonly touchStmt;

  constructor(private readonly db: Db, private readonly gate: Gate) {
    this.liveStmt = db.prepare(`SELECT ${KEY_COLUMNS}, hash FROM api_keys WHERE revoked_at IS NULL`);
    this.touchStmt = db.prepare("UPDATE api_keys SET last_used_at = ? WHERE id = ?");
  }

  insert(k: { name: string; scope: Scope; hash: string; ratePerSecond: number | null; expiresAt: number | null }, now = Date.now()): Promise<KeyRecord> {
    const insert = this.db.prepare(`INSERT INTO api_keys (name, scope, hash, rate_per_second, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${KEY_COLUMNS}`);
    return this.gate.write(() => keyRecord(insert.get(k.name, k.scope, k.hash, k.ratePerSecond, now, k.expiresAt) as KeyRow));
  }

  async list(): Promise<KeyRecord[]> {
    return (this.db.prepare(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY id`).all() as KeyRow[]).map(keyRecord);
  }

  async live(): Promise<(KeyRecord & { hash: string })[]> {
    return (this.liveStmt.all() as (KeyRow & { hash: string })[]).map((r) => ({ ...keyRecord(r), hash: r.hash }));
  }

  revoke(name: string, now = Date.now()): Promise<KeyRecord | undefined> {
    const revoke = this.db.prepare(`UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL RETURNING ${KEY_COLUMNS}`);
    return this.gate.write(() => {
      const row = revoke.get(now, name) as KeyRow | undefined;
      return row && keyRecord(row);
    });
  }

  touch(id: number, now = Date.now()): Promise<void> {
    return this.gate.write(() => void this.touchStmt.run(now, id));
  }
}
