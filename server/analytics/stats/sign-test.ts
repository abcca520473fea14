// The sign test: of the impressions where one side won (an interleaving's clicks credited
// more to A or to B), is either side winning more often than a fair coin would? Ties carry
// no information about which ranker is better and are left out by the caller.
import { normalCdf } from "./distributions.js";
import { checkCount } from "./checks.js";
import { rateInterval, type RateInterval } from "./proportions.js";

/**
 * Up to this many decisive impressions the p-value is the exact binomial sum (O(n) terms,
 * in log space so that 0.5ⁿ does not underflow); above it, the normal approximation with
 * continuity correction, whose error is then far below any threshold anyone tests at.
 */
export const SIGN_TEST_EXACT_MAX = 5000;

export interface SignTestResult {
  wins: number;
  losses: number;
  /** Two-sided p-value of wins against Binomial(wins + losses, ½); 1 with no decisive impressions. */
  pValue: number;
  /** wins / (wins + losses) with its 95 % Wilson interval: the preference share. */
  share: RateInterval;
  method: "exact" | "normal";
}

/** P(X ≤ k) for X ~ Binomial(n, ½), k ≤ n/2, summed in log space from the largest term down. */
function binomialHalfLowerTail(k: number, n: number): number {
  // log P(X = i) by the ratio P(i+1)/P(i) = (n − i)/(i + 1), from log P(X = 0) = n ln ½.
  const logTerms = new Float64Array(k + 1);
  logTerms[0] = -n * Math.LN2;
  for (let i = 0; i < k; i++) logTerms[i + 1] = logTerms[i] + Math.log((n - i) / (i + 1));
  // Below the mode the terms grow with i, so the last is the largest.
  const top = logTerms[k];
  let sum = 0;
  for (let i = k; i >= 0; i--) sum += Math.exp(logTerms[i] - top);
  return Math.exp(top + Math.log(sum));
}

/** Two-sided exact (or, above SIGN_TEST_EXACT_MAX, normal) sign test of wins against losses. */
export function signTest(wins: number, losses: number): SignTestResult {
  checkCount(wins, "wins");
  checkCount(losses, "losses");
  const n = wins + losses;
  const share = rateInterval(wins, n);
  if (n === 0) return { wins, losses, pValue: 1, share, method: "exact" };
  if (n <= SIGN_TEST_EXACT_MAX) {
    // Binomial(n, ½) is symmetric: the two-sided p doubles the smaller tail (scipy's
    // binomtest sums the same outcomes, those no likelier than the one observed).
    const pValue = Math.min(1, 2 * binomialHalfLowerTail(Math.min(wins, losses), n));
    return { wins, losses, pValue, share, method: "exact" };
  }
  const z = Math.max(0, Math.abs(wins - losses) - 1) / Math.sqrt(n);
  return { wins, losses, pValue: Math.min(1, 2 * normalCdf(-z)), share, method: "normal" };
}
