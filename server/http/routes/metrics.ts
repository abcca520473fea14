// GET /metrics: the whole service's metrics in the Prometheus text format, for a scraper.
// It needs an admin key once keys exist; with metricsOpenOnLoopback a scraper on this host
// needs none (a reverse proxy on this host would make every caller local: leave it off then).
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { AppError } from "../../errors.js";
import { METRICS_CONTENT_TYPE, serviceMetrics } from "../../platform/cluster-metrics.js";
import { isLoopback } from "../listen.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";

export function metricsRoutes(s: Services): Hono<AppEnv> {
  const admin = s.guard("admin");
  const access: MiddlewareHandler<AppEnv> = s.config.metricsOpenOnLoopback ? (c, next) => (fromLoopback(c) ? next() : admin(c, next)) : admin;
  return new Hono<AppEnv>().get("/metrics", access, async (c) => {
    const text = await serviceMetrics().catch((err: Error) => {
      throw new AppError(503, "metrics_unavailable", err.message, undefined, 1);
    });
    return c.body(text, 200, { "Content-Type": METRICS_CONTENT_TYPE });
  });
}

/** The peer's address; a request that came through no socket (app.request in tests) is not local. */
function fromLoopback(c: Context): boolean {
  const address = c.env?.incoming ? getConnInfo(c).remote.address : undefined;
  return address !== undefined && isLoopback(address.replace(/^::ffff:/, ""));
}
