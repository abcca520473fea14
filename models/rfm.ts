// Recency / frequency / monetary scores and named shopper segments. Scores are quintiles
// (1–5) within the set of shoppers scored together; segments combine them with day counts
// and, when a BG/NBD fit is at hand, the churn risk. Thresholds are one typed object so the
// server can feed them from its configuration.
import type { PurchaseSummary } from "./purchase-summary.js";

export interface ShopperActivity {
  daysSinceLast: number;
  daysSinceFirst: number;
  /** Distinct days with a purchase. */
  purchaseDays: number;
  /** Value of all purchases, the first included. */
  totalSpend: number;
}

/** A BG/NBD summary seen as activity; the summary's monetary leaves the first day out, so the total comes separately. */
export function activityOf(summary: PurchaseSummary, totalSpend: number): ShopperActivity {
  return { daysSinceLast: summary.age - summary.recency, daysSinceFirst: summary.age, purchaseDays: summary.frequency + 1, totalSpend };
}

export type Score = 1 | 2 | 3 | 4 | 5;

export interface RfmScores {
  /** 5 = bought most recently. */
  recency: Score;
  frequency: Score;
  monetary: Score;
}

/**
 * Quintile of each value among all of them, 1 (lowest) to 5. Equal values share a score:
 * a run of ties is placed at its mid-rank, so the result does not depend on input order
 * and a column of identical values scores 3 throughout, not 1.
 */
export function quintileScores(values: ArrayLike<number>): Score[] {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const scores = new Array<Score>(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const midRank = (start + end) / 2 / n; // share of shoppers below the run's middle
    const score = Math.min(5, 1 + Math.floor(5 * midRank)) as Score;
    for (let k = start; k < end; k++) scores[order[k]] = score;
    start = end;
  }
  return scores;
}

export function rfmScores(shoppers: readonly ShopperActivity[]): RfmScores[] {
  const recency = quintileScores(shoppers.map((s) => -s.daysSinceLast));
  const frequency = quintileScores(shoppers.map((s) => s.purchaseDays));
  const monetary = quintileScores(shoppers.map((s) => s.totalSpend));
  return shoppers.map((_, i) => ({ recency: recency[i], frequency: frequency[i], monetary: monetary[i] }));
}

export const SEGMENT_NAMES = ["new", "low_frequency", "high_frequency", "high_value", "at_risk", "lost"] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];

export interface SegmentThresholds {
  /** new: the first purchase at most this many days ago… */
  newWithinDays: number;
  /** …and no more purchase days than this. */
  newMaxPurchaseDays: number;
  /** lost: no purchase for at least this many days. */
  lostAfterDays: number;
  /** at_risk: no purchase for at least this many days… */
  atRiskAfterDays: number;
  /** …or a churn risk (P(no purchase in the churn horizon)) at least this. */
  atRiskChurn: number;
  /** high_value: a monetary score at least this (5 = the top fifth by total spend). */
  highValueMinMonetary: number;
  /** high_frequency: a frequency score at least this. */
  highFrequencyMinFrequency: number;
}

export const DEFAULT_SEGMENT_THRESHOLDS: Readonly<SegmentThresholds> = Object.freeze({
  newWithinDays: 30,
  newMaxPurchaseDays: 1,
  lostAfterDays: 180,
  atRiskAfterDays: 90,
  atRiskChurn: 0.7,
  highValueMinMonetary: 5,
  highFrequencyMinFrequency: 4,
});

/**
 * The first segment that fits, in this order: lost, new, at_risk, high_value,
 * high_frequency, low_frequency. Lost comes first because no score describes a shopper who
 * has gone; new before at_risk because a one-purchase shopper's churn risk is high by
 * construction; at_risk before high_value because a valuable shopper drifting away is the
 * one to act on. `churnRisk` is optional: without it at_risk rests on the day count alone.
 */
export function namedSegment(
  shopper: ShopperActivity, scores: RfmScores, churnRisk?: number, t: Readonly<SegmentThresholds> = DEFAULT_SEGMENT_THRESHOLDS,
): SegmentName {
  if (shopper.daysSinceLast >= t.lostAfterDays) return "lost";
  if (shopper.daysSinceFirst <= t.newWithinDays && shopper.purchaseDays <= t.newMaxPurchaseDays) return "new";
  if (shopper.daysSinceLast >= t.atRiskAfterDays || (churnRisk !== undefined && churnRisk >= t.atRiskChurn)) return "at_risk";
  if (scores.monetary >= t.highValueMinMonetary) return "high_value";
  if (scores.frequency >= t.highFrequencyMinFrequency) return "high_frequency";
  return "low_frequency";
}
