import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import type { RuleRepository, RuleVersion } from "../types.js";
import { RULE_COLUMNS, ruleVersion, type RuleRow } from "../rows.js";

/** Merchandising rules (migration 9): one row per version. */
export class SqliteRules implements RuleRepository {
  private readonly appendStmt;
  private readonly liveStmt;
  private readonly historyStmt;

  constructor(db: Db, private readonly gate: Gate) {
    this.appendStmt = db.prepare(
      `INSERT INTO rules (id, version, definition, created_at, actor)
       VALUES (@id, (SELECT coalesce(max(version), 0) + 1 FROM rules WHERE id = @id), @definition, @now, @actor) RETURNING ${RULE_COLUMNS}`,
    );
    this.liveStmt = db.prepare(
      `SELECT ${RULE_COLUMNS} FROM rules r WHERE version = (SELECT max(version) FROM rules WHERE id = r.id) AND definition IS NOT NULL ORDER BY id`,
    );
    this.historyStmt = db.prepare(`SELECT ${RULE_COLUMNS} FROM rules WHERE id = ? ORDER BY version`);
  }

  append(id: string, definition: string | null, actor: string, now = Date.now()): Promise<RuleVersion> {
    return this.gate.write(() => ruleVersion(this.appendStmt.get({ id, definition, now, actor }) as RuleRow));
  }

  async live(): Promise<RuleVersion[]> {
    return (this.liveStmt.all() as RuleRow[]).map(ruleVersion);
  }

  async history(id: string): Promise<RuleVersion[]> {
    return (this.historyStmt.all(id) as RuleRow[]).map(ruleVersion);
  }
}
