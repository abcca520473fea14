// One record per request, in the log and in the metrics: method, route pattern (never the
// raw path, which holds item and shopper ids), status, duration and request id. The id is
// the caller's X-Request-Id when that is a plain token, else a new one; every response,
// errors included, carries it back.
import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { accessLogger as logger } from "../platform/logger.js";
import { httpDuration, httpRequests } from "../platform/metrics.js";
import type { AppEnv } from "./auth.js";
import { requestHeader } from "./incoming.js";

/** What an incoming id may be: it is echoed and logged, so no spaces, quotes or control characters. */
const REQUEST_ID = /^[A-Za-z0-9._:@\/+=-]{1,128}$/;

/** Query parameters whose values identify a shopper. */
const SHOPPER_PARAMS = ["user"];

export interface AccessLogOptions {
  /** Whether logged query strings show shopper ids (logShopperIds); off: masked. */
  logShopperIds: boolean;
}

export function accessLog({ logShopperIds }: AccessLogOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = requestHeader(c, "x-request-id");
    const requestId = incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    c.header("X-Request-Id", requestId);
    await next();
    const seconds = (performance.now() - started) / 1000;
    const method = c.req.method;
    const route = handlerRoute(routePath(c, -1));
    const status = c.res.status;
    const statusLabel = String(status);
    httpRequests.labels(method, route, statusLabel).inc();
    httpDuration.labels(method, route, statusLabel).observe(seconds);
    if (!logger.isLevelEnabled("info")) return;
    logger.info({
      msg: "request", method, route, status, durationMs: Math.round(seconds * 10_000) / 10, requestId,
      query: query(c.req.url, logShopperIds), actor: c.get("actor"),
    });
  };
}

/** A request no route matched ends at the app-wide middleware ("/*"): one label for all of them. */
const handlerRoute = (path: string) => (path === "/*" || path === "*" || path === "" ? "unmatched" : path);

function query(url: string, showShopper: boolean): string | undefined {
  const at = url.indexOf("?");
  if (at < 0 || at === url.length - 1) return undefined;
  if (showShopper) return url.slice(at + 1);
  const params = new URLSearchParams(url.slice(at + 1));
  for (const name of SHOPPER_PARAMS) if (params.has(name)) params.set(name, "***");
  return params.toString();
}
