// The figures the dashboard draws: the overview (counts, events per day, the training
// history) and the catalogue's health (coverage, most recommended, waiting for embedding).
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { overview } from "../../analytics/overview.js";
import { catalogueHealth } from "../../analytics/catalogue-health.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { CatalogueHealth, Stats } from "../openapi/schemas.js";
import { GUARDED, responses } from "../openapi/responses.js";
import { validationHook } from "../validate.js";

export function statsRoutes(s: Services): OpenAPIHono<AppEnv> {
  const stats = createRoute({
    method: "get", path: "/stats", tags: ["operations"], summary: "Counts, events per type per day, the model in use and the training history (admin)",
    middleware: [s.guard("admin")] as const,
    request: { query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30).openapi({ description: "days of events, ending at the newest event's day", example: 30 }) }) },
    responses: responses(200, Stats, "the figures", [400, ...GUARDED, 503]),
  });
  const health = createRoute({
    method: "get", path: "/stats/catalogue", tags: ["operations"], summary: "Coverage and the most recommended items in a sample of shoppers' lists; items waiting for embedding (admin)",
    middleware: [s.guard("admin")] as const,
    request: {
      query: z.object({
        sample: z.coerce.number().int().min(1).max(2000).default(200).openapi({ description: "shoppers whose lists are computed", example: 200 }),
        n: z.coerce.number().int().min(1).max(s.config.maxResults).default(s.config.defaultResults).openapi({ description: "the length of each list", example: 10 }),
      }),
    },
    responses: responses(200, CatalogueHealth, "the figures", [400, ...GUARDED, 503]),
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(stats, async (c) => c.json(await overview(s.store, s.registry.manifests(), s.registry.current(), c.req.valid("query").days), 200))
    .openapi(health, async (c) => {
      const q = c.req.valid("query");
      return c.json(await catalogueHealth(s.store, s.recommender, q.sample, q.n), 200);
    });
}
