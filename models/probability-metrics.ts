// How good a predicted probability of a yes/no outcome is: ranking (AUC), accuracy
// (Brier score) and calibration (binned predicted vs observed, expected calibration
// error); plus an isotonic (monotone) fit, which turns any score into a calibrated
// probability and so gives baselines a fair calibration to compare against.

/** Area under the ROC curve (Mann–Whitney); tied scores count half. NaN without both outcomes. */
export function auc(scores: ArrayLike<number>, outcomes: ArrayLike<boolean>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => scores[i] - scores[j]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end]] === scores[order[start]]) end++;
    const midRank = (start + 1 + end) / 2; // ranks counted from 1
    for (let k = start; k < end; k++) if (outcomes[order[k]]) [positives, rankSum] = [positives + 1, rankSum + midRank];
    start = end;
  }
  const negatives = n - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared difference between probability and outcome (0 is perfect). */
export function brierScore(probabilities: ArrayLike<number>, outcomes: ArrayLike<boolean>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += (probabilities[i] - (outcomes[i] ? 1 : 0)) ** 2;
  return sum / probabilities.length;
}

export interface CalibrationBin {
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export interface Calibration {
  bins: CalibrationBin[];
  /** Σ over bins of (count / n) · |mean predicted − observed rate|. */
  expectedCalibrationError: number;
}

/** Predictions in `binCount` equal-width bins of [0, 1]; empty bins are left out. */
export function calibration(probabilities: ArrayLike<number>, outcomes: ArrayLike<boolean>, binCount = 10): Calibration {
  const count = new Float64Array(binCount);
  const predicted = new Float64Array(binCount);
  const observed = new Float64Array(binCount);
  for (let i = 0; i < probabilities.length; i++) {
    const b = Math.min(binCount - 1, Math.max(0, Math.floor(probabilities[i] * binCount)));
    count[b]++;
    predicted[b] += probabilities[i];
    if (outcomes[i]) observed[b]++;
  }
  const bins: CalibrationBin[] = [];
  let error = 0;
  for (let b = 0; b < binCount; b++) {
    if (count[b] === 0) continue;
    const bin = { from: b / binCount, to: (b + 1) / binCount, count: count[b], meanPredicted: predicted[b] / count[b], observedRate: observed[b] / count[b] };
    bins.push(bin);
    error += (count[b] / probabilities.length) * Math.abs(bin.meanPredicted - bin.observedRate);
  }
  return { bins, expectedCalibrationError: error };
}

/**
 * The non-decreasing step function of `scores` closest to the outcomes in squared error
 * (pool adjacent violators). Scores between fitted points take the value of the nearest
 * lower one; scores below all of them take the first value.
 */
export function isotonicFit(scores: ArrayLike<number>, outcomes: ArrayLike<boolean>): (score: number) => number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((i, j) => scores[i] - scores[j]);
  // Blocks of pooled points: lowest score, count, outcomes that were yes. Equal scores are
  // pooled before any comparison, so a score never straddles two blocks.
  const low: number[] = [];
  const count: number[] = [];
  const yes: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start;
    let hits = 0;
    for (; end < order.length && scores[order[end]] === scores[order[start]]; end++) if (outcomes[order[end]]) hits++;
    low.push(scores[order[start]]);
    count.push(end - start);
    yes.push(hits);
    start = end;
    // Merge backwards while a block's rate is not below the next one's.
    for (let k = low.length - 1; k > 0 && yes[k - 1] / count[k - 1] >= yes[k] / count[k]; k--) {
      count[k - 1] += count[k];
      yes[k - 1] += yes[k];
      low.pop();
      count.pop();
      yes.pop();
    }
  }
  const rates = yes.map((y, k) => y / count[k]);
  return (score) => {
    if (low.length === 0) return NaN;
    let lo = 0;
    let hi = low.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (low[mid] <= score) lo = mid;
      else hi = mid - 1;
    }
    return rates[lo];
  };
}

/** Pearson correlation; NaN when either side is constant. */
export function correlation(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const n = u.length;
  let mu = 0;
  let mv = 0;
  for (let i = 0; i < n; i++) [mu, mv] = [mu + u[i] / n, mv + v[i] / n];
  let cov = 0;
  let su = 0;
  let sv = 0;
  for (let i = 0; i < n; i++) {
    cov += (u[i] - mu) * (v[i] - mv);
    su += (u[i] - mu) ** 2;
    sv += (v[i] - mv) ** 2;
  }
  return cov / Math.sqrt(su * sv);
}
