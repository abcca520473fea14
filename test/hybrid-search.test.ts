// Training fits how histories decay: where what shoppers go on to buy follows their old
// events as much as their new ones, the search finds "no decay"; where it follows the
// newest, a short half-life. And it decides whether a disliked item counts against what
// resembles it.
import { describe, expect, it } from "vitest";
import { fitHybrid, type FitSetting } from "../models/hybrid-search.js";
import { clearlyBetter } from "../models/clearly-better.js";
import { linearNeighbourhoods } from "../server/training/hybrid-fit.js";
import type { ItemNeighbours } from "../models/item-knn.js";
import { DEFAULT_EVENT_WEIGHTS, PURCHASE, RATING, weightsByCode } from "../models/event-types.js";
import { historyOfCase, type ValidationCase } from "../models/validation.js";

const DAY = 86_400_000;
const BY_CODE = weightsByCode(DEFAULT_EVENT_WEIGHTS);
// Item 0 (bought long ago) leads to item 2; item 1 (bought just now) leads to item 3.
const SOURCE: ItemNeighbours = { n: 4, rowPtr: Int32Array.from([0, 1, 2, 2, 2]), cols: Int32Array.from([2, 3]), sims: Float32Array.from([1, 0.9]) };
const POP = { scores: new Float32Array(4), order: new Int32Array(0) };
const START: FitSetting = { historyHalfLifeDays: 30, maxHistory: 10, dislikeWeight: 0, popularityHalfLifeDays: 14, linearLambdaScale: 8, linearForm: "neighbours", linearNeighbours: 50 };

function cases(relevant: number): ValidationCase[] {
  // Newest first: item 1 today, item 0 twenty days before.
  const events = [{ itemId: 1, type: PURCHASE, value: null, ts: 20 * DAY }, { itemId: 0, type: PURCHASE, value: null, ts: 0 }];
  const c = { ...historyOfCase(events, { ...START, weightsByCode: BY_CODE, factorAlpha: 1 }), exclude: Int32Array.from([0, 1]), relevant: Int32Array.from([relevant]), events };
  return Array.from({ length: 5 }, () => c);
}

const search = (relevant: number) =>
  fitHybrid({
    sources: () => [SOURCE], popularity: () => POP, cases: cases(relevant), k: 1, recallTolerance: 0, searchMinGain: 0, weightsByCode: BY_CODE, factorAlpha: 1,
    start: START, grid: { historyHalfLifeDays: [Infinity, 30, 7], maxHistory: [10], dislikeWeight: [0], popularityHalfLifeDays: [14], linearLambdaScale: [8], linearForm: ["neighbours"], linearNeighbours: [50] },
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

  // Item 0 (rated 5) leads to items 2 and 3; item 1 (rated 1) leads to item 2.
  const DISLIKED: ItemNeighbours = { n: 4, rowPtr: Int32Array.from([0, 2, 3, 3, 3]), cols: Int32Array.from([2, 3, 2]), sims: Float32Array.from([1, 0.9, 1]) };
  const dislikeSearch = (relevant: number) => {
    const events = [{ itemId: 0, type: RATING, value: 5, ts: 0 }, { itemId: 1, type: RATING, value: 1, ts: 0 }];
    const c = { ...historyOfCase(events, { ...START, weightsByCode: BY_CODE, factorAlpha: 1 }), exclude: Int32Array.from([0, 1]), relevant: Int32Array.from([relevant]), events };
    return fitHybrid({
      sources: () => [DISLIKED], popularity: () => POP, cases: [c, c, c], k: 1, recallTolerance: 0, searchMinGain: 0, weightsByCode: BY_CODE, factorAlpha: 1,
      start: START, grid: { historyHalfLifeDays: [30], maxHistory: [10], dislikeWeight: [0, 1], popularityHalfLifeDays: [14], linearLambdaScale: [8], linearForm: ["neighbours"], linearNeighbours: [50] },
    });
  };

  it("counts a disliked item against what resembles it when that predicts better", () => {
    const fit = dislikeSearch(3);
    expect(fit.history.dislikeWeight).toBe(1);
    expect(fit.blend.recall).toBe(1);
    expect(fit.tried.map((t) => [t.dislikeWeight, t.recall])).toEqual([[0, 0], [1, 1]]);
  });

  it("ignores dislikes when they do not", () => {
    const fit = dislikeSearch(2);
    expect(fit.history.dislikeWeight).toBe(0);
    expect(fit.blend.recall).toBe(1);
  });
});

