// Fits the weight of popularity in the blended score on validation cases: the grid value
// with the best recall@k wins (ties go to the smaller weight).
import type { ItemNeighbours } from "./item-knn.js";
import type { Popularity } from "./popularity.js";
import type { ValidationCase } from "./validation.js";
import { TopK } from "./top-k.js";

export const BLEND_GRID = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5];

export interface BlendFit {
  blend: number;
  recallByBlend: Record<string, number>;
  cases: number;
}

export function fitPopularityBlend(scoring: ItemNeighbours, pop: Popularity, cases: ValidationCase[], k = 20, grid = BLEND_GRID): BlendFit {
  const n = scoring.n;
  const cf = new Float64Array(n);
  const touched = new Int32Array(n);
  const blocked = new Uint8Array(n);
  const hits = new Float64Array(grid.length);
  let denominator = 0;
  const top = new TopK(k);
  // Only the first k unblocked popular items can enter a top k on popularity alone.
  const popHead = pop.order.subarray(0, Math.min(pop.order.length, k * 4 + 100));

  for (const c of cases) {
    let touchedLen = 0;
    for (let t = 0; t < c.histItems.length; t++) {
      const h = c.histItems[t];
      if (h < 0 || h >= n) continue;
      for (let p = scoring.rowPtr[h]; p < scoring.rowPtr[h + 1]; p++) {
        const j = scoring.cols[p];
        if (cf[j] === 0) touched[touchedLen++] = j;
        cf[j] += c.histWeights[t] * scoring.sims[p];
      }
    }
    for (const j of c.exclude) if (j < n) blocked[j] = 1;
    const relevant = new Set(c.relevant);
    denominator += Math.min(k, relevant.size);
    grid.forEach((beta, g) => {
      for (let t = 0; t < touchedLen; t++) {
        const j = touched[t];
        if (!blocked[j]) top.push(j, cf[j] + beta * pop.scores[j]);
      }
      if (beta > 0) for (const j of popHead) if (cf[j] === 0 && !blocked[j]) top.push(j, beta * pop.scores[j]);
      const best = top.drain();
      for (const j of best.idx) if (relevant.has(j)) hits[g]++;
    });
    for (let t = 0; t < touchedLen; t++) cf[touched[t]] = 0;
    for (const j of c.exclude) if (j < n) blocked[j] = 0;
  }

  const recallByBlend: Record<string, number> = {};
  let bestG = 0;
  grid.forEach((beta, g) => {
    recallByBlend[String(beta)] = denominator > 0 ? hits[g] / denominator : 0;
    if (hits[g] > hits[bestG]) bestG = g;
  });
  return { blend: grid[bestG], recallByBlend, cases: cases.length };
}
