// The segments API's answers (analytics/segments).
import { z } from "@hono/zod-openapi";
import { SEGMENT_NAMES } from "../../../models/rfm.js";

const Segment = z.enum(SEGMENT_NAMES);
const profileExample = {
  segment: "high_value", scores: { recency: 5, frequency: 5, monetary: 5 }, churn_risk: 0.12, lifetime_value: 2140.5,
  purchase_days: 34, total_spend: 31200.4, first_purchase: "2010-12-01", last_purchase: "2011-12-08",
};

export const Profile = z
  .object({
    segment: Segment,
    scores: z.object({ recency: z.number().int(), frequency: z.number().int(), monetary: z.number().int() }).openapi({ description: "quintiles 1–5 among the shoppers who bought (5: most recent, most purchase days, most spent)" }),
    churn_risk: z.number().nullable().openapi({ description: "probability of no purchase in the churn horizon (BG/NBD); null when the data fitted no model" }),
    lifetime_value: z.number().nullable().openapi({ description: "expected spend over the lifetime-value horizon (BG/NBD × Gamma–Gamma)" }),
    purchase_days: z.number().int(), total_spend: z.number(), first_purchase: z.string(), last_purchase: z.string(),
  })
  .openapi("ShopperProfile", { example: profileExample });

export const ProfileAnswer = z
  .object({
    user: z.string(), model_version: z.string(), as_of: z.string().datetime(),
    profile: Profile.nullable().openapi({ description: "null: the shopper had bought nothing when the model was trained" }),
  })
  .openapi("ShopperProfileAnswer", { example: { user: "17850", model_version: "v000003", as_of: "2011-12-09T12:50:00.000Z", profile: profileExample } });

const Row = z.object({
  name: Segment, shoppers: z.number().int(), share: z.number(), spend: z.number(), spend_share: z.number(),
  previous: z.object({ model_version: z.string(), as_of: z.string().datetime(), shoppers: z.number().int(), spend: z.number() }).nullable(),
});
export const SegmentsAnswer = z
  .object({
    model_version: z.string(), as_of: z.string().datetime(), shoppers: z.number().int(), churn_horizon_days: z.number(), lifetime_value_horizon_days: z.number(),
    models: z.object({
      bg_nbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }).nullable(),
      gamma_gamma: z.object({ p: z.number(), q: z.number(), v: z.number() }).nullable(),
    }),
    thresholds: z.record(z.string(), z.number()),
    segments: z.array(Row),
  })
  .openapi("Segments", {
    example: {
      model_version: "v000003", as_of: "2011-12-09T12:50:00.000Z", shoppers: 4338, churn_horizon_days: 90, lifetime_value_horizon_days: 365,
      models: { bg_nbd: { r: 0.83, alpha: 70.1, a: 0.001, b: 2.4 }, gamma_gamma: { p: 2.4, q: 3.3, v: 385 } }, thresholds: { lostAfterDays: 180 },
      segments: [{ name: "high_value", shoppers: 610, share: 0.1406, spend: 5123000.5, spend_share: 0.58, previous: null }],
    },
  });
