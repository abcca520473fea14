// The edge of the one error path: domain errors become their status and a JSON body
// { error: { code, message, details } }; anything else is a fault — logged, 500, no stack.
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError } from "../errors.js";
import { errorFields, log } from "../platform/logger.js";
import { countStoreError } from "../platform/metrics.js";

const body = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof AppError) {
    if (err.code.startsWith("store_")) countStoreError(err.code);
    if (err.retryAfterSeconds !== undefined) c.header("Retry-After", String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
    return c.json(body(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json(body("http_" + err.status, err.message || "request rejected"), err.status as ContentfulStatusCode);
  }
  // The route pattern, not the path: paths hold shopper ids.
  log("error", "request failed", { method: c.req.method, route: routePath(c, -1), requestId: c.get("requestId"), ...errorFields(err) });
  return c.json(body("internal_error", "internal error; the server log has the details"), 500);
};

export const onNotFound: NotFoundHandler = (c: Context) =>
  c.json(body("not_found", `no route for ${c.req.method} ${c.req.path}`), 404);
