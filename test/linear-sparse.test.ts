import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { firstNeighbours, trainItemKnn } from "../models/item-knn.js";
import { itemTrainer } from "../models/hybrid.js";
import { trainLinearItem } from "../models/linear-item.js";
import { planBlocks, systemFloats, trainSparseLinear, type GramEngineFactory } from "../models/linear-sparse.js";
import { seededRandom } from "../models/random.js";
import type { UserItemMatrix } from "../models/user-items.js";
import { referenceNeighbourEngine } from "../core-wasm/reference/item-neighbours.js";
import { referenceGramEngine } from "../core-wasm/reference/item-gram.js";
import { wasmGramEngine } from "../server/wasm/item-gram-engine.js";
import { denseEase } from "../server/wasm/ease-engine.js";

const ENGINES: [string, GramEngineFactory][] = [
  ["reference", referenceGramEngine],
  ["WASM release", (p) => wasmGramEngine(p, "release")],
  ["WASM debug", (p) => wasmGramEngine(p, "debug")],
];

/**
 * Shoppers with 1–maxPerUser distinct items drawn with a skew towards low indices (a few
 * popular items, a long tail); items from `active` on have no events.
 */
function randomShop(seed: number, users: number, items: number, active: number, maxPerUser: number): UserItemMatrix {
  const random = seededRandom(seed);
  const userPtr = [0];
  const cols: number[] = [];
  const weights: number[] = [];
  for (let u = 0; u < users; u++) {
    const chosen = new Set<number>();
    const count = 1 + Math.floor(random() * maxPerUser);
    for (let t = 0; t < count; t++) chosen.add(Math.floor(active * random() ** 2));
    for (const i of [...chosen].sort((a, b) => a - b)) {
      cols.push(i);
      weights.push(Math.log1p(0.1 + 2 * random()));
    }
    userPtr.push(cols.length);
  }
  return { numItems: items, userPtr: Int32Array.from(userPtr), items: Int32Array.from(cols), weights: Float32Array.from(weights) };
}

/** The dense path: kNN with the Gram matrix, then models/linear-item.ts. */
function dense(m: UserItemMatrix, k: number, lambdaScale: number) {
  const { knn, gram } = trainItemKnn(m, { neighbours: k }, referenceNeighbourEngine, { withGram: true });
  return { knn, linear: trainLinearItem(gram!, knn, { lambdaScale }) };
}

function expectSame(actual: ReturnType<typeof trainSparseLinear>, expected: ReturnType<typeof trainLinearItem>): void {
  expect(actual.lambda).toBe(expected.lambda);
  expect(Array.from(actual.rowPtr)).toEqual(Array.from(expected.rowPtr));
  expect(Array.from(actual.cols)).toEqual(Array.from(expected.cols));
  expect(Array.from(actual.sims)).toEqual(Array.from(expected.sims));
}

