// Popularity with time decay: each event adds its strength × 2^(-age / half-life), age
// measured from a reference near the newest events in the data (see OUTLIER_SHARE), so an
// old data set still has a "now"; events after the reference count as age 0.
import { eventStrength } from "./event-types.js";

/**
 * The share of the newest events set aside when choosing the decay reference: the
 * reference is the time by which all but these had happened. Taking the maximum instead
 * lets one mistyped date (2999, or 2018 in a shop whose data ends in 2011) age every real
 * event by years, so every score underflows. A share, not a count, so that it scales from
 * 10k to 20M events; 0.1% tolerates one bad date per thousand events, and costs little when
 * there is none: the reference moves back by the time the newest 0.1% of events took to
 * arrive — about 0.1% of the history's span, a day in three years — against a half-life
 * of days. (The validation cutoff is a quantile already: the newest 10% of events.)
 */
export const OUTLIER_SHARE = 0.001;

/**
 * The score of an item with events whose decayed sum underflowed (events ~6 years older
 * than the reference no longer fit a float32): the least positive normal float32. Such an
 * item ranks after every other and adds nothing to a blend, but is not taken for an item
 * without events — a new product, scored from its text (models/hybrid.ts isCold).
 */
export const HAS_EVENTS_FLOOR = 2 ** -126;

export interface Popularity {
  /** Scores scaled so that the most popular item has 1; every item with events has more than 0. */
  scores: Float32Array;
  /** Items with a positive score, most popular first. */
  order: Int32Array;
}

export class PopularityBuilder {
  private readonly sums: Float64Array;
  private readonly counted: Uint8Array;

  constructor(
    private readonly numItems: number,
    private readonly weightsByCode: Float64Array,
    private readonly halfLifeMs: number,
    private readonly referenceTs: number,
  ) {
    this.sums = new Float64Array(numItems);
    this.counted = new Uint8Array(numItems);
  }

  add(item: number, type: number, value: number | null, ts: number): void {
    if (item < 0 || item >= this.numItems) return;
    const strength = eventStrength(type, value, this.weightsByCode);
    if (strength <= 0) return;
    const age = Math.max(0, this.referenceTs - ts);
    this.sums[item] += strength * Math.pow(2, -age / this.halfLifeMs);
    this.counted[item] = 1;
  }

  build(): Popularity {
    const { sums, counted } = this;
    let max = 0;
    for (const s of sums) if (s > max) max = s;
    const scores = Float32Array.from(sums, (s, i) => (counted[i] ? Math.max(max > 0 ? s / max : 0, HAS_EVENTS_FLOOR) : 0));
    const ranked: number[] = [];
    for (let i = 0; i < this.numItems; i++) if (counted[i]) ranked.push(i);
    // By the float64 sums: items whose float32 scores meet at the floor keep their order.
    ranked.sort((a, b) => sums[b] - sums[a] || a - b);
    return { scores, order: Int32Array.from(ranked) };
  }
}
