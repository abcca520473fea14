import type { Db } from "./db.js";
import type { LeaseRepository } from "../types.js";
import { ACQUIRE_LEASE } from "../lease-sql.js";

export class PgLeases implements LeaseRepository {
  constructor(private readonly db: Db) {}

  async acquire(name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
    return (await this.db.rows(ACQUIRE_LEASE((n) => `$${n}`), [name, holder, now + ttlMs, now])).length > 0;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.query("DELETE FROM leases WHERE name = $1 AND holder = $2", [name, holder]);
  }

  async holder(name: string, now = Date.now()): Promise<{ holder: string; expiresAt: number } | undefined> {
    const [row] = await this.db.rows<{ holder: string; expiresAt: number }>('SELECT holder, expires_at AS "expiresAt" FROM leases WHERE name = $1 AND expires_at > $2', [name, now]);
    return row;
  }
}
