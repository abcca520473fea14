// Measuring a weight setting on the prepared validation cases (blend-cases.ts): each
// case's candidates scored by the blend, its k best kept, and recall, NDCG and coverage at
// k counted. The fit (blend-fit.ts) measures some 600 settings on ~330,000 candidates
// (online-retail), so the cases lie in flat arrays read in one pass by a kernel, and a
// source of weight 0 is skipped (adding 0 changes no sum).

export interface Measured {
  recall: number;
  ndcg: number;
  coverage: number;
  /** Hits of each case, in the cases' order: for comparing two settings case by case. */
  hits: Uint16Array;
}

/**
 * Measures weight settings on the cases: weights of the sparse sources then the dense one,
 * β of popularity and, optionally, a factor per item multiplying the sparse sources' sum
 * (popularity compensation, compensation.ts).
 */
export type Measure = (weights: number[], beta: number, itemScale?: Float32Array) => Measured;

/** Every case's candidates with their per-source scores, case after case. */
export interface PreparedCases {
  /** Case i's candidates are offsets[i] up to offsets[i + 1]. */
  offsets: Int32Array;
  items: Int32Array;
  popScores: Float32Array;
  /**
   * Each case's scores source by source: case i's block starts at offsets[i] · stride and
   * holds a column per source (the sparse ones, then the dense one, 0 where a case has
   * none), candidate t of the case's L at q · L + t, so the kernel reads four at once.
   */
  scores: Float32Array;
  stride: number;
  sparse: number;
  relevant: Set<number>[];
  numItems: number;
}

/** Each case's best items under a setting, best first: case i's sizes[i] items at top[i · k]. */
export interface CaseLists {
  top: Int32Array;
  sizes: Int32Array;
}

/** Ranks every case's candidates under a setting (the arguments of Measure). */
export type CaseRanker = (weights: number[], beta: number, itemScale?: Float32Array) => CaseLists;

/** Makes the ranker of prepared cases: `rankCases` here, the WASM kernel in training (server/wasm/blend-engine.ts). */
export type BlendEngine = (p: PreparedCases, k: number) => CaseRanker;

/**
 * The sources of non-zero weight, the sparse ones then the dense, each in order (the
 * fitted figures depend on the sums' rounding), and how many are sparse.
 */
export function activeSources(weights: ArrayLike<number>, p: Pick<PreparedCases, "stride" | "sparse">): { active: Int32Array; sparse: number } {
  if (weights.length !== p.stride) throw new Error(`blend: ${weights.length} weights for ${p.stride} sources`);
  const sparse = p.sparse;
  const active = Int32Array.from({ length: weights.length }, (_, q) => q).filter((q) => weights[q] !== 0);
  return { active, sparse: active.filter((q) => q < sparse).length };
}

/** The TypeScript reference of the blend kernel (core-wasm/blend-top-k.ts). */
export const rankCases: BlendEngine = (p, k) => {
  const { offsets, items, popScores, scores, stride } = p;
  const numCases = offsets.length - 1;
  const lists = { top: new Int32Array(numCases * k), sizes: new Int32Array(numCases) };
  const topScore = new Float64Array(k);
  return (weights, beta, itemScale) => {
    const { active, sparse } = activeSources(weights, p);
    const w = Float64Array.from(weights);
    const { top, sizes } = lists;
    for (let i = 0; i < numCases; i++) {
      const first = i * k;
      const from = offsets[i];
      const L = offsets[i + 1] - from;
      let size = 0;
      for (let t = from, end = offsets[i + 1]; t < end; t++) {
        const o = from * stride + (t - from);
        let s = beta * popScores[t];
        if (itemScale) {
          let sum = 0;
          for (let a = 0; a < sparse; a++) sum += w[active[a]] * scores[o + active[a] * L];
          s += sum * itemScale[items[t]];
          for (let a = sparse; a < active.length; a++) s += w[active[a]] * scores[o + active[a] * L];
        } else {
          for (let a = 0; a < active.length; a++) s += w[active[a]] * scores[o + active[a] * L];
        }
        // Keep the k best, best first; most candidates fail the first test.
        if (s <= 0 || (size === k && s <= topScore[k - 1])) continue;
        let r = size < k ? size++ : k - 1;
        while (r > 0 && topScore[r - 1] < s) {
          topScore[r] = topScore[r - 1];
          top[first + r] = top[first + r - 1];
          r--;
        }
        topScore[r] = s;
        top[first + r] = items[t];
      }
      sizes[i] = size;
    }
    return lists;
  };
};

/** Recall, NDCG and coverage at k of each setting, from the cases' lists. */
export function measureOf(p: PreparedCases, k: number, engine: BlendEngine = rankCases): Measure {
  const { relevant } = p;
  const numCases = relevant.length;
  const denominator = relevant.reduce((s, r) => s + Math.min(k, r.size), 0);
  const casesWithRelevant = relevant.filter((r) => r.size > 0).length;
  const discount = Float64Array.from({ length: k }, (_, r) => 1 / Math.log2(r + 2));
  const idealDcg = relevant.map((r) => discount.slice(0, Math.min(k, r.size)).reduce((s, d) => s + d, 0));
  const shown = new Uint8Array(p.numItems);
  const rank = engine(p, k);
  return (weights: number[], beta: number, itemScale?: Float32Array): Measured => {
    const { top, sizes } = rank(weights, beta, itemScale);
    let hits = 0;
    let distinct = 0;
    let ndcgSum = 0;
    const caseHits = new Uint16Array(numCases);
    shown.fill(0);
    for (let i = 0; i < numCases; i++) {
      let dcg = 0;
      let caseHitCount = 0;
      for (let r = 0; r < sizes[i]; r++) {
        const j = top[i * k + r];
        if (relevant[i].has(j)) {
          caseHitCount++;
          dcg += discount[r];
        }
        if (!shown[j]) {
          shown[j] = 1;
          distinct++;
        }
      }
      hits += caseHitCount;
      if (idealDcg[i] > 0) ndcgSum += dcg / idealDcg[i];
      caseHits[i] = caseHitCount;
    }
    return {
      recall: denominator > 0 ? hits / denominator : 0,
      ndcg: casesWithRelevant > 0 ? ndcgSum / casesWithRelevant : 0,
      coverage: distinct / p.numItems,
      hits: caseHits,
    };
  };
}
