import { describe, expect, it } from "vitest";
import { denseEase, easeStride } from "../server/wasm/ease-engine.js";
import { instantiate, type WasmBuild } from "../server/wasm/module.js";
import { activeItems, easeLambda, easeOnActiveItems, trainDenseEaseReference } from "../models/ease.js";
import type { ItemNeighbours } from "../models/item-knn.js";
import { trainLinearItem } from "../models/linear-item.js";
import { seededRandom } from "../models/random.js";
import { easeRowsReference, spdFactorReference, spdInverseReference } from "../core-wasm/reference/dense-spd.js";

const U = 2 ** -24; // float32 unit roundoff

/** G = XᵀX of 0/1 baskets over n items (exact in float32: small integer counts). */
function gramOf(baskets: number[][], n: number): Float32Array {
  const g = new Float32Array(n * n);
  for (const basket of baskets) for (const i of basket) for (const j of basket) g[i * n + j]++;
  return g;
}

/**
 * 2n shoppers with 1–8 items each, popularity skewed (∝ r²), so some items have no events.
 * Popularity ranks are shuffled over the indices: otherwise the last rows, where the
 * kernels' partial tiles are, would be the empty items, and a wrong edge would go unseen.
 */
function randomGram(n: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const rank = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rank[i], rank[j]] = [rank[j], rank[i]];
  }
  const baskets = Array.from({ length: 2 * n }, () => {
    const items = new Set<number>();
    const m = 1 + Math.floor(random() * 8);
    for (let t = 0; t < m; t++) items.add(rank[Math.floor(n * random() * random())]);
    return [...items];
  });
  return gramOf(baskets, n);
}

/** B[h, j] at h · n + j from the CSR form (row j: the items h that predict j). */
function denseB(m: ItemNeighbours): Float64Array {
  const b = new Float64Array(m.n * m.n);
  for (let j = 0; j < m.n; j++) for (let p = m.rowPtr[j]; p < m.rowPtr[j + 1]; p++) b[m.cols[p] * m.n + j] = m.sims[p];
  return b;
}

/**
 * The largest error of B (float32, WASM) against B (float64), as a fraction of what float32
 * allows. Cholesky and the inverse from it are backward stable and invariant to a diagonal
 * scaling A = D½ H D½ (van der Sluis; Higham, ch. 10 and 14), so the error is governed by the
 * scaled matrix H (unit diagonal): to first order ΔP_H = −P_H ΔH P_H with ‖ΔH‖ ≤ c·n·u·‖H‖
 * at worst and rounding growing like √n in practice; we allow ε = 4·√n·u·κ₁(H). Column j of
 * B_H = −P_H / diag(P_H) is then off by ε · max(1, max_h |B_H[h, j]|) · (1 + |B_H[h, j]|),
 * and B[h, j] = B_H[h, j] · √(d_j / d_h). (Observed errors stay under 3% of this bound.)
 */
function worstError(b: Float64Array, exact: Float64Array, gram: Float32Array, n: number, lambda: number): number {
  const d = Float64Array.from({ length: n }, (_, i) => gram[i * n + i] + lambda);
  const h = Float64Array.from(gram, (v, k) => v / Math.sqrt(d[Math.floor(k / n)] * d[k % n]));
  for (let i = 0; i < n; i++) h[i * n + i] = 1;
  const p = Float64Array.from(h);
  expect(spdFactorReference(p, n, 0)).toBe(0);
  spdInverseReference(p, n);
  const norm1 = (m: Float64Array) => {
    let best = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.abs(m[i * n + j]);
      best = Math.max(best, s);
    }
    return best;
  };
  const eps = 4 * Math.sqrt(n) * U * norm1(h) * norm1(p);
  const scaledB = (i: number, j: number) => exact[i * n + j] * Math.sqrt(d[i] / d[j]);
  let worst = 0;
  for (let j = 0; j < n; j++) {
    let column = 1;
    for (let i = 0; i < n; i++) column = Math.max(column, Math.abs(scaledB(i, j)));
    for (let i = 0; i < n; i++) {
      const bound = eps * column * (1 + Math.abs(scaledB(i, j))) * Math.sqrt(d[j] / d[i]);
      worst = Math.max(worst, Math.abs(b[i * n + j] - exact[i * n + j]) / bound);
    }
  }
  return worst;
}

