// Rising popularity: per item, the rate of recent events (decayed with a short half-life)
// against its usual rate (a long half-life), both in strength per day of their windows.
// An item trends by how much more it is bought, viewed or carted lately than usual —
// the difference of the two rates, so that a jump from 1 to 3 a day does not outrank one
// from 50 to 80. Computed at training from the same pass as popularity.
import { eventStrength } from "./event-types.js";

export interface Trending {
  /** Scaled so that the item rising most has 1; 0 for the rest. */
  scores: Float32Array;
  /** Items with a positive score, rising most first. */
  order: Int32Array;
}

export const TRENDING_SHORT_DAYS = 3;
export const TRENDING_LONG_DAYS = 30;

const DAY_MS = 86_400_000;

export class TrendingBuilder {
  private readonly short: Float64Array;
  private readonly long: Float64Array;

  constructor(private readonly numItems: number, private readonly weightsByCode: Float64Array, private readonly referenceTs: number) {
    this.short = new Float64Array(numItems);
    this.long = new Float64Array(numItems);
  }

  add(item: number, type: number, value: number | null, ts: number): void {
    if (item < 0 || item >= this.numItems || ts > this.referenceTs) return;
    const strength = eventStrength(type, value, this.weightsByCode);
    if (strength <= 0) return;
    const ageDays = (this.referenceTs - ts) / DAY_MS;
    this.short[item] += strength * Math.pow(2, -ageDays / TRENDING_SHORT_DAYS);
    this.long[item] += strength * Math.pow(2, -ageDays / TRENDING_LONG_DAYS);
  }

  build(): Trending {
    // A decayed sum over a steady rate r is r · half-life / ln 2: dividing by that gives rates per day.
    const perDay = (h: number) => Math.LN2 / h;
    const rise = Float64Array.from(this.short, (s, j) => s * perDay(TRENDING_SHORT_DAYS) - this.long[j] * perDay(TRENDING_LONG_DAYS));
    let max = 0;
    for (const r of rise) if (r > max) max = r;
    const scores = Float32Array.from(rise, (r) => (r > 0 && max > 0 ? r / max : 0));
    const order = [...rise.keys()].filter((j) => scores[j] > 0).sort((a, b) => rise[b] - rise[a] || a - b);
    return { scores, order: Int32Array.from(order) };
  }
}
