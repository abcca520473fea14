import { describe, expect, it } from "vitest";
import { choleskySolve } from "../models/cholesky.js";
import { trainLinearItem } from "../models/linear-item.js";
import { candidateSide, weightedSum } from "../models/sparse.js";
import { fitBlend } from "../models/blend-fit.js";
import { preparedMeasure } from "../models/blend-cases.js";
import { fitSimilarWeight } from "../models/similar-fit.js";
import { compensationScale } from "../models/compensation.js";
import { servingModel } from "../models/hybrid.js";
import type { ModelManifest } from "../models/manifest.js";
import type { ItemNeighbours } from "../models/item-knn.js";

const csr = (n: number, rows: [number, number][][]): ItemNeighbours => {
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const sims: number[] = [];
  rows.forEach((row, i) => {
    for (const [j, s] of row) {
      cols.push(j);
      sims.push(s);
    }
    rowPtr[i + 1] = cols.length;
  });
  return { n, rowPtr, cols: Int32Array.from(cols), sims: Float32Array.from(sims) };
};
const rowsOf = (m: ItemNeighbours) =>
  Array.from({ length: m.n }, (_, i) => Array.from(m.cols.subarray(m.rowPtr[i], m.rowPtr[i + 1]), (j, t) => [j, m.sims[m.rowPtr[i] + t]]));