describe.each<WasmBuild>(["release", "debug"])("dense EASE in WASM (%s)", (build) => {
  // n = 1, 3, 97, 300, 521: none a multiple of the 64-row panels or the 4 × 8 tiles, so every
  // edge path runs, and 521 spans two 256-column blocks of the updates; λ from a tenth of
  // the mean diagonal to the default 2.
  it.each([1, 3, 97, 300, 521])("matches the float64 reference for n = %i", (n) => {
    for (const scale of [0.1, 2]) {
      const gram = randomGram(n, 1000 + n);
      const lambda = easeLambda(gram, n, scale);
      const wasm = denseEase(gram, n, lambda, n - 1, build);
      const ref = trainDenseEaseReference(gram, n, lambda, n - 1);
      expect(worstError(denseB(wasm), denseB(ref), gram, n, lambda)).toBeLessThanOrEqual(1);
      // The same entries are listed: structural zeros (items that never meet, items without
      // events) are exact zeros in float32 as in float64, and their rows come out empty.
      expect(Array.from(wasm.rowPtr)).toEqual(Array.from(ref.rowPtr));
      expect(wasm.lambda).toBe(lambda);
      for (let j = 0; j < n; j++) if (gram[j * n + j] === 0) expect(wasm.rowPtr[j + 1]).toBe(wasm.rowPtr[j]);
    }
  });

  it("easeRows keeps each row's largest |B| of the kernel's own P, exactly; keep ≥ n − 1 lists all of B", () => {
    const n = 70;
    const gram = randomGram(n, 7);
    const lambda = easeLambda(gram, n, 0.5);
    const stride = easeStride(n);
    const { core, ptr } = instantiate({ p: n * stride * 4, outPtr: (n + 1) * 4, outCols: n * (n + 2) * 4, outWeights: n * (n + 2) * 4 }, build);
    const p = new Float32Array(core.memory.buffer, ptr.p, n * stride);
    for (let i = 0; i < n; i++) p.set(gram.subarray(i * n, (i + 1) * n), i * stride);
    expect(core.spdFactor(ptr.p, n, stride, lambda)).toBe(0);
    core.spdInverse(ptr.p, n, stride);
    for (let h = 0; h < n; h++) for (let j = 0; j < h; j++) expect(p[j * stride + h]).toBe(p[h * stride + j]);
    // B in float32 exactly as the kernel computes it: −P[h, j] / P[j, j], one rounding.
    const b = (h: number, j: number) => Math.fround(-p[j * stride + h] / p[j * stride + j]);
    for (const keep of [0, 1, 5, n - 1, n + 2]) {
      // In two calls, as the engine reads rows in chunks.
      const listed: { h: number; w: number }[][] = [];
      for (const [first, last] of [[0, 33], [33, n]]) {
        core.easeRows(ptr.p, n, stride, first, last, keep, ptr.outPtr, ptr.outCols, ptr.outWeights);
        const outPtr = new Int32Array(core.memory.buffer, ptr.outPtr, last - first + 1);
        const cols = new Int32Array(core.memory.buffer, ptr.outCols, outPtr[last - first]);
        const weights = new Float32Array(core.memory.buffer, ptr.outWeights, outPtr[last - first]);
        for (let r = 0; r < last - first; r++) {
          listed.push(Array.from({ length: outPtr[r + 1] - outPtr[r] }, (_, t) => ({ h: cols[outPtr[r] + t], w: weights[outPtr[r] + t] })));
        }
      }
      for (let j = 0; j < n; j++) {
        const all = Array.from({ length: n }, (_, h) => ({ h, w: b(h, j) })).filter((e) => e.h !== j && e.w !== 0);
        all.sort((x, y) => Math.abs(y.w) - Math.abs(x.w) || x.h - y.h);
        expect(listed[j]).toEqual(all.slice(0, keep));
        if (keep >= n - 1) expect(listed[j].length).toBe(all.length);
      }
    }
  });

  it("throws when G + λI is not positive definite, naming the item", () => {
    const gram = gramOf([[0, 1], [1, 3], [0, 3]], 4); // item 2 has no events: G[2][2] = 0
    expect(() => denseEase(gram, 4, 0, 3, build)).toThrow(/pivot of item 2 /);
    expect(() => trainDenseEaseReference(gram, 4, 0, 3)).toThrow(/pivot of item 2 /);
    const ease = denseEase(gram, 4, 1e-3, 3, build);
    expect(ease.rowPtr[3]).toBe(ease.rowPtr[2]);
  });
});

