// A merchandising rule as the shop writes it (API body, CLI file), checked by one zod
// schema: what it does (boost, exclude, pin, share), which items it matches, where and
// when it applies. Stored as this JSON, a version per change (store/types.ts RuleRepository).
import { z } from "zod";
import { FilterSyntaxError, parseFilter } from "../filter-expression.js";

import { PLACEMENTS } from "../placements/placement.js";
import { SEGMENT_NAMES } from "../../../models/rfm.js";

export type { Placement } from "../placements/placement.js";

/** Bounds that keep a rule from swamping everything else: a multiplier and an addition to a score. */
export const MAX_MULTIPLY = 10;
export const MAX_ADD = 10;
/** Ids a rule may list. */
const MAX_ITEMS = 10_000;

const filterText = z.string().max(2000, "must be at most 2000 characters").superRefine((text, ctx) => {
  try {
    parseFilter(text);
  } catch (err) {
    if (!(err instanceof FilterSyntaxError)) throw err;
    ctx.addIssue({ code: "custom", message: err.message });
  }
});

/** The items a rule applies to: those passing `filter` (README: Filters), and those listed in `items`. */
const match = z
  .object({
    filter: filterText.optional(),
    items: z.array(z.string().min(1).max(256)).max(MAX_ITEMS, `at most ${MAX_ITEMS} ids`).optional(),
  })
  .strict()
  .refine((m) => m.filter !== undefined || (m.items?.length ?? 0) > 0, "name a filter or items");

const time = z.iso.datetime({ offset: true, error: "must be an ISO 8601 time, e.g. 2026-12-24T00:00:00Z" });

const common = {
  description: z.string().max(500).optional(),
  placement: z.enum(PLACEMENTS).optional(),
  segments: z.array(z.enum(SEGMENT_NAMES)).min(1).optional().describe("only lists of shoppers in one of these segments (as of the model's training)"),
  starts_at: time.optional(),
  ends_at: time.optional(),
  enabled: z.boolean().default(true),
};

export const RuleDefinition = z
  .discriminatedUnion("action", [
    z.object({
      action: z.literal("boost"),
      match,
      multiply: z.number().min(0).max(MAX_MULTIPLY).default(1),
      add: z.number().min(-MAX_ADD).max(MAX_ADD).default(0),
      ...common,
    }).strict(),
    z.object({ action: z.literal("exclude"), match, ...common }).strict(),
    z.object({ action: z.literal("pin"), item: z.string().min(1).max(256), position: z.number().int().min(1).max(100), ...common }).strict(),
    z.object({
      action: z.literal("share"),
      match,
      min: z.number().min(0).max(1).optional(),
      max: z.number().min(0).max(1).optional(),
      ...common,
    }).strict()
      .refine((r) => r.min !== undefined || r.max !== undefined, "a share rule needs min (a promotion) or max (a cap)")
      .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, "min must not exceed max"),
    z.object({
      action: z.literal("diversity"),
      max_per_category: z.number().int().min(1).max(100).optional(),
      mmr_lambda: z.number().min(0).max(1).optional(),
      ...common,
    }).strict()
      .refine((r) => r.max_per_category !== undefined || r.mmr_lambda !== undefined, "a diversity rule needs max_per_category or mmr_lambda"),
  ])
  .refine((r) => r.starts_at === undefined || r.ends_at === undefined || Date.parse(r.starts_at) < Date.parse(r.ends_at), {
    message: "starts_at must come before ends_at", path: ["ends_at"],
  });

export type RuleDefinition = z.infer<typeof RuleDefinition>;

/** A stored rule's id: letters, digits, dot, dash, underscore. */
export const RuleId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, '.', '-' or '_', at most 100");

/** Whether a rule applies at `now` (enabled, inside its window). */
export function inWindow(r: RuleDefinition, now: number): boolean {
  return r.enabled && (r.starts_at === undefined || Date.parse(r.starts_at) <= now) && (r.ends_at === undefined || now < Date.parse(r.ends_at));
}
