// Conversion rates: one rate with its Wilson interval, and a control/variant comparison.
// The interval on a single rate is Wilson's because it stays inside [0, 1] and keeps its
// coverage at 0 or a handful of successes, where a fresh variant's click-through lives;
// the comparison follows the textbook two-proportion z-test so its p-value matches what
// an analyst recomputes (statsmodels' proportions_ztest, a 2×2 chi-square without Yates).
import { normalCdf, normalQuantile } from "./distributions.js";
import { checkCount, checkLevel } from "./checks.js";

export interface RateInterval {
  /** successes / n; 0 when n is 0. */
  rate: number;
  low: number;
  high: number;
}

export interface RateCounts {
  successes: number;
  n: number;
}

export interface RateComparison {
  control: RateInterval;
  variant: RateInterval;
  /** variant rate − control rate. */
  difference: number;
  /** difference / control rate; null when the control rate is 0 (no baseline to scale by). */
  relativeLift: number | null;
  /** Unpooled normal (Wald) interval of the difference, clipped to [−1, 1]; [−1, 1] when a group is empty. */
  ci: [number, number];
  /** Pooled two-proportion z statistic; 0 when it is undefined (an empty group, or no variance). */
  z: number;
  /** Two-sided p-value of z; 1 when z is undefined. */
  pValue: number;
}

/** The z with P(|Z| ≤ z) = level. */
const twoSidedCritical = (level: number): number => normalQuantile(1 - (1 - level) / 2);

function checkRateCounts({ successes, n }: RateCounts, name: string): void {
  checkCount(n, `${name} n`);
  checkCount(successes, `${name} successes`);
  if (successes > n) throw new RangeError(`${name} successes ${successes}: more than n ${n}`);
}

/** A rate with its Wilson score interval at `level` (an empty group: 0 within [0, 1]). */
export function rateInterval(successes: number, n: number, level = 0.95): RateInterval {
  checkRateCounts({ successes, n }, "rate");
  checkLevel(level);
  if (n === 0) return { rate: 0, low: 0, high: 1 };
  const rate = successes / n;
  const z = twoSidedCritical(level);
  const z2n = (z * z) / n;
  const centre = (rate + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((rate * (1 - rate)) / n + z2n / (4 * n));
  // The bounds are exactly 0 and 1 at the extremes; rounding would leave ±1e-17 there.
  return {
    rate,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/** Compares the variant's rate with the control's: difference, lift, its interval and the pooled z-test. */
export function compareRates(control: RateCounts, variant: RateCounts, level = 0.95): RateComparison {
  checkRateCounts(control, "control");
  checkRateCounts(variant, "variant");
  checkLevel(level);
  const c = rateInterval(control.successes, control.n, level);
  const v = rateInterval(variant.successes, variant.n, level);
  const difference = v.rate - c.rate;
  const relativeLift = c.rate > 0 ? difference / c.rate : null;
  if (control.n === 0 || variant.n === 0) return { control: c, variant: v, difference, relativeLift, ci: [-1, 1], z: 0, pValue: 1 };

  const zCrit = twoSidedCritical(level);
  const unpooledSe = Math.sqrt((c.rate * (1 - c.rate)) / control.n + (v.rate * (1 - v.rate)) / variant.n);
  const ci: [number, number] = [Math.max(-1, difference - zCrit * unpooledSe), Math.min(1, difference + zCrit * unpooledSe)];

  // Under the null both groups share one rate, so the test's standard error pools them.
  const pooled = (control.successes + variant.successes) / (control.n + variant.n);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / variant.n));
  if (pooledSe === 0) return { control: c, variant: v, difference, relativeLift, ci, z: 0, pValue: 1 };
  const z = difference / pooledSe;
  return { control: c, variant: v, difference, relativeLift, ci, z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}
