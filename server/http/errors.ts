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

/** An error's answer: its status, JSON body and, for a retryable one, Retry-After (seconds). */
export interface ErrorAnswer {
  status: ContentfulStatusCode;
  body: ReturnType<typeof body>;
  retryAfter?: string;
}

/** Maps any error to its answer; a fault (not a domain error) is logged with the request it broke. */
export function errorAnswer(err: unknown, request: { method: string; route: string; requestId?: string }): ErrorAnswer {
  if (err instanceof AppError) {
    if (err.code.startsWith("store_")) countStoreError(err.code);
    const retryAfter = err.retryAfterSeconds === undefined ? undefined : String(Math.max(1, Math.ceil(err.retryAfterSeconds)));
    return { status: err.status, body: body(err.code, err.message, err.details), retryAfter };
  }
  if (err instanceof HTTPException && err.status < 500) {
    return { status: err.status as ContentfulStatusCode, body: body("http_" + err.status, err.message || "request rejected") };
  }
  log("error", "request failed", { ...request, ...errorFields(err) });
  return { status: 500, body: body("internal_error", "internal error; the server log has the details") };
}

export const onError: ErrorHandler = (err, c) => {
  // The route pattern, not the path: paths hold shopper ids.
  const answer = errorAnswer(err, { method: c.req.method, route: routePath(c, -1), requestId: c.get("requestId") });
  if (answer.retryAfter !== undefined) c.header("Retry-After", answer.retryAfter);
  return c.json(answer.body, answer.status);
};

export const onNotFound: NotFoundHandler = (c: Context) =>
  c.json(body("not_found", `no route for ${c.req.method} ${c.req.path}`), 404);
