import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import type { AuditEntry, AuditQuery, AuditRepository } from "../types.js";

/** The audit log (migration 5): who did what and when — counts, never personal data. */
export class SqliteAudit implements AuditRepository {
  private readonly appendStmt;

  constructor(private readonly db: Db, private readonly gate: Gate) {
    this.appendStmt = db.prepare("INSERT INTO audit_log (ts, actor, action, target, details) VALUES (?, ?, ?, ?, ?)");
  }

  append(actor: string, action: string, target: string | null, details: Record<string, unknown> = {}, now = Date.now()): Promise<void> {
    return this.gate.write(() => void this.appendStmt.run(now, actor, action, target, JSON.stringify(details)));
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare(
        `SELECT id, ts, actor, action, target, details FROM audit_log
         WHERE (@before IS NULL OR id < @before) AND (@action IS NULL OR action = @action)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ before: q.before ?? null, action: q.action ?? null, limit: q.limit }) as { id: number; ts: number; actor: string; action: string; target: string | null; details: string }[];
    return rows.map((r) => ({ id: r.id, time: new Date(r.ts).toISOString(), actor: r.actor, action: r.action, target: r.target, details: JSON.parse(r.details) }));
  }
}
