// Plain-TypeScript reference of core-wasm/item-neighbours.ts. Every operation is rounded
// to float32 where the kernel's is (Math.fround), so the results match exactly.
import type { NeighbourEngine, NeighbourProblem } from "../../models/item-knn.js";
import { TopK } from "../../models/top-k.js";

const f32 = Math.fround;

export function referenceNeighbourEngine(p: NeighbourProblem): NeighbourEngine {
  const { n } = p;
  const acc = new Float32Array(n);
  const gram = p.withGram ? new Float32Array(n * n) : undefined;
  const top = new TopK(p.k);
  return {
    rows(first, last) {
      const ptr = new Int32Array(last - first + 1);
      const cols: number[] = [];
      const sims: number[] = [];
      for (let i = first; i < last; i++) {
        const touched: number[] = [];
        for (let a = p.itemPtr[i]; a < p.itemPtr[i + 1]; a++) {
          const u = p.itemUsers[a];
          const wi = p.itemWeights[a];
          for (let q = p.userPtr[u]; q < p.userPtr[u + 1]; q++) {
            const j = p.userItems[q];
            if (j === i) continue;
            if (acc[j] === 0) touched.push(j);
            acc[j] = f32(acc[j] + f32(wi * p.userWeights[q]));
          }
        }
        const ni = p.norms[i];
        if (gram) gram[i * n + i] = f32(ni * ni);
        for (const j of touched) {
          if (gram) gram[i * n + j] = acc[j];
          top.push(j, f32(acc[j] / f32(ni * p.norms[j])));
          acc[j] = 0;
        }
        const best = top.drain();
        cols.push(...best.idx);
        sims.push(...best.score);
        ptr[i - first + 1] = cols.length;
      }
      return { ptr, cols: Int32Array.from(cols), sims: Float32Array.from(sims) };
    },
    gram: () => gram,
  };
}
