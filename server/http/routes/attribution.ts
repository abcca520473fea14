import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { AttributionAnswer } from "../openapi/kpi-schemas.js";
import { GUARDED, responses } from "../openapi/responses.js";
import { validationHook } from "../validate.js";
import { badRequest } from "../../errors.js";
import { parseTime } from "../../analytics/kpi-range.js";
import { attributionReport } from "../../analytics/attribution-report.js";

const DAY = 86_400_000;
const query = z.object({
  from: z.string().max(40).optional().openapi({ description: "lists served from this day (2026-11-01) or time; default: 7 days before `to`", example: "2026-11-24" }),
  to: z.string().max(40).optional().openapi({ description: "until this day or time, exclusive; default: now", example: "2026-12-01" }),
});
export function attributionRoutes(s: Services): OpenAPIHono<AppEnv> {
  const route = createRoute({
    method: "get", path: "/attribution", tags: ["analytics"],
    summary: "What the lists served in a range earned: overall and by placement, model version and variant, and click-through by position",
    middleware: [s.guard("admin")] as const, request: { query }, responses: responses(200, AttributionAnswer, "the attribution", [400, ...GUARDED, 503]),
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
    const q = c.req.valid("query");
    const to = parseTime("to", q.to) ?? Date.now();
    const from = parseTime("from", q.from) ?? to - 7 * DAY;
    if (from >= to) throw badRequest("from must come before to");
    return c.json(await attributionReport(s.store, { from, to, windowMs: s.config.attributionWindowHours * 3_600_000 }), 200);
  });
}
