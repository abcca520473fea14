// The experiments API's bodies and answers (the experiment itself is analytics/experiments/definition.ts's schema).
import { z } from "@hono/zod-openapi";
import { ExperimentDefinition } from "../../analytics/experiments/definition.js";
import { METRICS } from "../../analytics/experiments/metrics.js";

const example = {
  description: "does a diversified home list sell more?",
  mode: "ab",
  primary_metric: "conversion_rate",
  variants: [
    { name: "control", weight: 1, overrides: {} },
    { name: "diverse", weight: 1, overrides: { diversity: { mmr_lambda: 0.7, max_per_category: 3 } } },
  ],
  targeting: { placements: ["home"] },
};

// A clone: a schema made before @hono/zod-openapi extended zod (the CLI loads it first) has no .openapi().
export const ExperimentBody = ExperimentDefinition.clone().openapi("Experiment", {
  description: "variants (the first is the control) as named sets of setting overrides, their traffic split, targeting, and the mode: ab (a shopper sees one variant) or interleaving (each list mixes two rankers by team draft)",
  example,
});

export const ExperimentCreate = z
  .object({ id: z.string().openapi({ description: "the experiment's id (letters, digits, . - _)" }), experiment: ExperimentBody })
  .openapi("NewExperiment", { example: { id: "home-diversity", experiment: example } });

export const ExperimentUpdate = z
  .object({ experiment: ExperimentBody, version: z.number().int().positive().optional().openapi({ description: "the version being replaced: refused with 409 if it changed since" }) })
  .openapi("ExperimentUpdate", { example: { experiment: example, version: 1 } });

export const ExperimentTransition = z
  .object({ version: z.number().int().positive().optional().openapi({ description: "the version read: refused with 409 if it changed since" }) })
  .openapi("ExperimentTransition", { example: { version: 1 } });

const Shown = z.object({
  id: z.string(), status: z.enum(["draft", "running", "stopped"]), version: z.number().int(),
  created_at: z.string().datetime(), updated_at: z.string().datetime(), started_at: z.string().datetime().nullable(), stopped_at: z.string().datetime().nullable(),
  experiment: ExperimentBody,
});
const shownExample = {
  id: "home-diversity", status: "running", version: 2, created_at: "2026-12-01T10:00:00.000Z", updated_at: "2026-12-01T10:05:00.000Z",
  started_at: "2026-12-01T10:05:00.000Z", stopped_at: null, experiment: example,
};
export const ExperimentShown = Shown.openapi("StoredExperiment", { example: shownExample });
export const ExperimentList = z.object({ experiments: z.array(Shown) }).openapi("Experiments", { example: { experiments: [shownExample] } });
export const ExperimentDeleted = z.object({ id: z.string() }).openapi("ExperimentDeleted", { example: { id: "home-diversity" } });

const interval = z.tuple([z.number(), z.number()]).nullable();
const Figure = z.object({
  value: z.number().nullable(),
  ci: interval.openapi({ description: "95% interval (delta method over shoppers)" }),
  vs_control: z.object({ difference: z.number().nullable(), relative_lift: z.number().nullable(), ci: interval, p_value: z.number().nullable() }).optional(),
});
/** What a group of lists earned (a variant, a placement, a model version). */
export const GroupFigures = z.object({
  lists: z.number().int(), shoppers: z.number().int(), clicks: z.number().int(), purchases: z.number().int(), revenue: z.number(),
  metrics: z.object(Object.fromEntries(METRICS.map((m) => [m, Figure])) as Record<(typeof METRICS)[number], typeof Figure>),
});
const Variant = GroupFigures.extend({ name: z.string(), weight: z.number() });
export const ExperimentReport = z
  .object({
    id: z.string(), status: z.enum(["draft", "running", "stopped"]), mode: z.enum(["ab", "interleaving"]), from: z.string().datetime().nullable(), to: z.string().datetime().nullable(),
    attribution_window_hours: z.number(),
    variants: z.array(Variant),
    sample_ratio: z.object({ shoppers: z.array(z.number().int()), p_value: z.number(), mismatch: z.boolean() }).optional()
      .openapi({ description: "shoppers per variant against the split (chi-square); mismatch when p < 0.001: the assignment or the logging is broken" }),
    interleaving: z.object({
      lists: z.number().int(), decided: z.number().int(), ties: z.number().int(), wins: z.tuple([z.number().int(), z.number().int()]),
      preference: z.object({ value: z.number(), ci: z.tuple([z.number(), z.number()]) }), p_value: z.number(),
    }).optional(),
    decision: z.object({ metric: z.string(), winner: z.string().nullable(), p_value: z.number().nullable() }),
  })
  .openapi("ExperimentReport", {
    example: {
      id: "home-diversity", status: "running", mode: "ab", from: "2026-12-01T10:05:00.000Z", to: "2026-12-08T10:05:00.000Z", attribution_window_hours: 24,
      variants: [], sample_ratio: { shoppers: [5012, 4988], p_value: 0.81, mismatch: false }, decision: { metric: "conversion_rate", winner: "diverse", p_value: 0.012 },
    },
  });
