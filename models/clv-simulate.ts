// Shoppers drawn from the BG/NBD and Gamma–Gamma models themselves, from a seed: the
// ground truth for parameter-recovery tests and for timing fits at scale.
import { seededRandom } from "./random.js";
import type { BgNbdParams } from "./bg-nbd.js";
import type { GammaGammaParams } from "./gamma-gamma.js";
import type { PurchaseSummary } from "./purchase-summary.js";

export interface SimulationOptions {
  /** Each shopper's first purchase is this many days before the end: uniform in [minAge, maxAge]. */
  minAge?: number;
  maxAge?: number;
  /**
   * Round times down to whole days, as summaries of real purchase days are (for timing:
   * two purchases may then share a day, which real summaries would count once).
   */
  wholeDays?: boolean;
  /** When given, repeat purchases have Gamma–Gamma values and `monetary` is their mean. */
  spend?: GammaGammaParams;
  /** Days simulated after the summary's end, whose purchases are counted in `future`. */
  horizon?: number;
}

export interface SimulatedShopper extends PurchaseSummary {
  /** Purchases in the `horizon` days after the summary: what a prediction should match. */
  future: number;
}

/** Standard normal by Box–Muller (one of the pair is enough here). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, scale 1), Marsaglia & Tsang (2000); shapes below 1 by the U^(1/k) boost. */
export function sampleGamma(shape: number, random: () => number): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normal(random);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function simulateShoppers(bg: BgNbdParams, count: number, seed: number, opts: SimulationOptions = {}): SimulatedShopper[] {
  const { minAge = 30, maxAge = 365, wholeDays = false, spend, horizon = 0 } = opts;
  const random = seededRandom(seed);
  const shoppers: SimulatedShopper[] = [];
  for (let i = 0; i < count; i++) {
    const lambda = sampleGamma(bg.r, random) / bg.alpha;
    const g = sampleGamma(bg.a, random);
    const dropout = g / (g + sampleGamma(bg.b, random));
    let age = minAge + (maxAge - minAge) * random();
    if (wholeDays) age = Math.floor(age);
    let t = 0;
    let x = 0;
    let last = 0;
    let future = 0;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      if (t > age + horizon) break;
      if (t > age) future++;
      else [x, last] = [x + 1, t];
      if (random() < dropout) break;
    }
    const recency = wholeDays ? Math.floor(last) : last;
    let monetary = 0;
    if (spend && x > 0) {
      const scale = sampleGamma(spend.q, random) / spend.v; // the shopper's ν
      monetary = sampleGamma(spend.p * x, random) / (scale * x);
    }
    shoppers.push({ frequency: x, recency, age, monetary, future });
  }
  return shoppers;
}
