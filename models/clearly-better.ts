// The fit's test of a finding against the validation cases' noise, used by the search
// (hybrid-search.ts) to keep a setting and by the weight fit (blend-fit.ts) to bound what
// the coverage step gives up.
import type { Measured } from "./blend-measure.js";

/**
 * Whether a setting finds more than the one kept by more than the cases' noise: the mean
 * of the per-case differences in hits exceeds its standard error. A gain of a few hits in
 * a thousand cases is as likely chance as a finding, and chasing it moves a shop's
 * settings at random; the validation cases are a sample.
 */
export function clearlyBetter(trial: Measured, kept: Measured): boolean {
  const n = trial.hits.length;
  if (n < 2) return trial.recall > kept.recall;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = trial.hits[i] - kept.hits[i];
    sum += d;
    squares += d * d;
  }
  const mean = sum / n;
  const variance = Math.max(0, (squares - n * mean * mean) / (n - 1));
  return mean > 0 && mean > Math.sqrt(variance / n);
}
