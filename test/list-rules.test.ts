import { describe, expect, it } from "vitest";
import { applyPins, applyShares, type RankedList } from "../server/serving/list-rules.js";
import { REASON_PINNED } from "../core-wasm/shared/reason-codes.js";

/** Items 0..9 ranked in order, scores 10, 9, …; items 0-4 match the share rule. */
const ranked = (items: number[]): RankedList => ({ items, scores: items.map((j) => 10 - j), reasons: items.map(() => -1) });
const matches = Uint8Array.from({ length: 10 }, (_, j) => (j < 5 ? 1 : 0));

describe("share rules", () => {
  it("cap the matching items, filling from the reserve and then from a further ranking of the others", async () => {
    const asked: { allow: number[]; exclude: number[]; k: number }[] = [];
    const more = async (allow: Uint8Array, exclude: number[], k: number) => {
      asked.push({ allow: [...allow.keys()].filter((j) => allow[j]), exclude: [...exclude].sort((a, b) => a - b), k });
      return ranked([...allow.keys()].filter((j) => allow[j] && !exclude.includes(j)).slice(0, k));
    };
    // Four places from 0-3 and a reserve of 5 and 4: a cap of 1 needs 3 others, the reserve has one.
    const got = await applyShares(ranked([0, 1, 2, 3, 5, 4]), 4, [{ rule: "cap", matches, max: 0.25 }], undefined, [9], more);
    expect(got.items).toEqual([0, 5, 6, 7]);
    expect(asked).toEqual([{ allow: [5, 6, 7, 8, 9], exclude: [0, 4, 5, 9], k: 2 }]);
  });

  it("promote the best matching items not shown into the last places", async () => {
    const more = async () => ranked([]);
    const got = await applyShares(ranked([5, 6, 7, 8, 1, 2]), 4, [{ rule: "promo", matches, min: 0.5 }], undefined, [], more);
    expect(got.items).toEqual([5, 6, 1, 2]);
    // Already enough: nothing moves.
    expect((await applyShares(ranked([0, 1, 5, 6]), 4, [{ rule: "promo", matches, min: 0.5 }], undefined, [], more)).items).toEqual([0, 1, 5, 6]);
  });
});

describe("pin rules", () => {
  it("put an admitted item at its place, moved if listed, with the displaced item's score", () => {
    const pins = [{ rule: "p1", item: 7, position: 1 }, { rule: "p2", item: 2, position: 9 }, { rule: "p3", item: 8, position: 2 }];
    const { list, pinnedBy } = applyPins(ranked([0, 1, 2, 3]), 4, pins, (j) => j !== 8);
    expect(list.items).toEqual([7, 0, 1, 2]);
    expect(list.scores).toEqual([10, 10, 9, 7]);
    expect(list.reasons).toEqual([REASON_PINNED, -1, -1, REASON_PINNED]);
    expect([...pinnedBy]).toEqual([[7, "p1"], [2, "p2"]]);
  });
});
