// Fits the hybrid ranker's weights on validation cases. The score of item j is
//   Σ_s w_s · Σ_h weight(h) · S_s[h, j]  +  w_f · (x_u · y_j)  +  β · popularity(j)
// over the sparse item sources s (item-to-item neighbours, the linear item model), the
// optional dense factor source (x_u folded in from the history) and popularity.
// The first sparse source's weight is fixed at 1 (scores are only compared within a
// list, so one weight sets the scale); the others are chosen by coordinate ascent over
// a fixed grid, maximising recall@k; then a second ascent raises coverage@k (distinct
// items shown) for as long as recall stays within `recallTolerance` of the best: at
// nearly equal accuracy, lists that do not collapse onto the best-sellers. NDCG@k of each
// setting is measured alongside and reported; it does not steer the fit.
import type { ItemNeighbours } from "./item-knn.js";
import type { Popularity } from "./popularity.js";
import type { ValidationCase } from "./validation.js";

export const WEIGHT_GRID = [0, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100];

/** Dense scores of every item for a case (e.g. its factor folded in); may reuse its buffer. */
export type DenseScorer = (c: ValidationCase) => Float32Array | undefined;

export interface BlendFit {
  /** Weight of each sparse source, in the order given; the first is 1. */
  weights: number[];
  /** Weight of the dense source (0 without one). */
  dense: number;
  /** Weight of popularity. */
  blend: number;
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
  k: number;
  dense?: DenseScorer;
  /** Share of the best validation recall that may be given up for coverage. */
  recallTolerance: number;
  grid?: number[];
}

interface Measured {
  recall: number;
  ndcg: number;
  coverage: number;
}

/** One case, prepared once: its candidates and each one's per-source scores. */
interface CaseScores {
  items: Int32Array;
  popScores: Float32Array;
  /** Candidate t's score from source q at t · sources + q: sparse sources, then dense. */
  scores: Float32Array;
  relevant: Set<number>;
}

