// The fit's kernels against their plain-TypeScript references, in both WASM builds: the
// blend (core-wasm/blend-top-k.ts, two candidates a step; models/blend-measure.ts
// rankCases) on random prepared cases — odd and even case sizes, empty cases, weights of
// 0, with and without a scale per item, ties — and the case scatter
// (core-wasm/case-scatter.ts; models/case-scatter.ts) on random sources and histories.
// Results must be equal, not merely close: the fit's figures are compared across settings.
import { describe, expect, it } from "vitest";
import { measureOf, rankCases, type PreparedCases } from "../models/blend-measure.js";
import { wasmBlendEngine } from "../server/wasm/blend-engine.js";
import { scatterCases, type CaseScatter } from "../models/case-scatter.js";
import { wasmScatterEngine } from "../server/wasm/scatter-engine.js";
import type { ItemNeighbours } from "../models/item-knn.js";
import { seededRandom } from "../models/random.js";

function randomCases(seed: number, numCases: number, stride: number, numItems: number): PreparedCases {
  const random = seededRandom(seed);
  const offsets = new Int32Array(numCases + 1);
  for (let i = 0; i < numCases; i++) offsets[i + 1] = offsets[i] + Math.floor(random() * 60);
  const total = offsets[numCases];
  // Coarse values make ties; zeros make candidates that score nothing.
  const value = () => (random() < 0.4 ? 0 : Math.round(random() * 8) / 8);
  return {
    offsets,
    items: Int32Array.from({ length: total }, () => Math.floor(random() * numItems)),
    popScores: Float32Array.from({ length: total }, () => random() * random()),
    scores: Float32Array.from({ length: total * stride }, value),
    stride,
    sparse: stride - 1,
    relevant: Array.from({ length: numCases }, () => new Set([Math.floor(random() * numItems), Math.floor(random() * numItems)])),
    numItems,
  };
}

describe("blend kernel", () => {
  it("ranks every case as the reference does, in both builds", () => {
    const random = seededRandom(11);
    const grid = [0, 0.03, 0.3, 1, 3, 30];
    for (const [numCases, stride, k] of [[1, 1, 1], [7, 2, 3], [40, 4, 10], [25, 5, 20]]) {
      const p = randomCases(numCases * 31 + stride, numCases, stride, 50);
      const scale = Float32Array.from({ length: p.numItems }, () => 0.2 + random() * 2);
      const reference = rankCases(p, k);
      const kernels = [wasmBlendEngine("release")(p, k), wasmBlendEngine("debug")(p, k)];
      for (let trial = 0; trial < 30; trial++) {
        const weights = Array.from({ length: stride }, () => grid[Math.floor(random() * grid.length)]);
        const beta = grid[Math.floor(random() * grid.length)];
        const itemScale = trial % 3 === 0 ? scale : undefined;
        const expected = reference(weights, beta, itemScale);
        const sizes = Array.from(expected.sizes);
        const top = Array.from(expected.top).filter((_, at) => at % k < sizes[Math.floor(at / k)]);
        for (const rank of kernels) {
          const got = rank(weights, beta, itemScale);
          const label = `${numCases} cases, stride ${stride}, k ${k}, weights ${weights}, β ${beta}, scale ${itemScale !== undefined}`;
          expect(Array.from(got.sizes), label).toEqual(sizes);
          expect(Array.from(got.top).filter((_, at) => at % k < sizes[Math.floor(at / k)]), label).toEqual(top);
        }
      }
    }
  });

  it("measures the same recall, NDCG and coverage through either", () => {
    const p = randomCases(5, 60, 3, 40);
    const viaTs = measureOf(p, 5);
    const viaWasm = measureOf(p, 5, wasmBlendEngine());
    for (const [weights, beta] of [[[1, 0.3, 3], 0.1], [[1, 0, 0], 0], [[0, 1, 1], 3]] as const) {
      const a = viaTs([...weights], beta);
      const b = viaWasm([...weights], beta);
      expect(b).toEqual(a);
      expect(a.recall).toBeGreaterThan(0);
    }
  });
});

function randomSource(random: () => number, rows: number, numItems: number, width: number): ItemNeighbours {
  const rowPtr = new Int32Array(rows + 1);
  const cols: number[] = [];
  const sims: number[] = [];
  for (let h = 0; h < rows; h++) {
    const row = new Set(Array.from({ length: Math.floor(random() * width) }, () => Math.floor(random() * numItems)));
    for (const j of row) {
      cols.push(j);
      sims.push(random() * 2 - 0.5);
    }
    rowPtr[h + 1] = cols.length;
  }
  return { n: rows, rowPtr, cols: Int32Array.from(cols), sims: Float32Array.from(sims) };
}

describe("case scatter kernel", () => {
  it("reaches the same items in the same order with the same sums as the reference, in both builds, setting after setting", () => {
    const random = seededRandom(23);
    const numItems = 300;
    const maxHistory = 30;
    const engines = [wasmScatterEngine("release"), wasmScatterEngine("debug")];
    // Sources of different widths, one with fewer rows than items (a history item past them
    // is skipped); the second setting's are smaller, so each engine lays its instance out again.
    const settings = [
      [randomSource(random, numItems, numItems, 40), randomSource(random, numItems, numItems, 6), randomSource(random, 200, numItems, 20)],
      [randomSource(random, numItems, numItems, 10), randomSource(random, numItems, numItems, 3)],
    ];
    for (const sources of settings) {
      const scatters: CaseScatter[] = [scatterCases(sources, numItems, maxHistory), ...engines.map((engine) => engine(sources, numItems, maxHistory))];
      for (let c = 0; c < 40; c++) {
        const histItems = Int32Array.from({ length: Math.floor(random() * maxHistory) }, () => Math.floor(random() * numItems));
        const histWeights = Float32Array.from(histItems, () => random() * 3 - 1);
        const exclude = Array.from({ length: 5 }, () => Math.floor(random() * numItems));
        const results = scatters.map((scatter) => {
          for (const j of exclude) scatter.blocked[j] = 1;
          const { reached, items, values } = scatter.scatter(histItems, histWeights);
          const got = { items: Array.from(items.subarray(0, reached)), values: Array.from(values.subarray(0, reached * sources.length)), slots: Array.from(items.subarray(0, reached), (j) => scatter.slot[j]) };
          for (let t = 0; t < reached; t++) scatter.slot[items[t]] = -1;
          for (const j of exclude) scatter.blocked[j] = 0;
          return got;
        });
        expect(results[0].items.some((j) => exclude.includes(j))).toBe(false);
        expect(results[0].slots).toEqual(results[0].items.map((_, t) => t));
        if (histItems.length > 3) expect(results[0].items.length).toBeGreaterThan(0);
        for (const got of results.slice(1)) expect(got, `${sources.length} sources, case ${c}`).toEqual(results[0]);
      }
    }
  });
});
