import type { Db } from "./database.js";

export interface AuditEntry {
  id: number;
  time: string;
  /** The key's name, "cli", or "local" (no keys exist yet). */
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  limit: number;
  /** Entries with a smaller id (the next page). */
  before?: number;
  action?: string;
}

/** The audit log (migration 5): who did what and when — counts, never personal data. */
export class AuditRepository {
  private readonly appendStmt;

  constructor(private readonly db: Db) {
    this.appendStmt = db.prepare("INSERT INTO audit_log (ts, actor, action, target, details) VALUES (?, ?, ?, ?, ?)");
  }

  append(actor: string, action: string, target: string | null, details: Record<string, unknown> = {}, now = Date.now()): void {
    this.appendStmt.run(now, actor, action, target, JSON.stringify(details));
  }

  /** Newest first. */
  list(q: AuditQuery): AuditEntry[] {
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
