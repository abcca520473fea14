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

/** How a shopper rates: the mean and spread of their ratings (shoppers use a scale differently). */
export interface RatingScale {
  mean: number;
  spread: number;
}

/** Ratings a shopper needs before their own scale is used. */
const MIN_RATINGS_FOR_SCALE = 3;
/** Smallest spread assumed: one step of a five-star scale (a shopper of only 4s and 5s likes both). */
const MIN_SPREAD = 1;

/** The shopper's scale from their ratings; undefined with too few to tell. */
export function ratingScale(values: readonly number[]): RatingScale | undefined {
  if (values.length < MIN_RATINGS_FOR_SCALE) return undefined;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, spread: Math.max(MIN_SPREAD, Math.sqrt(variance)) };
}

/**
 * What one event says of the shopper's taste, signed. A rating is read on the shopper's
 * own scale when known: at or above their mean less one spread it counts fully, it fades
 * to nothing at two spreads under the mean (a generous rater's 3 is a complaint, a severe
 * one's 3 is praise) and turns against the item below that, down to −1 at three spreads
 * under. Without a scale, on a 1–5 scale: 5 counts fully, 3 says nothing, 1 is −1.
 * Other events are their type's weight.
 */
export function eventEvidence(code: number, value: number | null, byCode: Float64Array, scale?: RatingScale): number {
  const w = byCode[code] ?? 0;
  if (code !== RATING || value === null) return w;
  const level = scale ? 2 + (value - scale.mean) / scale.spread : (value - 3) / 2;
  return w * Math.max(-1, Math.min(1, level));
}

/** The positive part of an event's evidence: how strongly it ties shopper and item in training. */
export function eventStrength(code: number, value: number | null, byCode: Float64Array, scale?: RatingScale): number {
  return Math.max(0, eventEvidence(code, value, byCode, scale));
}

/**
 * Whether an event says the shopper likes the item, as an answer a validation case is
 * measured against: any event but a rating under the middle of the shopper's scale (half
 * a spread below their mean; without a scale, 3 of 5 or less). A film rated 1 is not a hit.
 */
export function isLiked(code: number, value: number | null, scale?: RatingScale): boolean {
  if (code !== RATING || value === null) return true;
  return scale ? value >= scale.mean - scale.spread / 2 : value > 3;
}

/** The scale of the ratings among a shopper's events. */
export function scaleOfEvents(events: readonly { type: number; value: number | null }[]): RatingScale | undefined {
  const values: number[] = [];
  for (const e of events) if (e.type === RATING && e.value !== null) values.push(e.value);
  return ratingScale(values);
}
