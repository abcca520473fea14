// Fits the hybrid ranker's weights on validation cases. The score of item j is
//   c_j · Σ_s w_s · Σ_h weight(h) · S_s[h, j]  +  w_f · (x_u · y_j)  +  β · popularity(j)
// over the sparse item sources s (item-to-item neighbours, the linear item model), the
// optional dense factor source (x_u folded in from the history) and popularity; c_j is
// the popularity compensation at a fitted α (compensation.ts; 1 where not offered).
// The first sparse source's weight is fixed at 1 (scores are only compared within a
// list, so one weight sets the scale); the others are chosen by coordinate ascent over
// a fixed grid, maximising recall@k; then a second ascent raises coverage@k (distinct
// items shown) for as long as recall stays within `recallTolerance` of the best and the
// best is not clearly better (more than the cases' noise: on ml100k-u1 a 2% tolerance
// alone gave up 1.5% of test recall): at nearly equal accuracy, lists that do not
// collapse onto the best-sellers. NDCG@k of each setting is measured alongside and
// reported; it does not steer the fit.
import type { Measure, Measured } from "./blend-measure.js";
import { clearlyBetter } from "./clearly-better.js";
import { COMPENSATION_GRID } from "./compensation.js";

export const WEIGHT_GRID = [0, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100];

export interface BlendFit {
  /** Weight of each sparse source, in the order given; the first is 1. */
  weights: number[];
  /** Weight of the dense source (0 without one). */
  dense: number;
  /** Weight of popularity. */
  blend: number;
  /** α of the popularity compensation (0: none). */
  compensation: number;
  recall: number;
  /** NDCG@k of the chosen weights, the mean over cases of DCG / ideal DCG. */
  ndcg: number;
  coverage: number;
  /** The best recall of any setting tried (recall is within recallTolerance of it). */
  bestRecall: number;
  cases: number;
  rounds: number;
}

export interface BlendFitOptions {
  /** How many sparse sources the measure takes, and whether a dense one follows them. */
  sparse: number;
  dense: boolean;
  cases: number;
  /** Share of the best validation recall that may be given up for coverage. */
  recallTolerance: number;
  grid?: number[];
  /** Each item's compensation factor at an α of COMPENSATION_GRID; absent: α stays 0. */
  compensation?: (alpha: number) => Float32Array;
}

/** Weights chosen by coordinate ascent on cases prepared once (blend-cases.ts `preparedMeasure`). */
export function fitBlend(measure: Measure, opts: BlendFitOptions): BlendFit {
  const { sparse, dense, recallTolerance, grid = WEIGHT_GRID, compensation } = opts;
  // params: weights of sparse sources 1.., then the dense weight (if any), β, then α (if offered).
  const betaAt = sparse - 1 + (dense ? 1 : 0);
  const gridOf = (q: number) => (q > betaAt ? COMPENSATION_GRID : grid);
  const measured = new Map<string, Measured>();
  const evaluate = (p: number[]) => {
    const key = p.join(",");
    let m = measured.get(key);
    if (!m) measured.set(key, (m = measure([1, ...p.slice(0, betaAt)], p[betaAt], compensation && p[betaAt + 1] !== 0 ? compensation(p[betaAt + 1]) : undefined)));
    return m;
  };
  /** Coordinate ascent over the grid on `gain`, moving only to settings `allowed` accepts. */
  const ascend = (start: number[], gain: (m: Measured) => number, allowed: (m: Measured) => boolean) => {
    const params = start.slice();
    let best = gain(evaluate(params));
    let rounds = 0;
    for (let improved = true; improved && rounds < 3; rounds++) {
      improved = false;
      for (let q = 0; q < params.length; q++) {
        for (const v of gridOf(q)) {
          if (v === params[q]) continue;
          const trial = params.slice();
          trial[q] = v;
          const m = evaluate(trial);
          if (allowed(m) && gain(m) > best) {
            best = gain(m);
            params[q] = v;
            improved = true;
          }
        }
      }
    }
    return { params, rounds };
  };

  const start = [...Array.from({ length: sparse - 1 }, () => 1), ...(dense ? [1] : []), 0.1, ...(compensation ? [0] : [])];
  const accurate = ascend(start, (m) => m.recall, () => true);
  const best = evaluate(accurate.params);
  const bestRecall = best.recall;
  const diverse = ascend(accurate.params, (m) => m.coverage, (m) => m.recall >= bestRecall * (1 - recallTolerance) && !clearlyBetter(best, m));
  const chosen = { params: diverse.params, rounds: accurate.rounds + diverse.rounds, ...evaluate(diverse.params) };
  const p = chosen.params;
  return {
    weights: [1, ...p.slice(0, sparse - 1)],
    dense: dense ? p[sparse - 1] : 0,
    blend: p[betaAt],
    compensation: compensation ? p[betaAt + 1] : 0,
    recall: chosen.recall,
    ndcg: chosen.ndcg,
    coverage: chosen.coverage,
    bestRecall,
    cases: opts.cases,
    rounds: chosen.rounds,
  };
}