describe("dense EASE: the closed form", () => {
  it("the reference's rows with keep ≥ n − 1 hold all of B = −P / diag(P), diagonal excluded", () => {
    const n = 40;
    const gram = randomGram(n, 5);
    const p = Float64Array.from(gram);
    expect(spdFactorReference(p, n, 3)).toBe(0);
    spdInverseReference(p, n);
    const full = Float64Array.from(p, (v, k) => (k % (n + 1) === 0 || v === 0 ? 0 : Math.fround(-v / p[(k % n) * (n + 1)])));
    for (const keep of [n - 1, n + 4]) {
      const rows = easeRowsReference(p, n, 0, n, keep);
      expect(denseB({ n, rowPtr: rows.ptr, cols: rows.cols, sims: rows.weights })).toEqual(full);
    }
  });

  it("solved over the items with events alone, it gives the full solve's weights, in the catalogue's ids", () => {
    const n = 60;
    const gram = randomGram(n, 9);
    const active = activeItems(gram, n);
    expect(active.length).toBeGreaterThan(n / 2);
    expect(active.length).toBeLessThan(n); // the case needs items without events
    const lambda = easeLambda(gram, n, 4);
    for (const keep of [10, n]) {
      const full = trainDenseEaseReference(gram, n, lambda, keep);
      const compact = easeOnActiveItems(gram, n, lambda, keep, trainDenseEaseReference);
      expect([compact.n, compact.lambda]).toEqual([n, lambda]);
      expect(Array.from(compact.rowPtr)).toEqual(Array.from(full.rowPtr));
      expect(Array.from(compact.cols)).toEqual(Array.from(full.cols));
      compact.sims.forEach((w, p) => expect(w).toBeCloseTo(full.sims[p], 6));
    }
  });

  it("two items: B[0, 1] = G01 / (G00 + λ), B[1, 0] = G01 / (G11 + λ)", () => {
    // G = [[4, 2], [2, 3]]: the ridge regression of one item's column on the other's.
    const gram = gramOf([[0, 1], [0], [0, 1], [1], [0]], 2);
    expect(Array.from(gram)).toEqual([4, 2, 2, 3]);
    for (const ease of [denseEase(gram, 2, 1, 1), trainDenseEaseReference(gram, 2, 1, 1)]) {
      expect(Array.from(ease.rowPtr)).toEqual([0, 1, 2]);
      expect(Array.from(ease.cols)).toEqual([1, 0]); // row 0: item 1 predicts 0; row 1: item 0
      expect(ease.sims[0]).toBeCloseTo(2 / 4, 6);
      expect(ease.sims[1]).toBeCloseTo(2 / 5, 6);
    }
  });

  it("three items: each column solves a 2 × 2 ridge system (Cramer's rule)", () => {
    // G = [[4, 2, 1], [2, 3, 1], [1, 1, 2]], λ = 1. Item 2 on items 0, 1:
    // [[5, 2], [2, 4]] b = [1, 1] → b = [2/16, 3/16]; item 0 on 1, 2: [[4, 1], [1, 3]] b = [2, 1]
    // → [5/11, 2/11]; item 1 on 0, 2: [[5, 1], [1, 3]] b = [2, 1] → [5/14, 3/14].
    const gram = gramOf([[0, 1, 2], [0, 1], [0], [0], [1], [2]], 3);
    expect(Array.from(gram)).toEqual([4, 2, 1, 2, 3, 1, 1, 1, 2]);
    const expected = [0, 5 / 14, 2 / 16, 5 / 11, 0, 3 / 16, 2 / 11, 3 / 14, 0]; // B[h, j] at 3h + j
    for (const ease of [denseEase(gram, 3, 1, 2), trainDenseEaseReference(gram, 3, 1, 2)]) {
      const b = denseB(ease);
      expected.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 6));
    }
  });
});

