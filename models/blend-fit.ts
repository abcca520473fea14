// Fits the hybrid ranker's weights on validation cases. The score of item j is
//   Σ_s w_s · Σ_h weight(h) · S_s[h, j]  +  β · popularity(j)
// over the candidate sources s (item-to-item neighbours, the linear item model, …).
// The first source's weight is fixed at 1 (scores are only compared within a list, so
// one weight sets the scale); the others and β are chosen by coordinate ascent over a
// fixed grid, maximising recall@k. Ties keep the earlier (smaller) value.
import type { ItemNeighbours } from "./item-knn.js";
import type { Popularity } from "./popularity.js";
import type { ValidationCase } from "./validation.js";

export const WEIGHT_GRID = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];

export interface BlendFit {
  /** Weight of each source, in the order given; the first is 1. */
  weights: number[];
  /** Weight of popularity. */
  blend: number;
  recall: number;
  cases: number;
  rounds: number;
}

/** One case, prepared once: per-source scores of the items its history reaches. */
interface CaseScores {
  /** Reached items, excluded ones left out. */
  items: Int32Array;
  popScores: Float32Array;
  bySource: Float32Array[];
  /** Popular items the history does not reach (and not excluded), most popular first. */
  popOnly: Int32Array;
  relevant: Set<number>;
}

export function fitBlend(sources: ItemNeighbours[], pop: Popularity, cases: ValidationCase[], k = 20, fixedBlend?: number, grid = WEIGHT_GRID): BlendFit {
  const prepared = cases.map((c) => prepare(sources, pop, c, k));
  const denominator = prepared.reduce((s, c) => s + Math.min(k, c.relevant.size), 0);
  const topScore = new Float64Array(k);
  const topItem = new Int32Array(k);

  const recallOf = (weights: number[], beta: number): number => {
    let hits = 0;
    for (const c of prepared) {
      let size = 0;
      // Keeps the k best, best first; a candidate not above the k-th is skipped at once.
      const offer = (j: number, s: number) => {
        if (size === k && s <= topScore[k - 1]) return false;
        let at = size < k ? size++ : k - 1;
        while (at > 0 && topScore[at - 1] < s) {
          topScore[at] = topScore[at - 1];
          topItem[at] = topItem[at - 1];
          at--;
        }
        topScore[at] = s;
        topItem[at] = j;
        return true;
      };
      for (let t = 0; t < c.items.length; t++) {
        let s = beta * c.popScores[t];
        for (let q = 0; q < weights.length; q++) s += weights[q] * c.bySource[q][t];
        if (s > 0) offer(c.items[t], s);
      }
      if (beta > 0) {
        for (const j of c.popOnly) if (!offer(j, beta * pop.scores[j])) break;
      }
      for (let r = 0; r < size; r++) if (c.relevant.has(topItem[r])) hits++;
    }
    return denominator > 0 ? hits / denominator : 0;
  };

  // params[0..S-2]: weights of sources 1.., params[S-1]: β.
  const params = [...sources.slice(1).map(() => 1), fixedBlend ?? 0.1];
  const free = fixedBlend === undefined ? params.length : params.length - 1;
  const evaluate = (p: number[]) => recallOf([1, ...p.slice(0, -1)], p[p.length - 1]);
  let best = evaluate(params);
  let rounds = 0;
  for (let improved = true; improved && rounds < 4; rounds++) {
    improved = false;
    for (let q = 0; q < free; q++) {
      for (const v of grid) {
        if (v === params[q]) continue;
        const trial = params.slice();
        trial[q] = v;
        const r = evaluate(trial);
        if (r > best) {
          best = r;
          params[q] = v;
          improved = true;
        }
      }
    }
  }
  return { weights: [1, ...params.slice(0, -1)], blend: params[params.length - 1], recall: best, cases: cases.length, rounds };
}

function prepare(sources: ItemNeighbours[], pop: Popularity, c: ValidationCase, k: number): CaseScores {
  const blocked = new Set(c.exclude);
  const index = new Map<number, number>();
  const items: number[] = [];
  const values: number[][] = sources.map(() => []);
  sources.forEach((src, s) => {
    for (let t = 0; t < c.histItems.length; t++) {
      const h = c.histItems[t];
      if (h < 0 || h >= src.n) continue;
      for (let p = src.rowPtr[h]; p < src.rowPtr[h + 1]; p++) {
        const j = src.cols[p];
        if (blocked.has(j)) continue;
        let at = index.get(j);
        if (at === undefined) {
          at = items.length;
          index.set(j, at);
          items.push(j);
          for (const v of values) v.push(0);
        }
        values[s][at] += c.histWeights[t] * src.sims[p];
      }
    }
  });
  // On popularity alone, only the first k items neither reached nor excluded can enter a top k.
  const popOnly: number[] = [];
  for (let p = 0; p < pop.order.length && popOnly.length < k; p++) {
    const j = pop.order[p];
    if (!index.has(j) && !blocked.has(j)) popOnly.push(j);
  }
  return {
    items: Int32Array.from(items),
    popScores: Float32Array.from(items, (j) => pop.scores[j]),
    bySource: values.map((v) => Float32Array.from(v)),
    popOnly: Int32Array.from(popOnly),
    relevant: new Set(c.relevant),
  };
}
