// Training fits how histories decay: where what shoppers go on to buy follows their old
// events as much as their new ones, the search finds "no decay"; where it follows the
// newest, a short half-life.
import { describe, expect, it } from "vitest";
import { fitHybrid, type HistorySetting } from "../models/hybrid-search.js";
import type { ItemNeighbours } from "../models/item-knn.js";
import { DEFAULT_EVENT_WEIGHTS, PURCHASE, weightsByCode } from "../models/event-types.js";
import { historyOfCase, type ValidationCase } from "../models/validation.js";

const DAY = 86_400_000;
const BY_CODE = weightsByCode(DEFAULT_EVENT_WEIGHTS);
// Item 0 (bought long ago) leads to item 2; item 1 (bought just now) leads to item 3.
const SOURCE: ItemNeighbours = { n: 4, rowPtr: Int32Array.from([0, 1, 2, 2, 2]), cols: Int32Array.from([2, 3]), sims: Float32Array.from([1, 0.9]) };
const POP = { scores: new Float32Array(4), order: new Int32Array(0) };
const START: HistorySetting = { historyHalfLifeDays: 30, maxHistory: 10, popularityHalfLifeDays: 14, linearLambdaScale: 8, linearForm: "neighbours" };

function cases(relevant: number): ValidationCase[] {
  // Newest first: item 1 today, item 0 twenty days before.
  const events = [{ itemId: 1, type: PURCHASE, value: null, ts: 20 * DAY }, { itemId: 0, type: PURCHASE, value: null, ts: 0 }];
  const c = { ...historyOfCase(events, { ...START, weightsByCode: BY_CODE, factorAlpha: 1 }), exclude: Int32Array.from([0, 1]), relevant: Int32Array.from([relevant]), events };
  return Array.from({ length: 5 }, () => c);
}

const search = (relevant: number) =>
  fitHybrid({
    sources: () => [SOURCE], popularity: () => POP, cases: cases(relevant), k: 1, recallTolerance: 0, weightsByCode: BY_CODE, factorAlpha: 1,
    start: START, grid: { historyHalfLifeDays: [Infinity, 30, 7], maxHistory: [10], popularityHalfLifeDays: [14], linearLambdaScale: [8], linearForm: ["neighbours"] },
  });

describe("fitHybrid", () => {
  it("keeps old events at full weight when they predict as well", () => {
    const fit = search(2);
    expect(fit.history.historyHalfLifeDays).toBe(Infinity);
    expect(fit.blend.recall).toBe(1);
    // Each value is tried against the setting kept so far: 30 again once Infinity led.
    expect(fit.tried.map((t) => t.historyHalfLifeDays)).toEqual([30, Infinity, 30, 7]);
  });

  it("decays them when the newest events predict", () => {
    const fit = search(3);
    expect(fit.history.historyHalfLifeDays).toBe(30);
    expect(fit.blend.recall).toBe(1);
  });
});
