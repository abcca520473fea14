// How a shopper's recent events become the weighted history that is scored: the same
// function serves requests and builds validation cases, so fitting matches serving.
import { eventEvidence, eventStrength, scaleOfEvents } from "./event-types.js";

export interface HistoryParams {
  maxHistory: number;
  historyHalfLifeDays: number;
  /** How much a disliked item (a rating under the shopper's scale) counts against what resembles it: 0 ignores it. */
  dislikeWeight: number;
  weightsByCode: Float64Array;
}

export interface HistoryEventLike {
  itemId: number;
  type: number;
  value: number | null;
  ts: number;
}

/**
 * Events newest first → distinct items (in order of their newest event) and weights: each
 * event's evidence decays with its age relative to the shopper's newest event, an item's
 * events add up (scores are linear in the weights, so this changes no score, only how
 * many rows the kernel reads), and the positive weights sum to 1, so a long history does
 * not outweigh the popularity blend. A disliked item's weight is negative (times
 * `dislikeWeight`).
 */
export function weightHistory(events: HistoryEventLike[], p: HistoryParams): { items: Int32Array; weights: Float32Array } {
  const h = Math.min(events.length, p.maxHistory);
  const slotOf = new Map<number, number>();
  const items: number[] = [];
  const raw: number[] = [];
  const newest = events[0]?.ts ?? 0;
  const halfLife = p.historyHalfLifeDays * 86_400_000;
  const scale = scaleOfEvents(events);
  let sum = 0;
  for (let t = 0; t < h; t++) {
    const e = events[t];
    const evidence = eventEvidence(e.type, e.value, p.weightsByCode, scale);
    const signed = evidence >= 0 ? evidence : p.dislikeWeight > 0 ? evidence * p.dislikeWeight : 0;
    const w = signed * Math.pow(2, -(newest - e.ts) / halfLife);
    if (w > 0) sum += w;
    const slot = slotOf.get(e.itemId);
    if (slot !== undefined) raw[slot] += w;
    else {
      slotOf.set(e.itemId, items.length);
      items.push(e.itemId);
      raw.push(w);
    }
  }
  return { items: Int32Array.from(items), weights: Float32Array.from(raw, (w) => (sum > 0 ? w / sum : 0)) };
}

/**
 * The shopper's distinct items with iALS confidences, 1 + α · log(1 + Σ strengths), the
 * same as training gives an observed (shopper, item) pair — for folding them in.
 */
export function foldInHistory(events: HistoryEventLike[], weightsByCode: Float64Array, alpha: number): { items: Int32Array; conf: Float32Array } {
  const strength = new Map<number, number>();
  const scale = scaleOfEvents(events);
  for (const e of events) strength.set(e.itemId, (strength.get(e.itemId) ?? 0) + eventStrength(e.type, e.value, weightsByCode, scale));
  let kept = 0;
  for (const s of strength.values()) if (s > 0) kept++;
  // Written in place: entries spread into pairs cost a list ~6 KB of garbage.
  const items = new Int32Array(kept);
  const conf = new Float32Array(kept);
  let i = 0;
  strength.forEach((s, item) => {
    if (!(s > 0)) return;
    items[i] = item;
    conf[i++] = 1 + alpha * Math.log1p(s);
  });
  return { items, conf };
}