describe("dense EASE against the neighbour-restricted linear model", () => {
  it("with every other item as a neighbour, models/linear-item.ts gives the same weights", () => {
    // Not an approximation: the diagonal constraint B[j, j] = 0 is exactly what keeps item j
    // out of its own regression, and by the block inverse of A = G + λI,
    //   −P[−j, j] / P[j, j] = A[−j, −j]⁻¹ A[−j, j] = (G[−j, −j] + λI)⁻¹ G[−j, j],
    // the ridge regression of j on all the other items that linear-item solves per item.
    // Both sides compute in float64, so they agree to the final rounding to float32 (1 ulp);
    // the float32 WASM engine agrees to the tolerance of the first test.
    const n = 23;
    const gram = randomGram(n, 3);
    const everyOther: ItemNeighbours = { n, rowPtr: Int32Array.from({ length: n + 1 }, (_, j) => j * (n - 1)), cols: new Int32Array(n * (n - 1)), sims: new Float32Array(n * (n - 1)) };
    for (let j = 0; j < n; j++) for (let h = 0, t = j * (n - 1); h < n; h++) if (h !== j) everyOther.cols[t++] = h;
    const linear = trainLinearItem(gram, everyOther, { lambdaScale: 0.5 });
    const lambda = easeLambda(gram, n, 0.5);
    expect(lambda).toBe(linear.lambda);
    const wasm = denseEase(gram, n, lambda, n - 1);
    const bl = denseB(linear), br = denseB(trainDenseEaseReference(gram, n, lambda, n - 1)), bw = denseB(wasm);
    for (let i = 0; i < n * n; i++) expect(Math.abs(br[i] - bl[i])).toBeLessThanOrEqual(2 ** -23 * Math.abs(bl[i]));
    expect(worstError(bw, bl, gram, n, lambda)).toBeLessThanOrEqual(1);
    expect(Array.from(wasm.rowPtr)).toEqual(Array.from(linear.rowPtr));
  });

  it("with only the items that co-occur with j as neighbours (all item-kNN can list), it is not exact EASE", () => {
    // B[h, j] ≠ 0 wherever h and j are linked through other items, co-bought or not, and
    // leaving those regressors out changes the weights of the ones kept.
    const n = 23;
    const gram = randomGram(n, 3);
    const cols: number[] = [];
    const rowPtr = [0];
    for (let j = 0; j < n; j++) {
      for (let h = 0; h < n; h++) if (h !== j && gram[h * n + j] > 0) cols.push(h);
      rowPtr.push(cols.length);
    }
    const coBought = { n, rowPtr: Int32Array.from(rowPtr), cols: Int32Array.from(cols), sims: new Float32Array(cols.length) };
    const bl = denseB(trainLinearItem(gram, coBought, { lambdaScale: 0.5 }));
    const be = denseB(trainDenseEaseReference(gram, n, easeLambda(gram, n, 0.5), n - 1));
    let apart = 0, kept = 0;
    for (let k = 0; k < n * n; k++) {
      if (gram[k] === 0) apart = Math.max(apart, Math.abs(be[k]));
      else if (k % (n + 1) !== 0) kept = Math.max(kept, Math.abs(be[k] - bl[k]));
    }
    expect(apart).toBeGreaterThan(0.1); // largest |B| here: 0.31
    expect(kept).toBeGreaterThan(0.01);
  });
});