describe("fitHybrid: the linear model's form", () => {
  // Item-kNN leads from item 0 to item 3 (wrong), as does one form of the linear model; the
  // other form leads to item 2 (right), but only once its weight outgrows item-kNN's.
  const KNN: ItemNeighbours = { n: 4, rowPtr: Int32Array.from([0, 1, 1, 1, 1]), cols: Int32Array.from([3]), sims: Float32Array.from([2]) };
  const TO = (item: number): ItemNeighbours => ({ n: 4, rowPtr: Int32Array.from([0, 1, 1, 1, 1]), cols: Int32Array.from([item]), sims: Float32Array.from([1]) });

  it("compares the forms each with its own weights: a form that ties at the starting weights can still win", () => {
    const events = [{ itemId: 0, type: PURCHASE, value: null, ts: 0 }];
    const c = { ...historyOfCase(events, { ...START, weightsByCode: BY_CODE, factorAlpha: 1 }), exclude: Int32Array.from([0]), relevant: Int32Array.from([2]), events };
    const fit = fitHybrid({
      sources: (_, form) => [KNN, form === "exact" ? TO(3) : TO(2)], popularity: () => POP, cases: [c, c, c, c, c], k: 1, recallTolerance: 0, searchMinGain: 0, weightsByCode: BY_CODE, factorAlpha: 1,
      start: { ...START, linearForm: "exact" },
      grid: { historyHalfLifeDays: [30], maxHistory: [10], dislikeWeight: [0], popularityHalfLifeDays: [14], linearLambdaScale: [8], linearForm: ["exact", "neighbours"], linearNeighbours: [50] },
    });
    // At the starting weights (linear 1) both forms list item 3: a tie, the first kept.
    expect(fit.tried.map((t) => [t.linearForm, t.recall])).toEqual([["exact", 0], ["neighbours", 0], ["neighbours", 1]]);
    expect(fit.history.linearForm).toBe("neighbours");
    expect(fit.blend.recall).toBe(1);
    expect(fit.blend.weights[1]).toBeGreaterThan(2);
  });
});

describe("fitHybrid: the neighbour form's neighbourhood size", () => {
  // Regressing on 25 neighbours leads from item 0 to item 2 (right), on 50 to item 3.
  const TO = (item: number): ItemNeighbours => ({ n: 4, rowPtr: Int32Array.from([0, 1, 1, 1, 1]), cols: Int32Array.from([item]), sims: Float32Array.from([1]) });
  const events = [{ itemId: 0, type: PURCHASE, value: null, ts: 0 }];
  const c = { ...historyOfCase(events, { ...START, weightsByCode: BY_CODE, factorAlpha: 1 }), exclude: Int32Array.from([0]), relevant: Int32Array.from([2]), events };
  const search = (form: "exact" | "neighbours") =>
    fitHybrid({
      sources: (_, f, neighbours) => [f === "neighbours" && neighbours === 25 ? TO(2) : TO(3)], popularity: () => POP, cases: [c, c, c, c, c],
      k: 1, recallTolerance: 0, searchMinGain: 0, weightsByCode: BY_CODE, factorAlpha: 1, start: { ...START, linearForm: form },
      grid: { historyHalfLifeDays: [30], maxHistory: [10], dislikeWeight: [0], popularityHalfLifeDays: [14], linearLambdaScale: [8], linearForm: [form], linearNeighbours: [50, 25, 100] },
    });

  it("takes the size whose model predicts", () => {
    const fit = search("neighbours");
    expect(fit.tried.map((t) => [t.linearNeighbours, t.recall])).toEqual([[50, 0], [25, 1], [100, 0]]);
    expect(fit.history.linearNeighbours).toBe(25);
    expect(fit.blend.recall).toBe(1);
  });

  it("does not try sizes for the exact form, which has none", () => {
    expect(search("exact").tried.map((t) => t.linearNeighbours)).toEqual([50]);
  });

  it("offers twice item-kNN's size only where every item's system fits the linear model's memory in one block", () => {
    const config = { neighbours: 50, linearNeighbours: undefined, linearMaxBytes: 2 ** 30 };
    // 100 neighbours: 5,150 floats a system, 20.6 KB.
    expect(linearNeighbourhoods(config, 25_000)).toEqual([50, 25, 100]);
    expect(linearNeighbourhoods(config, 100_000)).toEqual([50, 25]);
    expect(linearNeighbourhoods({ ...config, linearNeighbours: 80 }, 25_000)).toEqual([80]);
  });
});

