// GET /kpis's and GET /attribution's answers (analytics/kpis.ts, analytics/attribution-report.ts).
import { z } from "@hono/zod-openapi";
import { GroupFigures } from "./experiment-schemas.js";

const rate = z.number().nullable();
const Kpis = z.object({
  funnel: z.object({ active: z.number().int(), carted: z.number().int(), bought: z.number().int(), cart_rate: rate, purchase_after_cart: rate, conversion: rate })
    .openapi({ description: "shoppers with any event → with a cart or purchase → with a purchase, and the conversion at each step" }),
  orders: z.number().int().openapi({ description: "a shopper's purchases of one UTC day are one order" }),
  revenue: z.number(), average_order_value: z.number().nullable(),
  repeat_purchase_rate: rate.openapi({ description: "share of the period's buyers who have bought on at least two days by its end" }),
  attributed_revenue: z.number(), attributed_share: rate.openapi({ description: "share of revenue from purchases attributed to a recommended list" }),
});
const example = {
  funnel: { active: 1210, carted: 1210, bought: 1210, cart_rate: 1, purchase_after_cart: 1, conversion: 1 }, orders: 1630, revenue: 612034.5,
  average_order_value: 375.48, repeat_purchase_rate: 0.81, attributed_revenue: 0, attributed_share: 0,
};
export const KpiReport = z
  .object({
    from: z.string().datetime(), to: z.string().datetime(), interval: z.enum(["day", "week"]), attribution_window_hours: z.number(),
    total: Kpis,
    periods: z.array(Kpis.extend({ start: z.string().datetime() })),
    cohorts: z.array(z.object({ start: z.string().datetime(), shoppers: z.number().int(), retention: z.array(z.number()) }))
      .openapi({ description: "shoppers whose first purchase fell in each period, and the share of them buying again 1, 2, … periods later" }),
  })
  .openapi("Kpis", {
    example: {
      from: "2011-11-09T00:00:00.000Z", to: "2011-12-10T00:00:00.000Z", interval: "week", attribution_window_hours: 24, total: example,
      periods: [{ start: "2011-11-07T00:00:00.000Z", ...example }], cohorts: [{ start: "2011-11-07T00:00:00.000Z", shoppers: 120, retention: [0.21, 0.18, 0.12, 0.05] }],
    },
  });

const groups = z.record(z.string(), GroupFigures);
export const AttributionAnswer = z
  .object({
    from: z.string().datetime(), to: z.string().datetime(), attribution_window_hours: z.number(),
    total: GroupFigures, by_placement: groups, by_model_version: groups, by_variant: groups.openapi({ description: "lists outside any experiment under none" }),
    ctr_by_position: z.array(z.number()).openapi({ description: "clicks on the item in place 1, 2, … 20 per list that had that place" }),
  })
  .openapi("Attribution", {
    example: {
      from: "2026-11-24T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z", attribution_window_hours: 24,
      total: { lists: 0, shoppers: 0, clicks: 0, purchases: 0, revenue: 0, metrics: Object.fromEntries(["ctr", "add_to_cart_rate", "conversion_rate", "revenue_per_mille", "average_order_value"].map((m) => [m, { value: null, ci: null }])) },
      by_placement: {}, by_model_version: {}, by_variant: {}, ctr_by_position: [],
    },
  });
