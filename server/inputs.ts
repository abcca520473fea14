// What a valid event, item and user is — one definition for HTTP bodies and import files.
// File values arrive as strings; empty strings mean "not given".
import { z } from "zod";
import { EVENT_TYPES } from "../models/event-types.js";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const externalId = z.preprocess(
  (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : v),
  z.string().min(1, "must not be empty").max(256, "must be at most 256 characters"),
);

const finite = z.coerce.number().refine(Number.isFinite, "must be a finite number");
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** ISO-8601 (a time without zone is UTC) or Unix seconds; returns milliseconds. */
export const timestamp = z.union([z.string(), z.number()]).transform((v, ctx) => {
  let ms: number;
  if (typeof v === "number" || /^-?\d+(\.\d+)?$/.test(v.trim())) {
    ms = Number(v) * 1000;
  } else {
    const s = v.trim();
    ms = Date.parse(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? s.replace(" ", "T") + "Z" : s);
  }
  // Years 1970..2999: a millisecond value given as seconds lands far beyond and is caught.
  if (!Number.isFinite(ms) || ms < 0 || ms > 32_503_680_000_000) {
    ctx.addIssue({ code: "custom", message: `"${v}" is not an ISO-8601 time or Unix seconds` });
    return z.NEVER;
  }
  return Math.round(ms);
});

export const eventType = z.enum(EVENT_TYPES, { error: () => `must be one of ${EVENT_TYPES.join(", ")}` });

/** Nesting and size limits of free-form JSON fields (context, attributes). */
export const JSON_FIELD_LIMITS = { depth: 8, bytes: 16 * 1024 };

/**
 * A JSON object of bounded depth and size: a deeply nested value would overflow the stack
 * of whatever serialises it later, a huge one would bloat every row that carries it.
 */
const jsonObject = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const depth = jsonDepth(value, JSON_FIELD_LIMITS.depth);
  if (depth > JSON_FIELD_LIMITS.depth) {
    ctx.addIssue({ code: "custom", message: `must be nested at most ${JSON_FIELD_LIMITS.depth} levels deep` });
    return;
  }
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > JSON_FIELD_LIMITS.bytes) ctx.addIssue({ code: "custom", message: `must be at most ${JSON_FIELD_LIMITS.bytes} bytes as JSON, got ${bytes}` });
});

/** The nesting depth of a JSON value, counted without recursion and no further than limit + 1. */
function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/** How far ahead of this server's clock an event's timestamp may be by default: one day. */
export const DEFAULT_FUTURE_TOLERANCE_MS = 86_400_000;

/**
 * A valid event. A timestamp more than `futureToleranceMs` ahead of the clock is refused:
 * one event from a clock years off would otherwise be "now" for every decayed score.
 */
export function eventInput(futureToleranceMs = DEFAULT_FUTURE_TOLERANCE_MS) {
  const notFuture = timestamp.superRefine((ms, ctx) => {
    const limit = Date.now() + futureToleranceMs;
    if (ms > limit) {
      ctx.addIssue({ code: "custom", message: `${new Date(ms).toISOString()} is more than ${futureToleranceMs / 3_600_000} h ahead of the server's clock (${new Date().toISOString()})` });
    }
  });
  return z.object({
    event_id: optional(externalId),
    /** The list the shopper acted from (a /recommend response's recommendation_id), for attribution. */
    recommendation_id: optional(externalId),
    user_id: externalId,
    item_id: externalId,
    type: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), eventType),
    timestamp: optional(notFuture),
    value: optional(finite),
    context: optional(jsonObject),
  });
}
export const EventInput = eventInput();
export type EventInput = z.infer<typeof EventInput>;

const MAX_TAGS = 100;
const tags = z
  .union([z.array(z.string()), z.string().transform((s) => s.split("|").map((t) => t.trim()).filter(Boolean))])
  .pipe(z.array(text(100)).max(MAX_TAGS, `at most ${MAX_TAGS} tags`));

export const ItemInput = z.object({
  id: externalId,
  title: optional(text(1000).nullable()),
  description: optional(text(20_000).nullable()),
  category: optional(text(500).nullable()),
  price: optional(finite.refine((p) => p >= 0, "must not be negative").nullable()),
  stock: optional(z.coerce.number().int("must be a whole number").nullable()),
  tags: optional(tags),
  attributes: optional(jsonObject),
});
export type ItemInput = z.infer<typeof ItemInput>;

export const UserInput = z.object({
  id: externalId,
  attributes: optional(jsonObject),
});
export type UserInput = z.infer<typeof UserInput>;

/** "field: message; field: message" for one failed row. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ` : "") + i.message).join("; ");
}
