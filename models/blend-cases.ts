// Validation cases prepared for fitting the hybrid's weights: each case's candidates and
// their per-source scores computed once, so that measuring a weight setting (recall,
// NDCG and coverage at k, blend-measure.ts) is one pass over flat arrays. See blend-fit.ts.
import type { ItemNeighbours } from "./item-knn.js";
import type { Popularity } from "./popularity.js";
import type { ValidationCase } from "./validation.js";
import { measureOf, rankCases, type BlendEngine, type Measure } from "./blend-measure.js";
import { scatterCases, type CaseScatter, type ScatterEngine } from "./case-scatter.js";

/** A case's dense source (e.g. its factor folded in): its k best items not blocked, best first, and any item's score. */
export interface DenseCase {
  top: readonly number[];
  score(item: number): number;
}

/** The dense source of the case at this index, `blocked` marking its excluded items (see topIndices). */
export type DenseScorer = (c: ValidationCase, index: number, blocked: Uint8Array) => DenseCase | undefined;

/** One case, prepared: its candidates and their scores, a column per source (see PreparedCases). */
interface CaseScores {
  items: Int32Array;
  popScores: Float32Array;
  scores: Float32Array;
}

/** The kernels of the fit: TypeScript references by default, WASM in training (server/training/hybrid-fit.ts). */
export interface FitKernels {
  scatter: ScatterEngine;
  blend: BlendEngine;
}

const referenceKernels: FitKernels = { scatter: scatterCases, blend: rankCases };

/**
 * @param denseReach "reached": the dense source scores only the items the sparse sources
 *   reach (as a server does that searches no index for candidates beyond the history).
 */
export function preparedMeasure(
  sources: ItemNeighbours[], pop: Popularity, cases: ValidationCase[], k: number, dense?: DenseScorer, kernels: FitKernels = referenceKernels,
  denseReach: "all" | "reached" = "all",
): Measure {
  const numItems = Math.max(pop.scores.length, ...sources.map((src) => src.n));
  const scatter = kernels.scatter(sources, numItems, Math.max(0, ...cases.map((c) => c.histItems.length)));
  const stride = sources.length + (dense ? 1 : 0);
  const prepared = cases.map((c, i) => prepare(scatter, sources.length, pop, c, i, k, dense, denseReach === "reached"));
  const offsets = new Int32Array(cases.length + 1);
  prepared.forEach((c, i) => (offsets[i + 1] = offsets[i] + c.items.length));
  const total = offsets[cases.length];
  const flat = { items: new Int32Array(total), popScores: new Float32Array(total), scores: new Float32Array(total * stride) };
  prepared.forEach((c, i) => {
    flat.items.set(c.items, offsets[i]);
    flat.popScores.set(c.popScores, offsets[i]);
    flat.scores.set(c.scores, offsets[i] * stride);
  });
  return measureOf({ offsets, ...flat, stride, sparse: sources.length, relevant: cases.map((c) => new Set(c.relevant)), numItems }, k, kernels.blend);
}

/**
 * Candidates of a case: the items its history reaches through the sparse sources, the
 * k items its dense scores rank highest and the first k popular items reached by
 * neither. Exact without a dense source; with one, an approximation (an item outside
 * both top-k lists can win on the sum) that keeps fitting cheap on large catalogues.
 */
function prepare(
  scatter: CaseScatter, S0: number, pop: Popularity, c: ValidationCase, index: number, k: number, dense: DenseScorer | undefined, denseOnlyReached: boolean,
): CaseScores {
  const { slot, blocked } = scatter;
  for (const j of c.exclude) blocked[j] = 1;
  const { reached, items: reachedItems, values } = scatter.scatter(c.histItems, c.histWeights);
  // Candidates not reached by the sparse sources (their sums are 0), indexed from `reached` on.
  const extra: number[] = [];
  const candidate = (j: number): number => {
    if (slot[j] < 0) slot[j] = reached + extra.push(j) - 1;
    return slot[j];
  };
  // Candidates kept whatever their sparse scores: the dense and popular heads.
  const forced: number[] = [];
  const scores = dense?.(c, index, blocked);
  if (scores) for (const j of scores.top) forced.push(candidate(j));
  for (let p = 0, popular = 0; p < pop.order.length && popular < k; p++) {
    const j = pop.order[p];
    if (slot[j] < 0 && !blocked[j]) {
      forced.push(candidate(j));
      popular++;
    }
  }
  // Keep a reached item only if it is among the 10·k best of some sparse source: one
  // ranked lower everywhere practically never enters a top k, and fitting gets cheaper.
  const count = reached + extra.length;
  const keep = new Uint8Array(count);
  for (const t of forced) keep[t] = 1;
  const column = new Float32Array(reached);
  for (let q = 0; q < S0; q++) {
    for (let t = 0; t < reached; t++) column[t] = values[t * S0 + q];
    const threshold = reached > 10 * k ? kthLargest(column.slice(), 10 * k) : 0;
    for (let t = 0; t < reached; t++) if (column[t] > 0 && column[t] >= threshold) keep[t] = 1;
  }
  const kept: number[] = [];
  for (let t = 0; t < count; t++) if (keep[t]) kept.push(t);
  // Plain loops: the typed arrays' from() with a mapping function cost a second a fit.
  const S = S0 + (dense ? 1 : 0);
  const out = { items: new Int32Array(kept.length), popScores: new Float32Array(kept.length), scores: new Float32Array(kept.length * S) };
  for (let r = 0; r < kept.length; r++) {
    const t = kept[r];
    const j = t < reached ? reachedItems[t] : extra[t - reached];
    out.items[r] = j;
    out.popScores[r] = pop.scores[j];
    if (t < reached) for (let q = 0; q < S0; q++) out.scores[q * kept.length + r] = values[t * S0 + q];
    if (scores && (t < reached || !denseOnlyReached)) out.scores[S0 * kept.length + r] = scores.score(j);
  }
  for (let t = 0; t < reached; t++) slot[reachedItems[t]] = -1;
  for (const j of extra) slot[j] = -1;
  for (const j of c.exclude) blocked[j] = 0;
  return out;
}

/** The k-th largest value (1-based) of `a`, which it reorders: quickselect, linear on average. */
function kthLargest(a: Float32Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target];
  }
  return a[target];
}

/** Indices of the k largest scores not blocked. */
export function topIndices(scores: Float32Array, k: number, blocked: Uint8Array): number[] {
  const best: number[] = [];
  for (let j = 0; j < scores.length; j++) {
    if (blocked[j] || scores[j] <= 0) continue;
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
