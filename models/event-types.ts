// The kinds of shopper behaviour tuijian records, and how strongly each one says
// "this shopper wants this item". Stored as small integer codes (the index + 1).
export const EVENT_TYPES = ["view", "click", "favorite", "cart", "purchase", "rating", "share"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const eventCode = (type: EventType): number => EVENT_TYPES.indexOf(type) + 1;
export const PURCHASE = eventCode("purchase");
export const RATING = eventCode("rating");

/** A purchase is the strongest signal; browsing is weak but plentiful. */
export const DEFAULT_EVENT_WEIGHTS: Record<EventType, number> = {
  view: 0.1,
  click: 0.2,
  favorite: 0.5,
  cart: 0.6,
  purchase: 1,
  rating: 1,
  share: 0.4,
};

export type EventWeights = Record<EventType, number>;

/** Weights indexed by event code, for the training and scoring loops. */
export function weightsByCode(weights: EventWeights): Float64Array {
  const out = new Float64Array(EVENT_TYPES.length + 1);
  EVENT_TYPES.forEach((t, i) => (out[i + 1] = weights[t]));
  return out;
}

/**
 * The strength of one event. A rating's value scales its weight: on a 1–5 scale,
 * 3 and below say nothing positive, 5 counts fully.
 */
export function eventStrength(code: number, value: number | null, byCode: Float64Array): number {
  const w = byCode[code] ?? 0;
  if (code !== RATING || value === null) return w;
  return w * Math.max(0, Math.min(1, (value - 3) / 2));
}
