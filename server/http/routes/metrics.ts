// GET /metrics: the whole service's metrics in the Prometheus text format, for a scraper.
// It needs an admin key once keys exist; with metricsOpenOnLoopback a scraper on this host
// needs none (a reverse proxy on this host would make every caller local: leave it off then).
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { AppError } from "../../errors.js";
import { METRICS_CONTENT_TYPE, serviceMetrics } from "../../platform/cluster-metrics.js";
import { isLoopback } from "../listen.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { ErrorBody } from "../openapi/schemas.js";

const Metrics = z.string().openapi({ description: "Prometheus text exposition format", example: "tuijian_http_requests_total{method=\"GET\",route=\"/recommend\",status=\"200\"} 42" });
const error = (description: string) => ({ description, content: { "application/json": { schema: ErrorBody } } });

export function metricsRoutes(s: Services): OpenAPIHono<AppEnv> {
  const admin = s.guard("admin");
  const access: MiddlewareHandler<AppEnv> = s.config.metricsOpenOnLoopback ? (c, next) => (fromLoopback(c) ? next() : admin(c, next)) : admin;
  const route = createRoute({
    method: "get", path: "/metrics", tags: ["operations"], summary: "Every serving process's metrics, added up (Prometheus)",
    middleware: [access] as const,
    responses: {
      200: { description: "the metrics", content: { "text/plain": { schema: Metrics } } },
      401: error("no API key, or an unknown one"), 403: error("not an admin key"), 429: error("over the key's rate limit"),
      503: error("a worker did not answer in time"),
    },
  });
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    const text = await serviceMetrics().catch((err: Error) => {
      throw new AppError(503, "metrics_unavailable", err.message, undefined, 1);
    });
    return c.text(text, 200, { "Content-Type": METRICS_CONTENT_TYPE });
  });
}

/** The peer's address; a request that came through no socket (app.request in tests) is not local. */
function fromLoopback(c: Context): boolean {
  const address = c.env?.incoming ? getConnInfo(c).remote.address : undefined;
  return address !== undefined && isLoopback(address.replace(/^::ffff:/, ""));
}
