// Validation cases prepared for fitting the hybrid's weights: each case's candidates and
// their per-source scores computed once, so that measuring a weight setting (recall,
// NDCG and coverage at k, blend-measure.ts) is one pass over flat arrays. See blend-fit.ts.
import type { ItemNeighbours } from "./item-knn.js";
import type { Popularity } from "./popularity.js";
import type { ValidationCase } from "./validation.js";
import { measureOf, rankCases, type BlendEngine, type Measure } from "./blend-measure.js";

/** A case's dense source (e.g. its factor folded in): its k best items not blocked, best first, and any item's score. */
export interface DenseCase {
  top: readonly number[];
  score(item: number): number;
}

/** The dense source of the case at this index, `blocked` marking its excluded items (see topIndices). */
export type DenseScorer = (c: ValidationCase, index: number, blocked: Uint8Array) => DenseCase | undefined;

/** One case, prepared: its candidates and each one's per-source scores (stride: the sources). */
interface CaseScores {
  items: Int32Array;
  popScores: Float32Array;
  scores: Float32Array;
}

export function preparedMeasure(
  sources: ItemNeighbours[], pop: Popularity, cases: ValidationCase[], k: number, dense?: DenseScorer, engine: BlendEngine = rankCases,
): Measure {
  const numItems = Math.max(pop.scores.length, ...sources.map((src) => src.n));
  const scratch = scratchFor(numItems, sources.length);
  const stride = sources.length + (dense ? 1 : 0);
  const prepared = cases.map((c, i) => prepare(sources, pop, c, i, k, dense, scratch));
  const offsets = new Int32Array(cases.length + 1);
  prepared.forEach((c, i) => (offsets[i + 1] = offsets[i] + c.items.length));
  const total = offsets[cases.length];
  const flat = { items: new Int32Array(total), popScores: new Float32Array(total), scores: new Float32Array(total * stride) };
  prepared.forEach((c, i) => {
    flat.items.set(c.items, offsets[i]);
    flat.popScores.set(c.popScores, offsets[i]);
    flat.scores.set(c.scores, offsets[i] * stride);
  });
  return measureOf({ offsets, ...flat, stride, sparse: sources.length, relevant: cases.map((c) => new Set(c.relevant)), numItems }, k, engine);
}

/**
 * Per-item state reused across cases (left clear after each): each source's score of an
 * item (item-major), the items reached in order, whether an item is blocked.
 */
interface Scratch {
  acc: Float32Array;
  /** An item's candidate index in the case being prepared, −1 if none. */
  slot: Int32Array;
  blocked: Uint8Array;
}

const scratchFor = (n: number, sources: number): Scratch => ({ acc: new Float32Array(n * sources), slot: new Int32Array(n).fill(-1), blocked: new Uint8Array(n) });

/**
 * Candidates of a case: the items its history reaches through the sparse sources, the
 * k items its dense scores rank highest and the first k popular items reached by
 * neither. Exact without a dense source; with one, an approximation (an item outside
 * both top-k lists can win on the sum) that keeps fitting cheap on large catalogues.
 */
function prepare(sources: ItemNeighbours[], pop: Popularity, c: ValidationCase, index: number, k: number, dense: DenseScorer | undefined, scratch: Scratch): CaseScores {
  const { acc, slot, blocked } = scratch;
  for (const j of c.exclude) blocked[j] = 1;
  const S0 = sources.length;
  // Scatter every source into the item-major accumulator, noting items as first reached.
  const items: number[] = [];
  for (let s = 0; s < S0; s++) {
    const { rowPtr, cols, sims, n } = sources[s];
    for (let t = 0; t < c.histItems.length; t++) {
      const h = c.histItems[t];
      if (h < 0 || h >= n) continue;
      const w = c.histWeights[t];
      for (let p = rowPtr[h], end = rowPtr[h + 1]; p < end; p++) {
        const j = cols[p];
        if (blocked[j]) continue;
        if (slot[j] < 0) slot[j] = items.push(j) - 1;
        acc[j * S0 + s] += w * sims[p];
      }
    }
  }
  const reached = items.length;
  const values: number[] = new Array(reached * S0);
  for (let t = 0; t < reached; t++) {
    const j = items[t];
    for (let q = 0; q < S0; q++) {
      values[t * S0 + q] = acc[j * S0 + q];
      acc[j * S0 + q] = 0;
    }
  }
  const candidate = (j: number): number => {
    if (slot[j] < 0) {
      slot[j] = items.push(j) - 1;
      for (let q = 0; q < S0; q++) values.push(0);
    }
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
  const keep = new Uint8Array(items.length);
  for (const t of forced) keep[t] = 1;
  const column = new Float32Array(reached);
  for (let q = 0; q < S0; q++) {
    for (let t = 0; t < reached; t++) column[t] = values[t * S0 + q];
    const threshold = reached > 10 * k ? kthLargest(column.slice(), 10 * k) : 0;
    for (let t = 0; t < reached; t++) if (column[t] > 0 && column[t] >= threshold) keep[t] = 1;
  }
  const kept: number[] = [];
  for (let t = 0; t < items.length; t++) if (keep[t]) kept.push(t);
  const S = S0 + (dense ? 1 : 0);
  const interleaved = new Float32Array(kept.length * S);
  kept.forEach((t, r) => {
    for (let q = 0; q < S0; q++) interleaved[r * S + q] = values[t * S0 + q];
    if (scores) interleaved[r * S + S - 1] = scores.score(items[t]);
  });
  for (const j of items) slot[j] = -1;
  for (const j of c.exclude) blocked[j] = 0;
  return {
    items: Int32Array.from(kept, (t) => items[t]),
    popScores: Float32Array.from(kept, (t) => pop.scores[items[t]]),
    scores: interleaved,
  };
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
