// Welch's t-test on two groups' means (revenue per impression, average order value).
// Welch rather than Student because the variant's variance is not the control's: a
// recommender that moves shoppers to dearer items widens the spread as well as the mean.
// The groups arrive as sufficient statistics (n, Σx, Σx²) so SQL can aggregate them.
import { studentTCdf, studentTQuantile } from "./distributions.js";
import { checkCount, checkLevel } from "./checks.js";

export interface MeanSums {
  n: number;
  /** Σx */
  sum: number;
  /** Σx² */
  sumSquares: number;
}

export interface MeanSummary {
  n: number;
  /** Σx / n; 0 for an empty group. */
  mean: number;
  /** Sample variance (n − 1 denominator); 0 below two observations. */
  variance: number;
}

export interface MeanComparison {
  control: MeanSummary;
  variant: MeanSummary;
  /** variant mean − control mean. */
  difference: number;
  /** difference / control mean; null when the control mean is 0. */
  relativeLift: number | null;
  /** Welch interval of the difference; null when it is undefined (a group below two observations, or no variance at all). */
  ci: [number, number] | null;
  /** Welch t statistic; 0 when undefined. */
  t: number;
  /** Welch–Satterthwaite degrees of freedom; 0 when undefined. */
  df: number;
  /** Two-sided p-value; 1 when undefined. */
  pValue: number;
}

/**
 * Mean and sample variance from sums. Σx² − (Σx)²/n cancels badly when the spread is tiny
 * next to the mean (relative error ≈ 1e-16 · mean² / variance); order values and revenue
 * have a coefficient of variation near or above 1, where this is harmless. Clamped at 0.
 */
export function summarise({ n, sum, sumSquares }: MeanSums, name = "group"): MeanSummary {
  checkCount(n, `${name} n`);
  if (!Number.isFinite(sum) || !Number.isFinite(sumSquares) || sumSquares < 0) {
    throw new RangeError(`${name}: sum ${sum} and sumSquares ${sumSquares} must be finite, sumSquares ≥ 0`);
  }
  if (n === 0) return { n, mean: 0, variance: 0 };
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSquares - sum * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

/** Welch's two-sided t-test of variant mean − control mean, with its interval at `level`. */
export function compareMeans(control: MeanSums, variant: MeanSums, level = 0.95): MeanComparison {
  checkLevel(level);
  const c = summarise(control, "control");
  const v = summarise(variant, "variant");
  const difference = v.mean - c.mean;
  const relativeLift = c.n > 0 && c.mean !== 0 ? difference / c.mean : null;
  const undefinedTest = { control: c, variant: v, difference, relativeLift, ci: null, t: 0, df: 0, pValue: 1 };
  if (c.n < 2 || v.n < 2) return undefinedTest;

  const wc = c.variance / c.n;
  const wv = v.variance / v.n;
  const se2 = wc + wv;
  // Both groups constant: the t statistic is 0/0 or ±∞; neither is evidence worth reporting.
  if (se2 === 0) return undefinedTest;
  const se = Math.sqrt(se2);
  const df = (se2 * se2) / ((wc * wc) / (c.n - 1) + (wv * wv) / (v.n - 1));
  const t = difference / se;
  const half = studentTQuantile(1 - (1 - level) / 2, df) * se;
  return {
    control: c,
    variant: v,
    difference,
    relativeLift,
    ci: [difference - half, difference + half],
    t,
    df,
    pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)),
  };
}
