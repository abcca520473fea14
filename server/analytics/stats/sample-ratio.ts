// Sample ratio mismatch: do the arms hold the share of traffic they were configured for?
// A mismatch means assignment or logging is broken (a variant that errors before logging,
// a bot filter that hits one arm), and no metric of the experiment can be trusted until it
// is explained. The test is Pearson's chi-square goodness of fit.
import { chiSquareSurvival } from "./distributions.js";
import { checkCount } from "./checks.js";

/**
 * The conventional SRM alarm (Fabijan et al., "Diagnosing Sample Ratio Mismatch in Online
 * Controlled Experiments", KDD 2019; Kohavi, Tang & Xu, "Trustworthy Online Controlled
 * Experiments", ch. 21). Far stricter than 0.05 because the check runs on every experiment
 * again and again: at 0.05 one healthy experiment in twenty would raise a false alarm.
 */
export const SRM_P_THRESHOLD = 0.001;

export interface SampleRatioResult {
  chiSquare: number;
  /** Number of arms − 1. */
  df: number;
  pValue: number;
  /** pValue < SRM_P_THRESHOLD. */
  mismatch: boolean;
}

/**
 * Chi-square test of observed counts per arm against the configured shares. Shares are
 * normalised, so weights such as [1, 1] or [50, 50] may be passed as they are configured.
 * Every share must be > 0: an arm meant to get nothing makes any visitor in it infinitely
 * unlikely, so leave such arms out.
 */
export function sampleRatioMismatch(observed: readonly number[], expectedShares: readonly number[]): SampleRatioResult {
  if (observed.length !== expectedShares.length || observed.length === 0) {
    throw new RangeError(`sampleRatioMismatch: ${observed.length} counts for ${expectedShares.length} shares; need one count per arm`);
  }
  observed.forEach((count, i) => checkCount(count, `arm ${i} count`));
  expectedShares.forEach((share, i) => {
    if (!(share > 0 && Number.isFinite(share))) throw new RangeError(`arm ${i} share ${share}: must be > 0`);
  });
  const total = observed.reduce((sum, x) => sum + x, 0);
  const shareTotal = expectedShares.reduce((sum, x) => sum + x, 0);
  const df = observed.length - 1;
  if (total === 0 || df === 0) return { chiSquare: 0, df, pValue: 1, mismatch: false };

  let chiSquare = 0;
  for (let i = 0; i < observed.length; i++) {
    const expected = (total * expectedShares[i]) / shareTotal;
    chiSquare += (observed[i] - expected) ** 2 / expected;
  }
  const pValue = chiSquareSurvival(chiSquare, df);
  return { chiSquare, df, pValue, mismatch: pValue < SRM_P_THRESHOLD };
}
