// Input validation at the edge: zod schemas in, typed values or an AppError out.
import type { Context } from "hono";
import { z } from "zod";
import { AppError, badRequest } from "../errors.js";

function issues(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

export function validQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw badRequest("invalid query parameters", issues(parsed.error));
  return parsed.data;
}

/** One object or an array of them (at most maxBatch), always returned as an array. */
export async function validBatch<T extends z.ZodType>(c: Context, schema: T, maxBatch: number): Promise<z.infer<T>[]> {
  const body = await jsonBody(c);
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0) throw badRequest("the body is an empty array");
  if (list.length > maxBatch) throw new AppError(413, "batch_too_large", `at most ${maxBatch} records per request, got ${list.length}`);
  const parsed = z.array(schema).safeParse(list);
  if (!parsed.success) {
    throw badRequest(`invalid record(s): nothing was written`, issues(parsed.error));
  }
  return parsed.data;
}

async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError(415, "unsupported_media_type", "send the body as JSON with Content-Type: application/json");
  }
  try {
    return JSON.parse(await c.req.text());
  } catch (err) {
    throw new AppError(400, "malformed_json", `the body is not valid JSON: ${(err as Error).message}`);
  }
}
