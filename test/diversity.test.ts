import { describe, expect, it } from "vitest";
import { diversify, intraListDiversity } from "../server/serving/diversity.js";

// Items 0-5, scores falling by 1; items 0-2 share one text vector, 3-5 another; categories: 0,0,0,1,1,-1.
const list = { items: [0, 1, 2, 3, 4, 5], scores: [6, 5, 4, 3, 2, 1], reasons: [-1, -1, -1, -1, -1, -1] };
const x = Float32Array.of(1, 0);
const y = Float32Array.of(0, 1);
const traits = { categoryOf: (j: number) => [0, 0, 0, 1, 1, -1][j], vectorOf: (j: number) => (j < 3 ? x : y) };

describe("diversity", () => {
  it("caps the items of a category, never items without one", () => {
    expect(diversify(list, 4, { maxPerCategory: 1 }, traits).items).toEqual([0, 3, 5]);
    expect(diversify(list, 6, { maxPerCategory: 2 }, traits).items).toEqual([0, 1, 3, 4, 5]);
  });

  it("trades score against closeness to what is chosen (MMR), keeping the model's scores", () => {
    // λ = 1 is the plain ranking; at 0.5 the second place goes to the best item unlike the first.
    expect(diversify(list, 3, { mmrLambda: 1 }, traits).items).toEqual([0, 1, 2]);
    const got = diversify(list, 3, { mmrLambda: 0.5 }, traits);
    expect(got.items).toEqual([0, 3, 1]);
    expect(got.scores).toEqual([6, 3, 5]);
  });

  it("measures intra-list diversity as 1 − the mean pairwise similarity", () => {
    expect(intraListDiversity([0, 1], traits.vectorOf)).toBe(0);
    expect(intraListDiversity([0, 3], traits.vectorOf)).toBe(1);
    expect(intraListDiversity([0, 1, 3], traits.vectorOf)).toBeCloseTo(2 / 3);
    expect(intraListDiversity([0], traits.vectorOf)).toBeUndefined();
  });
});
