// The rules API's bodies and answers (the rule itself is serving/rules/definition.ts's schema).
import { z } from "@hono/zod-openapi";
import { RuleDefinition } from "../../serving/rules/definition.js";

const example = { action: "boost", match: { filter: "category = \"Garden\" AND stock > 0" }, multiply: 1.5, add: 0, enabled: true, ends_at: "2026-12-24T00:00:00Z", description: "garden week" };

// A clone: a schema made before @hono/zod-openapi extended zod (the CLI loads it first) has no .openapi().
export const RuleBody = RuleDefinition.clone().openapi("Rule", {
  description: "boost (multiply and/or add to the score of matching items; multiply < 1 or add < 0 buries them), exclude, pin an item at a position, or share (min: at least, max: at most that share of the list for matching items)",
  example,
});

export const RuleCreate = z
  .object({ id: z.string().optional().openapi({ description: "the rule's id (letters, digits, . - _); generated when absent" }), rule: RuleBody })
  .openapi("NewRule", { example: { id: "garden-week", rule: example } });

export const RuleUpdate = z
  .object({ rule: RuleBody, version: z.number().int().positive().optional().openapi({ description: "the version being replaced: refused with 409 if the rule changed since" }) })
  .openapi("RuleUpdate", { example: { rule: example, version: 1 } });

const Shown = z.object({ id: z.string(), version: z.number().int(), updated_at: z.string().datetime(), updated_by: z.string(), rule: RuleBody });
const shownExample = { id: "garden-week", version: 2, updated_at: "2026-12-01T10:00:00.000Z", updated_by: "merch", rule: example };

export const RuleShown = Shown.openapi("StoredRule", { example: shownExample });
export const RuleList = z.object({ rules: z.array(Shown) }).openapi("Rules", { example: { rules: [shownExample] } });
export const RuleWithHistory = z
  .object({
    current: Shown,
    history: z.array(z.object({ version: z.number().int(), updated_at: z.string().datetime(), updated_by: z.string(), deleted: z.boolean() })),
  })
  .openapi("RuleHistory", { example: { current: shownExample, history: [{ version: 2, updated_at: "2026-12-01T10:00:00.000Z", updated_by: "merch", deleted: false }] } });
export const RuleDeleted = z.object({ id: z.string(), version: z.number().int() }).openapi("RuleDeleted", { example: { id: "garden-week", version: 3 } });
