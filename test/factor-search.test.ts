// Where a served list's factor candidates come from: the factor index, none where
// training measured that the items it alone reaches change no validation list (on a
// catalogue large enough to have one), or every item scored (small catalogues).
import { describe, expect, it } from "vitest";
import { candidatesOf } from "../server/serving/active-model.js";
import { NO_FACTOR_CANDIDATES } from "../server/factor-index.js";
import { ExactIndex } from "../server/ann/exact-index.js";
import type { LoadedModel } from "../server/model-registry.js";

const OPTS = { annCandidates: 3, annEf: 3 } as Parameters<typeof candidatesOf>[1];

function loaded(factorSearch: { needed: boolean } | undefined, items: number, withIndex = false): LoadedModel {
  const index = new ExactIndex(2, "ip");
  for (let j = 0; j < 5; j++) index.add(j, Float32Array.of(j, 1));
  const manifest = { params: { annMinItems: 100, factorSearch: factorSearch && { ...factorSearch, recall: 0.2, recallWithout: 0.2 } }, stats: { items } };
  return { manifest, artefacts: {}, indexes: withIndex ? { factors: index } : {} } as unknown as LoadedModel;
}

describe("factor candidates of a served model", () => {
  it("takes none on a large catalogue whose training found the search changes no list", () => {
    expect(candidatesOf(loaded({ needed: false }, 1000), OPTS)).toBe(NO_FACTOR_CANDIDATES);
    expect(NO_FACTOR_CANDIDATES.search(Float32Array.of(1, 1), 0).labels).toHaveLength(0);
  });

  it("scores every item of a small catalogue, and where no measure and no index were made", () => {
    expect(candidatesOf(loaded({ needed: false }, 50), OPTS)).toBeUndefined();
    expect(candidatesOf(loaded(undefined, 1000), OPTS)).toBeUndefined();
  });

  it("searches the index a model has, for the configured count", () => {
    const found = candidatesOf(loaded({ needed: true }, 1000, true), OPTS)!;
    expect(found.count).toBe(3);
    expect(Array.from(found.search(Float32Array.of(1, 0), 3).labels)).toEqual([4, 3, 2]);
  });
});
