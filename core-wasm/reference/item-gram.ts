// Plain-TypeScript reference of core-wasm/item-gram.ts. The rows of G are summed in
// float32 (Math.fround) in the kernel's order and each system is solved by
// models/cholesky.ts on a full m × m copy, so the results match the kernel exactly.
import type { GramEngine, GramProblem } from "../../models/linear-sparse.js";
import { choleskySolve } from "../../models/cholesky.js";

const f32 = Math.fround;

export function referenceGramEngine(p: GramProblem): GramEngine {
  const { n } = p;
  const acc = new Float32Array(n);

  /** acc[j] = G[h, j] for j ≠ h; returns the items touched. */
  function gramRow(h: number): number[] {
    const touched: number[] = [];
    for (let a = p.itemPtr[h]; a < p.itemPtr[h + 1]; a++) {
      const u = p.itemUsers[a];
      const wh = p.itemWeights[a];
      for (let q = p.userPtr[u]; q < p.userPtr[u + 1]; q++) {
        const j = p.userItems[q];
        if (j === h) continue;
        if (acc[j] === 0) touched.push(j);
        acc[j] = f32(acc[j] + f32(wh * p.userWeights[q]));
      }
    }
    return touched;
  }

  return {
    block(first, last, onRows) {
      // Each item's system as a full m × m matrix (row r from row h_r of G) and right side.
      const systems = new Map<number, { a: Float64Array; b: Float64Array }>();
      const neighboursOf = (j: number) => p.knnCols.subarray(p.knnPtr[j], p.knnPtr[j + 1]);
      for (let j = first; j < last; j++) {
        const m = p.knnPtr[j + 1] - p.knnPtr[j];
        if (m > 0) systems.set(j, { a: new Float64Array(m * m), b: new Float64Array(m) });
      }
      for (let h = 0; h < n; h++) {
        const inBlock: number[] = [];
        for (let q = p.revPtr[h]; q < p.revPtr[h + 1]; q++) if (p.revItems[q] >= first && p.revItems[q] < last) inBlock.push(q);
        if (inBlock.length > 0) {
          const touched = gramRow(h);
          for (const q of inBlock) {
            const j = p.revItems[q], r = p.revPos[q];
            const nb = neighboursOf(j), m = nb.length, sys = systems.get(j)!;
            for (let c = 0; c < r; c++) sys.a[r * m + c] = sys.a[c * m + r] = acc[nb[c]];
            sys.a[r * m + r] = p.diag[h] + p.lambda;
            sys.b[r] = acc[j];
          }
          for (const j of touched) acc[j] = 0;
        }
        if ((h + 1) % 4096 === 0 || h + 1 === n) onRows?.(h + 1);
      }
      const base = p.knnPtr[first];
      const weights = new Float64Array(p.knnPtr[last] - base);
      for (const [j, { a, b }] of systems) {
        if (choleskySolve(a, b, b.length)) weights.set(b, p.knnPtr[j] - base);
      }
      return weights;
    },
  };
}
