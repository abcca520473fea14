// The common import row read without the schema: an event whose cells are plain strings,
// with no context. Validating 20M rows through zod costs more than reading the file, so
// rows this check accepts skip it; it accepts only what `eventInput` accepts, and gives
// what that would give (test/plain-event.test.ts compares the two on generated rows).
// Anything else (a context, a blank timestamp, any doubtful cell) goes to the schema,
// which decides and words the error.
import { EVENT_TYPES } from "../../models/event-types.js";
import type { EventInput } from "../inputs.js";

const TYPES = new Set<string>(EVENT_TYPES);
const MAX_ID = 256;
/** The schema's bounds: years 1970..2999. */
const MAX_MS = 32_503_680_000_000;
const SECONDS = /^-?\d+(\.\d+)?$/;
const ZONELESS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** The event of a row of strings, or undefined when the schema must decide. */
export function plainEvent(fields: Record<string, unknown>, futureToleranceMs: number, now = Date.now()): EventInput | undefined {
  const { user_id, item_id, type, timestamp, value, event_id, recommendation_id, context } = fields;
  if (context !== undefined && context !== "") return undefined;
  const user = id(user_id);
  const item = id(item_id);
  if (user === undefined || item === undefined || typeof type !== "string") return undefined;
  const kind = type.trim().toLowerCase();
  if (!TYPES.has(kind)) return undefined;
  const ts = time(timestamp);
  if (ts === undefined || ts > now + futureToleranceMs) return undefined;
  const event: EventInput = { user_id: user, item_id: item, type: kind as EventInput["type"], timestamp: ts };
  if (event_id !== undefined && !blank(event_id)) {
    const eid = id(event_id);
    if (eid === undefined) return undefined;
    event.event_id = eid;
  }
  if (recommendation_id !== undefined && !blank(recommendation_id)) {
    const rid = id(recommendation_id);
    if (rid === undefined) return undefined;
    event.recommendation_id = rid;
  }
  if (value !== undefined && !blank(value)) {
    if (typeof value !== "string") return undefined;
    const v = Number(value);
    if (!Number.isFinite(v)) return undefined;
    event.value = v;
  }
  return event;
}

const blank = (v: unknown) => typeof v === "string" && v.trim() === "";

function id(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  return s.length > 0 && s.length <= MAX_ID ? s : undefined;
}

/** As the schema's timestamp: Unix seconds or ISO-8601 (UTC without a zone), in milliseconds. */
function time(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  if (s === "") return undefined;
  const ms = SECONDS.test(s) ? Number(v) * 1000 : Date.parse(ZONELESS.test(s) ? s.replace(" ", "T") + "Z" : s);
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_MS ? Math.round(ms) : undefined;
}
