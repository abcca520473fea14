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

export const EventInput = z.object({
  user_id: externalId,
  item_id: externalId,
  type: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), eventType),
  timestamp: optional(timestamp),
  value: optional(finite),
  context: optional(z.record(z.string(), z.unknown())),
});
export type EventInput = z.infer<typeof EventInput>;

const tags = z.union([
  z.array(text(100)).max(100),
  z.string().transform((s) => s.split("|").map((t) => t.trim()).filter(Boolean)),
]);

export const ItemInput = z.object({
  id: externalId,
  title: optional(text(1000).nullable()),
  description: optional(text(20_000).nullable()),
  category: optional(text(500).nullable()),
  price: optional(finite.refine((p) => p >= 0, "must not be negative").nullable()),
  stock: optional(z.coerce.number().int("must be a whole number").nullable()),
  tags: optional(tags),
  attributes: optional(z.record(z.string(), z.unknown())),
});
export type ItemInput = z.infer<typeof ItemInput>;

export const UserInput = z.object({
  id: externalId,
  attributes: optional(z.record(z.string(), z.unknown())),
});
export type UserInput = z.infer<typeof UserInput>;

/** "field: message; field: message" for one failed row. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ` : "") + i.message).join("; ");
}
