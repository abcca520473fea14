// How a setting's text (environment variable or flag) becomes its value: the zod types the
// configuration schema (config.ts) builds its settings from.
import { z } from "zod";
import { EVENT_TYPES, DEFAULT_EVENT_WEIGHTS, type EventType } from "../models/event-types.js";
import { DEFAULT_SEGMENT_THRESHOLDS, type SegmentThresholds } from "../models/rfm.js";

export const int = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
export const positive = () => z.coerce.number({ error: "must be a number" }).positive({ error: "must be a number > 0" });
export const bool = z.union([z.boolean(), z.enum(["1", "0", "true", "false", "yes", "no"])]).transform((v) => v === true || v === "1" || v === "true" || v === "yes");

/** "purchase=1,cart=0.5" (environment or flag) or an object, merged over the defaults. */
export const eventWeights = z
  .union([z.string(), z.record(z.string(), z.number())])
  .transform((v, ctx) => {
    const pairs = typeof v === "string" ? v.split(",").filter(Boolean).map((p) => p.split("=")) : Object.entries(v);
    const out: Record<EventType, number> = { ...DEFAULT_EVENT_WEIGHTS };
    for (const [type, raw] of pairs) {
      const w = Number(raw);
      if (!(EVENT_TYPES as readonly string[]).includes(String(type).trim()) || !Number.isFinite(w) || w < 0) {
        ctx.addIssue({ code: "custom", message: `"${type}=${raw}": expected <type>=<weight ≥ 0> with type one of ${EVENT_TYPES.join(", ")}` });
        return z.NEVER;
      }
      out[String(type).trim() as EventType] = w;
    }
    return out;
  });

/** "lostAfterDays=120,atRiskChurn=0.8" (environment or flag) or an object, merged over the defaults. */
export const segmentThresholds = z
  .union([z.string(), z.record(z.string(), z.number())])
  .transform((v, ctx) => {
    const pairs = typeof v === "string" ? v.split(",").filter(Boolean).map((p) => p.split("=")) : Object.entries(v);
    const out: SegmentThresholds = { ...DEFAULT_SEGMENT_THRESHOLDS };
    for (const [name, raw] of pairs) {
      const key = String(name).trim() as keyof SegmentThresholds;
      const x = Number(raw);
      if (!(key in out) || !Number.isFinite(x) || x < 0) {
        ctx.addIssue({ code: "custom", message: `"${name}=${raw}": expected <name>=<number ≥ 0> with name one of ${Object.keys(out).join(", ")}` });
        return z.NEVER;
      }
      out[key] = x;
    }
    return out;
  });

// Besides the sources: "compensation", α of the popularity compensation (models/compensation.ts).
const HYBRID_SOURCES = ["itemKnn", "linear", "content", "recency", "factors", "popularity", "compensation"] as const;
export const hybridWeights = z.string().transform((v, ctx) => {
  if (v.trim() === "auto") return "auto" as const;
  const out = { itemKnn: 0, linear: 0, content: 0, recency: 0, factors: 0, popularity: 0, compensation: 0 };
  for (const pair of v.split(",").filter(Boolean)) {
    const [name, raw] = pair.split("=").map((x) => x.trim());
    const w = Number(raw);
    if (!(HYBRID_SOURCES as readonly string[]).includes(name) || !Number.isFinite(w) || w < 0) {
      ctx.addIssue({ code: "custom", message: `"${pair}": expected "auto" or <source>=<weight ≥ 0> with source one of ${HYBRID_SOURCES.join(", ")}` });
      return z.NEVER;
    }
    out[name as (typeof HYBRID_SOURCES)[number]] = w;
  }
  return out;
});