describe("clearlyBetter", () => {
  const measured = (hits: number[]) => ({ recall: hits.reduce((s, h) => s + h, 0) / hits.length, ndcg: 0, coverage: 0, hits: Uint16Array.from(hits) });
  const kept = measured(Array(1000).fill(1));
  const changed = (gains: number, losses: number) => measured([...kept.hits].map((h, i) => (i < gains ? h + 1 : i < gains + losses ? h - 1 : h)));

  it("takes gains that outnumber losses by more than their noise", () => {
    expect(clearlyBetter(changed(100, 0), kept)).toBe(true);
    expect(clearlyBetter(changed(30, 10), kept)).toBe(true);
  });

  it("does not take gains and losses that nearly cancel, nor a loss", () => {
    // 12 gains, 8 losses: a mean gain of 0.004 against a standard error of 0.0045.
    expect(clearlyBetter(changed(12, 8), kept)).toBe(false);
    expect(clearlyBetter(changed(0, 5), kept)).toBe(false);
    expect(clearlyBetter(kept, kept)).toBe(false);
  });
});

describe("fitHybrid: the dense source's reach beyond the history", () => {
  // The history (item 0) reaches item 2; the dense source (the shopper's factor) scores item 4 too.
  const source: ItemNeighbours = { n: 5, rowPtr: Int32Array.from([0, 1, 1, 1, 1, 1]), cols: Int32Array.from([2]), sims: Float32Array.from([1]) };
  const pop = { scores: new Float32Array(5), order: new Int32Array(0) };
  /** Cases, each with its bought item and the dense source's scores of every item. */
  const fitOn = (cases: { relevant: number; denseScores: number[] }[], searchMinGain = 0) => {
    const events = [{ itemId: 0, type: PURCHASE, value: null, ts: 0 }];
    const history = historyOfCase(events, { ...START, weightsByCode: BY_CODE, factorAlpha: 1 });
    const top = (scores: number[]) => scores.map((s, j) => [s, j]).filter(([s]) => s > 0).sort((a, b) => b[0] - a[0]).map(([, j]) => j);
    return fitHybrid({
      sources: () => [source], popularity: () => pop, k: 1, recallTolerance: 0, searchMinGain, weightsByCode: BY_CODE, factorAlpha: 1,
      cases: cases.map((c) => ({ ...history, exclude: Int32Array.from([0]), relevant: Int32Array.from([c.relevant]), events })),
      dense: (_, i) => ({ top: top(cases[i].denseScores), score: (j) => cases[i].denseScores[j] ?? 0 }),
      start: START, grid: { historyHalfLifeDays: [30], maxHistory: [10], dislikeWeight: [0], popularityHalfLifeDays: [14], linearLambdaScale: [8], linearForm: ["neighbours"], linearNeighbours: [50] },
    });
  };
  const fitWith = (relevant: number, denseScores: number[]) => fitOn(Array(4).fill({ relevant, denseScores }));

  it("finds the search needed where the items it alone reaches are bought", () => {
    const fit = fitWith(4, [0, 0, 0, 0, 2]);
    expect(fit.blend.recall).toBe(1);
    expect(fit.denseReach).toEqual({ needed: true, recall: 1, recallWithout: 0 });
  });

  it("finds it not needed where the dense source only reorders what the history reaches", () => {
    const fit = fitWith(2, [0, 0, 0.5, 0, 0]);
    expect(fit.denseReach).toEqual({ needed: false, recall: 1, recallWithout: 1 });
  });

  it("finds it not needed where what it adds, though clear of the noise, is below the gain asked for", () => {
    // 3 of 100 cases buy the item only the dense source reaches: recall 1 against 0.97, 3.1% more.
    const cases = Array.from({ length: 100 }, (_, i) => (i < 3 ? { relevant: 4, denseScores: [0, 0, 0, 0, 2] } : { relevant: 2, denseScores: [0, 0, 0.5, 0, 0] }));
    expect(fitOn(cases, 0.03).denseReach).toEqual({ needed: true, recall: 1, recallWithout: 0.97 });
    expect(fitOn(cases, 0.035).denseReach).toEqual({ needed: false, recall: 1, recallWithout: 0.97 });
  });
});
