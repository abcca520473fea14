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

/** The caller's X-Request-Id when it is a plain token, else a new id. */
export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && REQUEST_ID.test(header) ? header : randomUUID();
}

/** What one request's record says. */
export interface RequestRecord {
  method: string;
  /** The route pattern (never the raw path). */
  route: string;
  status: number;
  seconds: number;
  requestId: string;
  /** The request's URL or path with its query string (shopper ids masked unless logShopperIds). */
  url: string;
  actor: string | undefined;
}

/** Counts and times a request in the metrics and writes its log line. */
export function recordRequest(r: RequestRecord, { logShopperIds }: AccessLogOptions): void {
  const statusLabel = String(r.status);
  httpRequests.labels(r.method, r.route, statusLabel).inc();
  httpDuration.labels(r.method, r.route, statusLabel).observe(r.seconds);
  if (!logger.isLevelEnabled("info")) return;
  logger.info({
    msg: "request", method: r.method, route: r.route, status: r.status, durationMs: Math.round(r.seconds * 10_000) / 10, requestId: r.requestId,
    query: query(r.url, logShopperIds), actor: r.actor,
  });
}

export function accessLog(options: AccessLogOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(requestHeader(c, "x-request-id"));
    c.set("requestId", requestId);
    c.header("X-Request-Id", requestId);
    await next();
    recordRequest({
      method: c.req.method, route: handlerRoute(routePath(c, -1)), status: c.res.status, seconds: (performance.now() - started) / 1000, requestId,
      url: c.req.url, actor: c.get("actor"),
    }, options);
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
