import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { trainItemKnn } from "../models/item-knn.js";
import { UserItemBuilder, type UserItemMatrix } from "../models/user-items.js";
import { referenceNeighbourEngine } from "../core-wasm/reference/item-neighbours.js";
import { wasmNeighbourEngine } from "../server/wasm/neighbour-engine.js";

function toMatrix(rows: number[][], items: number): UserItemMatrix {
  const b = new UserItemBuilder({ numItems: items, weightsByCode: Float64Array.from([0, 1, 1, 1, 1, 1, 1, 1]), maxUserItems: 100 });
  rows.forEach((row, u) => row.forEach((i, t) => b.add(u, i, 1 + (t % 3), null, t)));
  return b.build();
}

const shopArb = fc.integer({ min: 1, max: 30 }).chain((items) =>
  fc.record({
    items: fc.constant(items),
    rows: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: items - 1 }), { maxLength: 12 }), { maxLength: 40 }),
    k: fc.integer({ min: 1, max: 8 }),
  }),
);

describe("item neighbours", () => {
  it("the WASM engine matches the reference exactly, Gram matrix included", () => {
    fc.assert(
      fc.property(shopArb, ({ items, rows, k }) => {
        const m = toMatrix(rows, items);
        const ref = trainItemKnn(m, { neighbours: k }, referenceNeighbourEngine, { withGram: true });
        const wasm = trainItemKnn(m, { neighbours: k }, wasmNeighbourEngine, { withGram: true });
        expect(Array.from(wasm.knn.rowPtr)).toEqual(Array.from(ref.knn.rowPtr));
        expect(Array.from(wasm.knn.cols)).toEqual(Array.from(ref.knn.cols));
        expect(Array.from(wasm.knn.sims)).toEqual(Array.from(ref.knn.sims));
        expect(Array.from(wasm.gram!)).toEqual(Array.from(ref.gram!));
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it("computes cosine similarity of the items' shopper vectors", () => {
    // Items 0 and 1 share shoppers 0 and 1; item 2 is bought by shopper 2 alone with item 0.
    const m = toMatrix([[0, 1], [0, 1], [0, 2]], 3);
    const { knn } = trainItemKnn(m, { neighbours: 2 }, wasmNeighbourEngine);
    const row0 = Array.from(knn.cols.subarray(knn.rowPtr[0], knn.rowPtr[1]));
    expect(row0).toEqual([1, 2]);
    // Every weight is log(2), so cos(0, 1) = 2 / (√3 · √2) and cos(0, 2) = 1 / √3.
    expect(knn.sims[knn.rowPtr[0]]).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(knn.sims[knn.rowPtr[0] + 1]).toBeCloseTo(1 / Math.sqrt(3), 6);
  });
});
