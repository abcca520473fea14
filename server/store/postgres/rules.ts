import type { Db } from "./db.js";
import type { RuleRepository, RuleVersion } from "../types.js";
import { RULE_COLUMNS, ruleVersion, type RuleRow } from "../rows.js";

/** Merchandising rules: one row per version. Two writers of one rule at once: one fails on (id, version). */
export class PgRuleRepository implements RuleRepository {
  constructor(private readonly db: Db) {}

  async append(id: string, definition: string | null, actor: string, now = Date.now()): Promise<RuleVersion> {
    const [row] = await this.db.rows<RuleRow>(
      `INSERT INTO rules (id, version, definition, created_at, actor)
       VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM rules WHERE id = $1), $2, $3, $4) RETURNING ${RULE_COLUMNS}`,
      [id, definition, now, actor],
    );
    return ruleVersion(row);
  }

  async live(): Promise<RuleVersion[]> {
    const rows = await this.db.rows<RuleRow>(
      `SELECT DISTINCT ON (id) ${RULE_COLUMNS} FROM rules ORDER BY id, version DESC`,
    );
    return rows.filter((r) => r.definition !== null).map(ruleVersion);
  }

  async history(id: string): Promise<RuleVersion[]> {
    return (await this.db.rows<RuleRow>(`SELECT ${RULE_COLUMNS} FROM rules WHERE id = $1 ORDER BY version`, [id])).map(ruleVersion);
  }
}
