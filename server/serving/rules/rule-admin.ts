// Creating, changing and deleting rules: each change is a new version in the store and an
// audit entry, in one transaction; the writing process sees it at once, the others at
// their next poll of the change counters.
import type { RuleVersion, Store } from "../../store/types.js";
import type { ChangeWatcher } from "../../store/change-watcher.js";
import { AppError, notFound } from "../../errors.js";
import { RuleDefinition } from "./definition.js";

/** A rule as the API shows it. */
export interface ShownRule {
  id: string;
  version: number;
  updated_at: string;
  updated_by: string;
  rule: RuleDefinition;
}

export const shownRule = (v: RuleVersion): ShownRule => ({
  id: v.id, version: v.version, updated_at: new Date(v.createdAt).toISOString(), updated_by: v.actor,
  rule: RuleDefinition.parse(JSON.parse(v.definition!)),
});

export class RuleAdmin {
  constructor(private readonly store: Store, private readonly changes: ChangeWatcher) {}

  async list(): Promise<ShownRule[]> {
    return (await this.store.rules.live()).map(shownRule);
  }

  /** The rule's current version and every earlier one (deletions included), newest first. */
  async get(id: string): Promise<{ current: ShownRule; history: { version: number; updated_at: string; updated_by: string; deleted: boolean }[] }> {
    const history = await this.store.rules.history(id);
    const last = history.at(-1);
    if (!last || last.definition === null) throw notFound("unknown_rule", `no rule with id "${id}"`);
    return {
      current: shownRule(last),
      history: history.reverse().map((v) => ({ version: v.version, updated_at: new Date(v.createdAt).toISOString(), updated_by: v.actor, deleted: v.definition === null })),
    };
  }

  /**
   * Writes a rule's next version. `mode` create: the id must not be live; update: it must
   * be, and at `expectedVersion` when one is given (optimistic concurrency).
   */
  async put(id: string, rule: RuleDefinition, actor: string, mode: "create" | "update" | "upsert", expectedVersion?: number): Promise<ShownRule> {
    const written = await this.store.transaction(async (tx) => {
      const last = (await tx.rules.history(id)).at(-1);
      const live = last !== undefined && last.definition !== null;
      if (mode === "create" && live) throw new AppError(409, "rule_exists", `a rule with id "${id}" exists: update it with PUT /rules/${id}`);
      if (mode === "update" && !live) throw notFound("unknown_rule", `no rule with id "${id}"`);
      if (expectedVersion !== undefined && last?.version !== expectedVersion) {
        throw new AppError(409, "rule_version_conflict", `rule "${id}" is at version ${last?.version ?? 0}, not ${expectedVersion}: read it again`);
      }
      const v = await tx.rules.append(id, JSON.stringify(rule), actor);
      await tx.audit.append(actor, live ? "rule.update" : "rule.create", id, { version: v.version, action: rule.action });
      return v;
    });
    this.changes.invalidate();
    return shownRule(written);
  }

  async delete(id: string, actor: string): Promise<{ id: string; version: number }> {
    const v = await this.store.transaction(async (tx) => {
      const last = (await tx.rules.history(id)).at(-1);
      if (!last || last.definition === null) throw notFound("unknown_rule", `no rule with id "${id}"`);
      const deleted = await tx.rules.append(id, null, actor);
      await tx.audit.append(actor, "rule.delete", id, { version: deleted.version });
      return deleted;
    });
    this.changes.invalidate();
    return { id, version: v.version };
  }
}
