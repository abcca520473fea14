// An experiment as the shop writes it (API body, CLI file), checked by one zod schema:
// its variants (named sets of setting overrides, the first the control), their traffic
// split, who takes part (placements, segments) and how lists are compared — A/B (each
// shopper sees one variant) or interleaving (each list mixes two rankers, team-draft).
import { z } from "zod";
import { PLACEMENTS } from "../../serving/placements/placement.js";
import { SEGMENT_NAMES } from "../../../models/rfm.js";
import { METRICS } from "./metrics.js";
import { RuleId } from "../../serving/rules/definition.js";

/** What a variant changes in how its lists are made; nothing: the settings as they are. */
export const VariantOverrides = z
  .object({
    popularity_only: z.boolean().optional().describe("a control that ignores the shopper: the popularity list (purchases still excluded)"),
    weights: z
      .object({
        factors: z.number().min(0).max(100).optional().describe("weight of the matrix-factorisation score (the model's fitted weight otherwise)"),
        popularity: z.number().min(0).max(1).optional().describe("share of popularity blended into the score (the model's fitted share otherwise)"),
      })
      .strict()
      .optional(),
    history_half_life_days: z.number().positive().max(3650).optional().describe("half-life of the shopper's past events"),
    max_history: z.number().int().min(1).max(10_000).optional().describe("most recent events scored (at most the server's --max-history)"),
    diversity: z
      .object({ max_per_category: z.number().int().min(1).max(100).optional(), mmr_lambda: z.number().min(0).max(1).optional() })
      .strict()
      .optional()
      .describe("diversity in place of the placement's diversity rule"),
    rules: z.union([z.boolean(), z.array(RuleId).max(100)]).optional()
      .describe("false: no merchandising rules apply; a list of rule ids: only those (of the ones in force for the list)"),
    model_version: z.string().regex(/^v\d{6,}$/, "a model version such as v000012").optional()
      .describe("score with this kept model version instead of the newest (training keeps it while the experiment runs)"),
  })
  .strict();
export type VariantOverrides = z.infer<typeof VariantOverrides>;

const VARIANT_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export const Variant = z
  .object({
    name: z.string().regex(VARIANT_NAME, "lower-case letters, digits, '-' or '_', at most 40"),
    weight: z.number().positive().max(1000).default(1).describe("its share of the traffic, relative to the others' (A/B)"),
    overrides: VariantOverrides.default({}),
  })
  .strict();
export type Variant = z.infer<typeof Variant>;

export const ExperimentDefinition = z
  .object({
    description: z.string().max(500).optional(),
    mode: z.enum(["ab", "interleaving"]).default("ab"),
    primary_metric: z.enum(METRICS).default("ctr").describe("the A/B report's decision is on this metric (interleaving decides by clicks)"),
    variants: z.array(Variant).min(2, "at least two variants (the first is the control)").max(10, "at most 10 variants"),
    targeting: z
      .object({
        placements: z.array(z.enum(PLACEMENTS)).min(1).optional().describe("only lists of these placements take part"),
        segments: z.array(z.enum(SEGMENT_NAMES)).min(1).optional().describe("only shoppers in one of these segments take part"),
      })
      .strict()
      .default({}),
  })
  .strict()
  .refine((d) => new Set(d.variants.map((v) => v.name)).size === d.variants.length, { message: "variant names must differ", path: ["variants"] })
  .refine((d) => d.mode === "ab" || d.variants.length === 2, { message: "interleaving compares exactly two variants", path: ["variants"] });
export type ExperimentDefinition = z.infer<typeof ExperimentDefinition>;

/** A stored experiment's id: letters, digits, dot, dash, underscore (no ':' — served lists name "<id>:<variant>"). */
export const ExperimentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, '.', '-' or '_', at most 100");

/** The served list's variant column: "<experiment>:<variant>". */
export const variantKey = (experiment: string, variant: string) => `${experiment}:${variant}`;
