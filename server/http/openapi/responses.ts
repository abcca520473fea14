// The responses every route documents: its success, and each error it can answer.
import type { z } from "@hono/zod-openapi";
import { ErrorBody } from "./schemas.js";

const ERRORS = {
  400: "a parameter or field is invalid (details name each), or the body is not valid JSON",
  401: "no API key, or an unknown, revoked or expired one",
  403: "the key's scope does not allow this route",
  404: "no such item, shopper, key or route",
  409: "in conflict with the store or the model (e.g. no text model, a key name in use)",
  413: "the body or the batch is too large",
  415: "the body is not JSON",
  422: "the records name items that do not exist or were deleted",
  429: "the key is over its rate limit: retry after Retry-After seconds",
  503: "no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds",
} as const;
export type ErrorStatus = keyof typeof ERRORS;

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

/** The success response and the listed errors, each as JSON. */
export function responses<T extends z.ZodType>(status: 200 | 201, schema: T, description: string, errors: ErrorStatus[]) {
  const out: Record<number, { description: string; content?: ReturnType<typeof json> }> = { [status]: { description, content: json(schema) } };
  for (const e of errors) out[e] = { description: ERRORS[e], content: json(ErrorBody) };
  return out as { [K in typeof status]: { description: string; content: ReturnType<typeof json<T>> } } & Record<ErrorStatus, { description: string; content: ReturnType<typeof json<typeof ErrorBody>> }>;
}

/** The errors of a route guarded by a key (and its rate limit). */
export const GUARDED: ErrorStatus[] = [401, 403, 429];
/** The errors of a route that writes (and so may meet a busy or unreachable store). */
export const WRITES: ErrorStatus[] = [400, 413, 415, 503];

/** A 204 without a body, and the listed errors. */
export function noContent(description: string, errors: ErrorStatus[]) {
  const out: Record<number, { description: string; content?: ReturnType<typeof json> }> = { 204: { description } };
  for (const e of errors) out[e] = { description: ERRORS[e], content: json(ErrorBody) };
  return out as { 204: { description: string } } & Record<ErrorStatus, { description: string; content: ReturnType<typeof json<typeof ErrorBody>> }>;
}
