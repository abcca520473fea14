// Cold items' scores and reasons: a reason names the shopper's own item that contributes
// most, or none (new_item) when no item of theirs is among the ones it is scored from.
import { describe, expect, it } from "vitest";
import { ColdItems } from "../server/content/cold-items.js";
import { REASON_NEW_ITEM } from "../core-wasm/shared/reason-codes.js";

// Items 0–2 are known; 3 is cold, its text nearest to 0 (similarity 0.6) and 1 (0.2).
const content = {
  n: 4,
  rowPtr: Int32Array.from([0, 0, 0, 0, 2]),
  cols: Int32Array.from([0, 1]),
  sims: Float32Array.from([0.6, 0.2]),
};
const cold = new ColdItems(content, (j) => j === 3);
const known = { items: Int32Array.from([0, 1, 2]), scores: Float32Array.from([2, 1, 5]) };

describe("cold items", () => {
  it("are scored as the similarity-weighted mean of the request's scores of their nearest known items", () => {
    expect(cold.scores(known, new Set([0])).get(3)?.score).toBeCloseTo(0.75 * 2 + 0.25 * 1, 6);
  });

  it("name the shopper's own item contributing most, never another", () => {
    expect(cold.scores(known, new Set([0, 1])).get(3)?.because).toBe(0);
    // Item 0 contributes more, but only item 1 is the shopper's.
    expect(cold.scores(known, new Set([1, 2])).get(3)?.because).toBe(1);
    expect(cold.scores(known, new Set([2])).get(3)?.because).toBe(REASON_NEW_ITEM);
  });
});
