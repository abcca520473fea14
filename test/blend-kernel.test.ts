// The fit's blend kernel (core-wasm/blend-top-k.ts, two candidates a step) against its
// plain-TypeScript reference (models/blend-measure.ts rankCases), on random prepared cases:
// odd and even case sizes, empty cases, weights of 0, with and without a scale per item,
// ties, in both WASM builds. The lists must be equal, not merely close: the fit's figures
// are compared across settings.
import { describe, expect, it } from "vitest";
import { measureOf, rankCases, type PreparedCases } from "../models/blend-measure.js";
import { wasmBlendEngine } from "../server/wasm/blend-engine.js";
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
