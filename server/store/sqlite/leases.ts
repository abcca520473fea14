import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import type { LeaseRepository } from "../types.js";
import { ACQUIRE_LEASE } from "../lease-sql.js";

export class SqliteLeases implements LeaseRepository {
  constructor(private readonly db: Db, private readonly gate: Gate) {}

  acquire(name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
    const stmt = this.db.prepare(ACQUIRE_LEASE(() => "?"));
    return this.gate.write(() => stmt.get(name, holder, now + ttlMs, now) !== undefined);
  }

  release(name: string, holder: string): Promise<void> {
    return this.gate.write(() => void this.db.prepare("DELETE FROM leases WHERE name = ? AND holder = ?").run(name, holder));
  }

  async holder(name: string, now = Date.now()): Promise<{ holder: string; expiresAt: number } | undefined> {
    const row = this.db.prepare("SELECT holder, expires_at AS expiresAt FROM leases WHERE name = ? AND expires_at > ?").get(name, now) as { holder: string; expiresAt: number } | undefined;
    return row;
  }
}