describe("the linear item model from the sparse matrix", () => {
  const m = randomShop(7, 500, 160, 145, 10);
  const k = 12;
  const { knn, linear } = dense(m, k, 2);
  /** A budget that splits the 160 items into several blocks. */
  const smallBudget = 8000;

  it("the data exercise what matters: empty items, short lists, several blocks", () => {
    const lengths = Array.from({ length: m.numItems }, (_, j) => knn.rowPtr[j + 1] - knn.rowPtr[j]);
    expect(lengths.filter((l) => l === 0).length).toBeGreaterThanOrEqual(15);
    expect(lengths.some((l) => l > 0 && l < k)).toBe(true);
    expect(planBlocks(knn.rowPtr, smallBudget / 4).length - 1).toBeGreaterThanOrEqual(5);
    expect(linear.cols.length).toBeGreaterThan(1000);
  });

  for (const [name, engine] of ENGINES) {
    it(`${name}: equals the dense path, in one block, many blocks and one item a block`, () => {
      for (const maxSystemBytes of [undefined, smallBudget, 1]) {
        expectSame(trainSparseLinear(m, knn, { lambdaScale: 2, maxSystemBytes }, engine), linear);
      }
    });
  }

  it("reports progress up to every item, never going back", () => {
    const done: number[] = [];
    trainSparseLinear(m, knn, { lambdaScale: 2, maxSystemBytes: smallBudget }, referenceGramEngine, (i) => done.push(i));
    expect(done.at(-1)).toBe(m.numItems);
    expect(done.every((d, i) => i === 0 || d >= done[i - 1])).toBe(true);
  });

  it("blocks: consecutive items within the budget, one item at least", () => {
    const bounds = planBlocks(knn.rowPtr, 1000);
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(m.numItems);
    for (let b = 0; b + 1 < bounds.length; b++) {
      let floats = 0;
      for (let j = bounds[b]; j < bounds[b + 1]; j++) floats += systemFloats(knn.rowPtr[j + 1] - knn.rowPtr[j]);
      expect(bounds[b + 1] > bounds[b] && (floats <= 1000 || bounds[b + 1] - bounds[b] === 1)).toBe(true);
    }
  });

  it("refuses neighbour lists that would index outside the matrix", () => {
    const bad = { ...knn, cols: knn.cols.map((c, p) => (p === 3 ? m.numItems : c)) };
    expect(() => trainSparseLinear(m, bad, { lambdaScale: 2 }, referenceGramEngine)).toThrow(/neighbour/);
  });

  it("every engine equals the dense path on small random shops", () => {
    const shop = fc.record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      users: fc.integer({ min: 0, max: 60 }),
      items: fc.integer({ min: 1, max: 30 }),
      k: fc.integer({ min: 1, max: 8 }),
      lambdaScale: fc.constantFrom(0.01, 0.5, 2),
      maxSystemBytes: fc.integer({ min: 1, max: 2000 }),
    });
    fc.assert(
      fc.property(shop, ({ seed, users, items, k: kk, lambdaScale, maxSystemBytes }) => {
        const small = randomShop(seed, users, items, Math.max(1, items - 2), 6);
        const expected = dense(small, kk, lambdaScale);
        for (const [, engine] of ENGINES) {
          expectSame(trainSparseLinear(small, expected.knn, { lambdaScale, maxSystemBytes }, engine), expected.linear);
        }
      }),
      { numRuns: 150, seed: 23 },
    );
  });
});

describe("the linear model's neighbourhood size", () => {
  const m = randomShop(11, 400, 120, 110, 9);
  const engines = { neighbours: referenceNeighbourEngine, gram: referenceGramEngine, ease: denseEase };
  const params = { neighbours: 6, linearMaxBytes: 2 ** 30, linearDenseMaxItems: 0, linearKeep: 500 };

  it("a trainer made wider keeps item-kNN at its size, and trains the neighbour form at any size up to the widest as if trained there", () => {
    const wide = itemTrainer(m, params, engines, { widest: 12 });
    const atSix = dense(m, 6, 2);
    expect(Array.from(wide.knn.cols)).toEqual(Array.from(atSix.knn.cols));
    expectSame(wide.linearAt(2, "neighbours", 6), atSix.linear);
    // Through the sparse Gram engine too (a catalogue above the dense budget).
    const sparse = itemTrainer(m, { ...params, linearMaxBytes: 1000 }, engines, { widest: 12 });
    expectSame(sparse.linearAt(2, "neighbours", 12), dense(m, 12, 2).linear);
    expect(() => wide.linearAt(2, "neighbours", 13)).toThrow(/13 neighbours, trained for 12/);
  });

  it("firstNeighbours keeps each row's most similar", () => {
    const { knn } = dense(m, 12, 2);
    const cut = firstNeighbours(knn, 3);
    for (let j = 0; j < m.numItems; j++) {
      const row = Array.from(knn.cols.subarray(knn.rowPtr[j], knn.rowPtr[j + 1]));
      expect(Array.from(cut.cols.subarray(cut.rowPtr[j], cut.rowPtr[j + 1]))).toEqual(row.slice(0, 3));
    }
  });
});
