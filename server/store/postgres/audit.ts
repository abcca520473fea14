import type { Db } from "./db.js";
import type { AuditEntry, AuditQuery, AuditRepository } from "../types.js";

/** The audit log: who did what and when — counts, never personal data. */
export class PgAuditRepository implements AuditRepository {
  constructor(private readonly db: Db) {}

  async append(actor: string, action: string, target: string | null, details: Record<string, unknown> = {}, now = Date.now()): Promise<void> {
    await this.db.query("INSERT INTO audit_log (ts, actor, action, target, details) VALUES ($1, $2, $3, $4, $5)", [
      now, actor, action, target, JSON.stringify(details),
    ]);
  }

  /** Newest first. */
  async list(q: AuditQuery): Promise<AuditEntry[]> {
    const rows = await this.db.rows<{ id: number; ts: number; actor: string; action: string; target: string | null; details: string }>(
      `SELECT id, ts, actor, action, target, details FROM audit_log
       WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR action = $2)
       ORDER BY id DESC LIMIT $3`,
      [q.before ?? null, q.action ?? null, q.limit],
    );
    return rows.map((r) => ({ id: r.id, time: new Date(r.ts).toISOString(), actor: r.actor, action: r.action, target: r.target, details: JSON.parse(r.details) }));
  }
}
