// Popularity with time decay: each event adds its strength × 2^(-age / half-life), age
// measured from the newest event in the data, so an old data set still has a "now".
import { eventStrength } from "./event-types.js";

export interface Popularity {
  /** Scores scaled so that the most popular item has 1. */
  scores: Float32Array;
  /** Items with a positive score, most popular first. */
  order: Int32Array;
}

export class PopularityBuilder {
  private readonly sums: Float64Array;

  constructor(
    private readonly numItems: number,
    private readonly weightsByCode: Float64Array,
    private readonly halfLifeMs: number,
    private readonly referenceTs: number,
  ) {
    this.sums = new Float64Array(numItems);
  }

  add(item: number, type: number, value: number | null, ts: number): void {
    if (item < 0 || item >= this.numItems) return;
    const age = Math.max(0, this.referenceTs - ts);
    this.sums[item] += eventStrength(type, value, this.weightsByCode) * Math.pow(2, -age / this.halfLifeMs);
  }

  build(): Popularity {
    let max = 0;
    for (const s of this.sums) if (s > max) max = s;
    const scores = Float32Array.from(this.sums, (s) => (max > 0 ? s / max : 0));
    const ranked: number[] = [];
    for (let i = 0; i < this.numItems; i++) if (scores[i] > 0) ranked.push(i);
    ranked.sort((a, b) => scores[b] - scores[a] || a - b);
    return { scores, order: Int32Array.from(ranked) };
  }
}