export function fitBlend(sources: ItemNeighbours[], pop: Popularity, cases: ValidationCase[], opts: BlendFitOptions): BlendFit {
  const { k, dense, recallTolerance, grid = WEIGHT_GRID } = opts;
  const prepared = cases.map((c) => prepare(sources, pop, c, k, dense));
  const denominator = prepared.reduce((s, c) => s + Math.min(k, c.relevant.size), 0);
  const casesWithRelevant = prepared.filter((c) => c.relevant.size > 0).length;
  const discount = Float64Array.from({ length: k }, (_, r) => 1 / Math.log2(r + 2));
  const idealDcg = prepared.map((c) => discount.slice(0, Math.min(k, c.relevant.size)).reduce((s, d) => s + d, 0));
  const topScore = new Float64Array(k);
  const topItem = new Int32Array(k);

  const numItems = Math.max(pop.scores.length, ...sources.map((src) => src.n));
  const shown = new Uint8Array(numItems);
  const measure = (weights: number[], beta: number): Measured => {
    const S = weights.length;
    let hits = 0;
    let distinct = 0;
    let ndcgSum = 0;
    shown.fill(0);
    for (let i = 0; i < prepared.length; i++) {
      const c = prepared[i];
      let size = 0;
      for (let t = 0, o = 0; t < c.items.length; t++, o += S) {
        let s = beta * c.popScores[t];
        for (let q = 0; q < S; q++) s += weights[q] * c.scores[o + q];
        // Keep the k best, best first; most candidates fail the first test.
        if (s <= 0 || (size === k && s <= topScore[k - 1])) continue;
        let at = size < k ? size++ : k - 1;
        while (at > 0 && topScore[at - 1] < s) {
          topScore[at] = topScore[at - 1];
          topItem[at] = topItem[at - 1];
          at--;
        }
        topScore[at] = s;
        topItem[at] = c.items[t];
      }
      let dcg = 0;
      for (let r = 0; r < size; r++) {
        if (c.relevant.has(topItem[r])) {
          hits++;
          dcg += discount[r];
        }
        if (!shown[topItem[r]]) {
          shown[topItem[r]] = 1;
          distinct++;
        }
      }
      if (idealDcg[i] > 0) ndcgSum += dcg / idealDcg[i];
    }
    return {
      recall: denominator > 0 ? hits / denominator : 0,
      ndcg: casesWithRelevant > 0 ? ndcgSum / casesWithRelevant : 0,
      coverage: distinct / numItems,
    };
  };

  const measured = new Map<string, Measured>();
  const evaluate = (p: number[]) => {
    const key = p.join(",");
    let m = measured.get(key);
    if (!m) measured.set(key, (m = measure([1, ...p.slice(0, -1)], p[p.length - 1])));
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
        for (const v of grid) {
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

  // params: weights of sparse sources 1.., then the dense weight (if any), then β.
  const start = [...sources.slice(1).map(() => 1), ...(dense ? [1] : []), 0.1];
  const accurate = ascend(start, (m) => m.recall, () => true);
  const bestRecall = evaluate(accurate.params).recall;
  const diverse = ascend(accurate.params, (m) => m.coverage, (m) => m.recall >= bestRecall * (1 - recallTolerance));
  const chosen = { params: diverse.params, rounds: accurate.rounds + diverse.rounds, ...evaluate(diverse.params) };
  const p = chosen.params;
  return {
    weights: [1, ...p.slice(0, sources.length - 1)],
    dense: dense ? p[sources.length - 1] : 0,
    blend: p[p.length - 1],
    recall: chosen.recall,
    ndcg: chosen.ndcg,
    coverage: chosen.coverage,
    bestRecall,
    cases: cases.length,
    rounds: chosen.rounds,
  };
}

/**
 * Candidates of a case: the items its history reaches through the sparse sources, the
 * k items its dense scores rank highest and the first k popular items reached by
 * neither. Exact without a dense source; with one, an approximation (an item outside
 * both top-k lists can win on the sum) that keeps fitting cheap on large catalogues.
 */
function prepare(sources: ItemNeighbours[], pop: Popularity, c: ValidationCase, k: number, dense?: DenseScorer): CaseScores {
  const blocked = new Set(c.exclude);
  const index = new Map<number, number>();
  const items: number[] = [];
  const values: number[][] = sources.map(() => []);
  const candidate = (j: number): number => {
    let at = index.get(j);
    if (at === undefined) {
      at = items.length;
      index.set(j, at);
      items.push(j);
      for (const v of values) v.push(0);
    }
    return at;
  };
  sources.forEach((src, s) => {
    for (let t = 0; t < c.histItems.length; t++) {
      const h = c.histItems[t];
      if (h < 0 || h >= src.n) continue;
      for (let p = src.rowPtr[h]; p < src.rowPtr[h + 1]; p++) {
        const j = src.cols[p];
        if (!blocked.has(j)) values[s][candidate(j)] += c.histWeights[t] * src.sims[p];
      }
    }
  });
  // Candidates kept whatever their sparse scores: the dense and popular heads.
  const forced: number[] = [];
  const scores = dense?.(c);
  if (scores) {
    for (const j of topIndices(scores, k, blocked)) forced.push(candidate(j));
  }
  let popular = 0;
  for (let p = 0; p < pop.order.length && popular < k; p++) {
    const j = pop.order[p];
    if (!index.has(j) && !blocked.has(j)) {
      forced.push(candidate(j));
      popular++;
    }
  }
  // Keep a reached item only if it is among the 10·k best of some sparse source: one
  // ranked lower everywhere practically never enters a top k, and fitting gets cheaper.
  const keep = new Uint8Array(items.length);
  for (const v of values) {
    const order = Array.from(v.keys()).sort((a, b) => v[b] - v[a]);
    for (const t of order.slice(0, 10 * k)) if (v[t] > 0) keep[t] = 1;
  }
  for (const t of forced) keep[t] = 1;
  const kept = Array.from(items.keys()).filter((t) => keep[t]);
  const S = values.length + (scores ? 1 : 0);
  const interleaved = new Float32Array(kept.length * S);
  kept.forEach((t, r) => {
    values.forEach((v, q) => (interleaved[r * S + q] = v[t]));
    if (scores) interleaved[r * S + S - 1] = scores[items[t]];
  });
  return {
    items: Int32Array.from(kept, (t) => items[t]),
    popScores: Float32Array.from(kept, (t) => pop.scores[items[t]]),
    scores: interleaved,
    relevant: new Set(c.relevant),
  };
}

/** Indices of the k largest scores not blocked. */
function topIndices(scores: Float32Array, k: number, blocked: Set<number>): number[] {
  const best: number[] = [];
  for (let j = 0; j < scores.length; j++) {
    if (blocked.has(j) || scores[j] <= 0) continue;
    if (best.length === k && scores[j] <= scores[best[k - 1]]) continue;
    let at = best.length < k ? best.push(j) - 1 : k - 1;
    while (at > 0 && scores[best[at - 1]] < scores[j]) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = j;
  }
  return best;
}