describe("choleskySolve", () => {
  it("solves a symmetric positive-definite system", () => {
    // [[4, 2], [2, 3]] x = [2, 1]  =>  x = [0.5, 0]
    const x = Float64Array.from([2, 1]);
    expect(choleskySolve(Float64Array.from([4, 2, 2, 3]), x, 2)).toBe(true);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });

  it("reports a matrix that is not positive definite", () => {
    expect(choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toBe(false);
  });
});

describe("linear item model", () => {
  it("solves each item's ridge regression on its neighbours", () => {
    // Gram of 3 items; item 0 regressed on {1, 2}; λ = scale × mean diagonal = 0.5 × 4 = 2.
    const gram = Float32Array.from([4, 2, 1, 2, 4, 0, 1, 0, 4]);
    const neighbours = csr(3, [[[1, 0.5], [2, 0.25]], [], []]);
    const lin = trainLinearItem(gram, neighbours, { lambdaScale: 0.5 });
    expect(lin.lambda).toBe(2);
    // (G_NN + 2I) b = G_N0: [[6, 0], [0, 6]] b = [2, 1]  =>  b = [1/3, 1/6]
    expect(rowsOf(lin)[0].map(([j, w]) => [j, Number(w.toFixed(6))])).toEqual([[1, 0.333333], [2, 0.166667]]);
    expect(rowsOf(lin)[1]).toEqual([]);
  });
});

describe("sparse matrices", () => {
  it("transposes to the candidate side", () => {
    const m = csr(3, [[[1, 0.5]], [[0, 0.25], [2, 1]], []]);
    expect(rowsOf(candidateSide(m))).toEqual([[[1, 0.25]], [[0, 0.5]], [[1, 1]]]);
  });

  it("sums weighted matrices row by row, dropping zeros", () => {
    const a = csr(2, [[[1, 1]], [[0, 2]]]);
    const b = csr(2, [[[1, -0.5]], [[1, 4]]]);
    expect(rowsOf(weightedSum([a, b], [1, 2]))).toEqual([[], [[0, 2], [1, 8]]]);
  });

  it("multiplies each column by its compensation factor", () => {
    const a = csr(2, [[[1, 1]], [[0, 2], [1, 3]]]);
    expect(rowsOf(weightedSum([a], [2], Float32Array.from([0.5, 4])))).toEqual([[[1, 8]], [[0, 2], [1, 24]]]);
  });
});

describe("popularity compensation", () => {
  it("is applied by serving to the scoring matrix's columns when the model has it", () => {
    // Item 0 predicts items 1 and 2 equally; compensation halves item 1's column and doubles item 2's.
    const knn = { rowPtr: Int32Array.from([0, 0, 1, 2]), cols: Int32Array.from([0, 0]), sims: Float32Array.from([1, 1]) };
    const popularity = { scores: Float32Array.from([1, 1, 1]), order: Int32Array.from([0, 1, 2]) };
    const hybrid = { itemKnn: 1, linear: 0, content: 0, recency: 0, factors: 0, popularity: 0, compensation: 0.5 };
    const manifest = { stats: { items: 3 }, params: { hybrid, factors: null } } as unknown as ModelManifest;
    const plain = servingModel(manifest, { itemKnn: knn, popularity });
    const compensated = servingModel(manifest, { itemKnn: knn, popularity, compensation: { scale: Float32Array.from([1, 0.5, 2]) } });
    expect(rowsOf(plain.scoring)[0]).toEqual([[1, 1], [2, 1]]);
    expect(rowsOf(compensated.scoring)[0]).toEqual([[1, 0.5], [2, 2]]);
  });

  it("is 1 at α 0 and at the median item, more for rarer items, less for more popular ones", () => {
    const flat = Float32Array.from([0, 1, 0.01, 0.5]);
    expect(Array.from(compensationScale(flat, 0))).toEqual([1, 1, 1, 1]);
    const scale = compensationScale(flat, 0.5);
    expect(scale[0]).toBe(1);
    expect(scale[3]).toBe(1);
    expect(scale[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(scale[2]).toBeCloseTo(Math.sqrt(50), 5);
  });
}); 

describe("fitBlend", () => {
  it("gives weight to the source that predicts the validation purchases", () => {
    // Source 0 sends item 0's shoppers to item 1; source 1 sends them to item 2, which they buy.
    const noise = csr(4, [[[1, 1]], [], [], []]);
    const signal = csr(4, [[[2, 1]], [], [], []]);
    const pop = { scores: Float32Array.from([0, 0, 0, 1]), order: Int32Array.from([3]) };
    const cases = Array.from({ length: 5 }, () => ({
      histItems: Int32Array.from([0]), histWeights: Float32Array.from([1]), exclude: Int32Array.from([0]), relevant: Int32Array.from([2]),
    }));
    const measure = preparedMeasure([noise, signal], pop, cases.map((c) => ({ ...c, foldItems: c.histItems, foldConf: c.histWeights, events: [] })), 1);
    const fit = fitBlend(measure, { sparse: 2, dense: false, cases: cases.length, recallTolerance: 0 });
    expect(fit.recall).toBe(1);
    expect(fit.ndcg).toBe(1);
    expect(fit.weights[1]).toBeGreaterThan(fit.weights[0]);
    expect(fit.weights[1]).toBeGreaterThan(fit.blend);
  });

  it("fits popularity compensation where the shoppers go on to buy the rarer of two similar items", () => {
    // Item 0 leads to item 1 (a best-seller) slightly more than to item 2 (rare), which they buy.
    const source = csr(4, [[[1, 1], [2, 0.9]], [], [], []]);
    const flat = Float32Array.from([0.3, 1, 0.01, 0.5]);
    const pop = { scores: new Float32Array(4), order: Int32Array.from([]) };
    const c = { histItems: Int32Array.from([0]), histWeights: Float32Array.from([1]), exclude: Int32Array.from([0]), relevant: Int32Array.from([2]) };
    const measure = preparedMeasure([source], pop, Array.from({ length: 3 }, () => ({ ...c, foldItems: c.histItems, foldConf: c.histWeights, events: [] })), 1);
    const opts = { sparse: 1, dense: false, cases: 3, recallTolerance: 0 };
    expect(fitBlend(measure, opts)).toMatchObject({ recall: 0, compensation: 0 });
    const fit = fitBlend(measure, { ...opts, compensation: (alpha) => compensationScale(flat, alpha) });
    expect(fit.recall).toBe(1);
    expect(fit.compensation).toBeGreaterThan(0);
  });

  it("reports NDCG@k: a hit at rank 2 of 2 counts 1 / log2(3) of the ideal", () => {
    // The only source ranks item 1 above item 2; the shopper buys item 2.
    const only = csr(4, [[[1, 1], [2, 0.5]], [], [], []]);
    const pop = { scores: Float32Array.from([0, 0, 0, 0]), order: Int32Array.from([]) };
    const c = { histItems: Int32Array.from([0]), histWeights: Float32Array.from([1]), exclude: Int32Array.from([0]), relevant: Int32Array.from([2]) };
    const measure = preparedMeasure([only], pop, [{ ...c, foldItems: c.histItems, foldConf: c.histWeights, events: [] }], 2);
    const fit = fitBlend(measure, { sparse: 1, dense: false, cases: 1, recallTolerance: 0 });
    expect(fit.recall).toBe(1);
    expect(fit.ndcg).toBeCloseTo(1 / Math.log2(3), 12);
  });
});

describe("fitSimilarWeight", () => {
  // Item 0's page: co-purchases point to 1, text to 2.
  const coPurchase = csr(4, [[[1, 0.5]], [], [], []]);
  const text = csr(4, [[[2, 0.9]], [], [], []]);
  const caseBuying = (item: number) => ({
    histItems: Int32Array.from([0]), histWeights: Float32Array.from([1]), foldItems: Int32Array.from([0]), foldConf: Float32Array.from([1]),
    exclude: Int32Array.from([0]), relevant: Int32Array.from([item]), events: [],
  });

  it("weighs text down where shoppers go on to buy what was bought with the item", () => {
    const fit = fitSimilarWeight(coPurchase, text, [caseBuying(1), caseBuying(1), caseBuying(2)], 1)!;
    expect(fit.content).toBeLessThan(0.5 / 0.9);
    expect(fit).toMatchObject({ hitRate: 2 / 3, coPurchaseOnly: 2 / 3, contentOnly: 1 / 3, pairs: 3, k: 1 });
  });

  it("weighs text up where they go on to buy what reads like it", () => {
    const fit = fitSimilarWeight(coPurchase, text, [caseBuying(2), caseBuying(2), caseBuying(1)], 1)!;
    expect(fit.content).toBeGreaterThan(0.5 / 0.9);
    expect(fit.hitRate).toBeCloseTo(2 / 3, 12);
  });
});
