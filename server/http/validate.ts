// Input validation at the edge. Each route declares its query, path and body schemas
// (server/http/routes/*): @hono/zod-openapi validates with them and documents them; a
// failure becomes one 400 naming every invalid field. Bodies are JSON, one record or an
// array of them.
import type { MiddlewareHandler } from "hono";
import { z } from "@hono/zod-openapi";
import { AppError, badRequest } from "../errors.js";
import { requestHeader } from "./incoming.js";

function issues(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** The hook every route's validators report to: a failed check is a 400 naming each field. */
export function validationHook(result: { success: boolean; error?: z.ZodError; target: string }): void {
  if (result.success) return;
  if (result.target === "json") throw invalidRecords(result.error!);
  throw badRequest(`invalid ${result.target === "param" ? "path" : result.target} parameters`, issues(result.error!));
}

/** A body whose records fail their schema: a 400 naming each field. */
export const invalidRecords = (error: z.ZodError) => badRequest("invalid record(s): nothing was written", issues(error));

/**
 * Before a body is validated: it must be JSON (415 otherwise), parse (400 malformed_json),
 * and hold at most maxBatch records (413 batch_too_large). The parsed body is cached by
 * Hono for the validator.
 */
export function jsonBody(maxBatch: number): MiddlewareHandler {
  return async (c, next) => {
    await checkedJson(requestHeader(c, "content-type"), () => c.req.json(), maxBatch);
    await next();
  };
}

/** A JSON body of at most maxBatch records, parsed by `parse` once the content type is JSON; what jsonBody refuses is refused the same way. */
export async function checkedJson(contentType: string | undefined, parse: () => Promise<unknown>, maxBatch: number): Promise<unknown> {
  if (!/^application\/(.+\+)?json\b/i.test(contentType ?? "")) {
    throw new AppError(415, "unsupported_media_type", "send the body as JSON with Content-Type: application/json");
  }
  let body: unknown;
  try {
    body = await parse();
  } catch (err) {
    if (err instanceof AppError) throw err; // too large, or cut off (body.ts)
    throw new AppError(400, "malformed_json", `the body is not valid JSON: ${(err as Error).message}`);
  }
  if (Array.isArray(body) && body.length === 0) throw badRequest("the body is an empty array");
  if (Array.isArray(body) && body.length > maxBatch) throw new AppError(413, "batch_too_large", `at most ${maxBatch} records per request, got ${body.length}`);
  return body;
}

/** One record or an array of them, always validated (and handed on) as an array. */
export function batchOf<T extends z.ZodType>(record: T, name: string) {
  return z
    .preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(record))
    .openapi({ description: `one ${name} or an array of them (at most --max-batch)` });
}

/** A path's id checked by its schema (rules', experiments'): the id as given, or a 400 naming what is wrong. */
export const checkedId = (schema: z.ZodType<string>, what: string) => (id: string): string => {
  const parsed = schema.safeParse(id);
  if (!parsed.success) throw badRequest(`${what} id "${id.slice(0, 120)}": ${parsed.error.issues[0].message}`);
  return id;
};
