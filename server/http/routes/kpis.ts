import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { KpiReport } from "../openapi/kpi-schemas.js";
import { GUARDED, responses } from "../openapi/responses.js";
import { validationHook } from "../validate.js";
import { INTERVALS, kpis } from "../../analytics/kpis.js";
import { kpiRange } from "../../analytics/kpi-range.js";

const query = z.object({
  from: z.string().max(40).optional().openapi({ description: "the first day (2011-11-01) or time; default: 30 days (12 weeks) before `to`", example: "2011-11-01" }),
  to: z.string().max(40).optional().openapi({ description: "the end, exclusive; default: the day after the newest event", example: "2011-12-10" }),
  interval: z.enum(INTERVALS, { error: () => "must be day or week" }).default("day").openapi({ description: "a row per day or per week (Monday to Sunday)", example: "week" }),
});

export function kpiRoutes(s: Services): OpenAPIHono<AppEnv> {
  const route = createRoute({
    method: "get", path: "/kpis", tags: ["analytics"],
    summary: "The shop's funnel, orders, revenue, order value, repeat purchases, cohort retention and the revenue share of recommendations, per day or week",
    middleware: [s.guard("admin")] as const, request: { query }, responses: responses(200, KpiReport, "the KPIs", [400, ...GUARDED, 503]),
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) =>
    c.json(await kpis(s.store, await kpiRange(s.store, c.req.valid("query"), s.config.attributionWindowHours * 3_600_000)), 200),
  );
}
