import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { Health, NotReady, Ready } from "../openapi/schemas.js";

const healthz = createRoute({
  method: "get", path: "/healthz", tags: ["health"], summary: "The process is up (no key needed)",
  responses: { 200: { description: "up", content: { "application/json": { schema: Health } } } },
});
const readyz = createRoute({
  method: "get", path: "/readyz", tags: ["health"], summary: "A model is loaded (no key needed)",
  responses: {
    200: { description: "ready", content: { "application/json": { schema: Ready } } },
    503: { description: "no model yet", content: { "application/json": { schema: NotReady } } },
  },
});

export function healthRoutes(s: Services): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>()
    .openapi(healthz, (c) => c.json({ status: "ok" as const }, 200))
    .openapi(readyz, (c) => {
      const version = s.recommender.version;
      return version ? c.json({ ready: true as const, model_version: version }, 200) : c.json({ ready: false as const, reason: "no model loaded" }, 503);
    });
}
