import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ScoringCore, type ItemBoosts } from "../server/wasm/scoring-core.js";
import type { WasmBuild } from "../server/wasm/module.js";
import { scoreHistoryReference } from "../core-wasm/reference/score-history.js";
import { int8Stride, quantizeQuery, quantizeRows } from "../models/int8-factors.js";
import { boostsOf, byItem, factorCase, factorCases, modelArb, promotionOf, requestOf, toModel } from "./score-cases.js";

describe.each<WasmBuild>(["release", "debug"])("scoreHistory WASM (%s) against the reference", (build) => {
  it("returns the same items, scores and reasons, and restores its scratch state", async () => {
    fc.assert(
      fc.property(modelArb, (c) => {
        const model = toModel(c);
        const core = new ScoringCore(model, { maxHistory: 16, maxResults: 16 }, build);
        const { mask, histItems, histWeights, exclude } = requestOf(c, core);
        const dense = c.dense ? Float32Array.from(c.dense.slice(0, c.n), (d) => d / 16) : undefined;
        const boosts = boostsOf(c);
        const promotion = promotionOf(c);
        const probes = Int32Array.from(c.probes.slice(0, c.n));
        const expected = scoreHistoryReference(model, {
          histItems, histWeights, exclude, mask, popOrder: model.popOrder, popScores: model.popScores, popBlend: c.popBlend, k: c.k, dense, probes, boosts, promotion,
        });
        // Twice: the second call proves the first left the scratch arrays and mask clean.
        for (let round = 0; round < 2; round++) {
          if (dense) core.setDense(dense);
          const got = core.score({ histItems, histWeights, exclude, popBlend: c.popBlend, k: c.k, probes, boosts, promotion });
          expect(Array.from(got.items)).toEqual(Array.from(expected.items));
          expect(Array.from(got.scores)).toEqual(Array.from(expected.scores));
          expect(Array.from(got.reasons)).toEqual(Array.from(expected.reasons));
          expect(byItem(got.probed!)).toEqual(byItem(expected.probed!));
          expect(got.promoted && { items: Array.from(got.promoted.items), scores: Array.from(got.promoted.scores), reasons: Array.from(got.promoted.reasons) })
            .toEqual(expected.promoted && { items: Array.from(expected.promoted.items), scores: Array.from(expected.promoted.scores), reasons: Array.from(expected.promoted.reasons) });
        }
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});

describe.each(factorCases)("scoreHistory with factor candidates, WASM ($build, $precision) against the reference", ({ build, precision }) => {
  it("adds the exact factor score to the history's items and the candidates, and nothing else", async () => {
    fc.assert(
      fc.property(modelArb, (c) => {
        const { f, items, user, model, core } = factorCase(c, precision, build);
        const int8 = precision === "int8" ? { rows: quantizeRows(items, c.n, f), query: quantizeQuery(user, f, new Int16Array(int8Stride(f))) } : undefined;
        const { mask, histItems, histWeights, exclude } = requestOf(c, core);
        const candidates = Int32Array.from(c.factors.candidates);
        const boosts = boostsOf(c);
        const promotion = promotionOf(c);
        const probes = Int32Array.from(c.probes.slice(0, c.n));
        const expected = scoreHistoryReference(model, {
          histItems, histWeights, exclude, mask, popOrder: model.popOrder, popScores: model.popScores, popBlend: c.popBlend, k: c.k,
          factors: { items, f, user, weight: c.factors.weight, candidates, int8 }, probes, boosts, promotion,
        });
        for (let round = 0; round < 2; round++) {
          core.setFactorCandidates(user, candidates, c.factors.weight);
          const got = core.score({ histItems, histWeights, exclude, popBlend: c.popBlend, k: c.k, probes, boosts, promotion });
          expect(Array.from(got.items)).toEqual(Array.from(expected.items));
          expect(Array.from(got.scores)).toEqual(Array.from(expected.scores));
          expect(Array.from(got.reasons)).toEqual(Array.from(expected.reasons));
          expect(byItem(got.probed!)).toEqual(byItem(expected.probed!));
          expect(got.promoted && { items: Array.from(got.promoted.items), scores: Array.from(got.promoted.scores), reasons: Array.from(got.promoted.reasons) })
            .toEqual(expected.promoted && { items: Array.from(expected.promoted.items), scores: Array.from(expected.promoted.scores), reasons: Array.from(expected.promoted.reasons) });
        }
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });
});

describe("scoreHistory", () => {
  it("ranks by summed neighbour similarity and names the strongest source", async () => {
    // 0 -> {2: .5, 3: .25}; 1 -> {3: .5}; history {0, 1}: item 3 = .75 (from 1), item 2 = .5 (from 0)
    const model = toModel({ n: 4, rows: [[{ j: 2, s: 4 }, { j: 3, s: 2 }], [{ j: 3, s: 4 }], [], []], pop: [0, 1, 2, 3] });
    const core = new ScoringCore(model, { maxHistory: 8, maxResults: 8 });
    const got = core.score({ histItems: [0, 1], histWeights: [1, 1], exclude: [], popBlend: 0, k: 3 });
    expect(Array.from(got.items)).toEqual([3, 2, 0]);
    expect(Array.from(got.scores)).toEqual([0.75, 0.5, 0]);
    expect(Array.from(got.reasons)).toEqual([1, 0, -1]);
  });

  it("names the strongest history item, the first of equals, when it reads the listed items' columns", async () => {
    // Long rows (items 0–13 reach items 0–15; 2 twice as strongly as the others reach 14 and 15), so
    // the core keeps the matrix by column; with four or more history items, the two listed items'
    // columns (14 entries each) are the cheaper read.
    const rows = Array.from({ length: 16 }, (_, h) =>
      h < 14 ? [{ j: 14, s: h === 2 ? 8 : 4 }, { j: 15, s: h === 2 ? 8 : 4 }, ...Array.from({ length: 14 }, (_, j) => ({ j, s: 1 }))] : []);
    const core = new ScoringCore(toModel({ n: 16, rows, pop: [...Array(16).keys()] }), { maxHistory: 8, maxResults: 8 });
    const reasons = (histItems: number[], histWeights: number[]) => Array.from(core.score({ histItems, histWeights, exclude: [], popBlend: 0, k: 2 }).reasons);
    expect(reasons([7, 3, 5, 6], [1, 1, 1, 1])).toEqual([7, 7]); // history order, not the column's
    expect(reasons([4, 2, 8, 9], [1, 1, 1, 1])).toEqual([2, 2]);
    expect(reasons([10, 11, 12, 13], [4, 3, 1, 1])).toEqual([10, 10]); // nothing left of the last calls' histories (2 at 11's place would win)
    expect(reasons([7, 3, 7, 6], [4, 2, 1, 1])).toEqual([7, 7]); // an item twice (a page's seed item): its strongest place
  });

  it("blends popularity into every score and lets a popular untouched item in", async () => {
    // popScores: item 0 = 4, 1 = 3, 2 = 2, 3 = 1. With blend 0.125: 3 -> .875, 2 -> .75, 0 -> .5
    const model = toModel({ n: 4, rows: [[{ j: 2, s: 4 }, { j: 3, s: 2 }], [{ j: 3, s: 4 }], [], []], pop: [0, 1, 2, 3] });
    const core = new ScoringCore(model, { maxHistory: 8, maxResults: 8 });
    const got = core.score({ histItems: [0, 1], histWeights: [1, 1], exclude: [1], popBlend: 0.125, k: 3 });
    expect(Array.from(got.items)).toEqual([3, 2, 0]);
    expect(Array.from(got.scores)).toEqual([0.875, 0.75, 0.5]);
    expect(Array.from(got.reasons)).toEqual([1, 0, -1]);
  });

  it("never returns unavailable or excluded items, even from the popularity fill", async () => {
    const model = toModel({ n: 4, rows: [[{ j: 2, s: 4 }], [], [], []], pop: [2, 3, 1, 0] });
    const core = new ScoringCore(model, { maxHistory: 8, maxResults: 8 });
    core.setUnavailable(3, true);
    const got = core.score({ histItems: [0], histWeights: [1], exclude: [1], popBlend: 1, k: 10 });
    expect(Array.from(got.items)).toEqual([2, 0]);
  });

  it("lists only what a filter lets through, the popularity fill included, and forgets it after the call", async () => {
    const model = toModel({ n: 4, rows: [[{ j: 2, s: 4 }, { j: 3, s: 2 }], [], [], []], pop: [0, 1, 2, 3] });
    const core = new ScoringCore(model, { maxHistory: 8, maxResults: 8 });
    core.setUnavailable(1, true);
    // Items 1 and 3 pass; 1 is unavailable all the same. A filter shorter than the catalogue refuses the rest.
    expect(Array.from(core.score({ histItems: [0], histWeights: [1], exclude: [], popBlend: 0.125, k: 4, filter: Uint8Array.of(0, 1, 0, 1) }).items)).toEqual([3]);
    expect(Array.from(core.score({ histItems: [0], histWeights: [1], exclude: [], popBlend: 0.125, k: 4, filter: Uint8Array.of(1) }).items)).toEqual([0]);
    expect(Array.from(core.score({ histItems: [0], histWeights: [1], exclude: [], popBlend: 0.125, k: 4 }).items)).toEqual([2, 0, 3]);
    expect(core.isUnavailable(1)).toBe(true);
    expect(core.isUnavailable(2)).toBe(false);
  });

  it("boosts and buries by the rules' arrays, reaching items neither the history nor popularity would list", async () => {
    // 0 -> {2: .5, 3: .25}; popularity 1 > 2 > 3 > 0 (scores 4, 3, 2, 1 · 0.125).
    const model = toModel({ n: 4, rows: [[{ j: 2, s: 4 }, { j: 3, s: 2 }], [], [], []], pop: [1, 2, 3, 0] });
    const core = new ScoringCore(model, { maxHistory: 8, maxResults: 8 });
    const plain = core.score({ histItems: [0], histWeights: [1], exclude: [0], popBlend: 0.125, k: 2 });
    expect(Array.from(plain.items)).toEqual([2, 1]);
    // Bury 2 (× 0), lift 3 (× 2) and give 0 — excluded — a large add: 3 then 1.
    const boosts: ItemBoosts = { mul: Float32Array.of(1, 1, 0, 2), add: Float32Array.of(5, 0, 0, 0), items: Int32Array.of(0, 2, 3) };
    const got = core.score({ histItems: [0], histWeights: [1], exclude: [0], popBlend: 0.125, k: 2, boosts });
    expect(Array.from(got.items)).toEqual([3, 1]);
    expect(Array.from(got.scores)).toEqual([1, 0.5]);
    // An untouched item that an add lifts above everything comes first, with popularity's reason.
    const lifted = core.score({ histItems: [0], histWeights: [1], exclude: [], popBlend: 0.125, k: 2, boosts });
    expect(Array.from(lifted.items)).toEqual([0, 3]);
    expect(lifted.reasons[0]).toBe(-1);
    // Without boosts the next call is as before.
    expect(Array.from(core.score({ histItems: [0], histWeights: [1], exclude: [0], popBlend: 0.125, k: 2 }).items)).toEqual([2, 1]);
  });

  it("reports a probed item's own score whether or not it is listed, and 0 without one", async () => {
    // 0 -> {1: .25, 2: .5}; item 3 is a factor candidate (y_3 = (1,0,0,0), weight 2), item 1
    // is excluded, k = 1: only item 3 is listed. popScores: 0 = 4, 1 = 3, 2 = 2, 3 = 1.
    const items = new Float32Array(16);
    items.set([1, 0, 0, 0], 12);
    const model = { ...toModel({ n: 4, rows: [[{ j: 1, s: 2 }, { j: 2, s: 4 }], [], [], []], pop: [0, 1, 2, 3] }), factors: { f: 4, items, lambda: 1, cgSteps: 1 } };
    const core = new ScoringCore(model, { maxHistory: 8, maxResults: 8 }, "release", { count: 2, search: () => ({ labels: new Int32Array(0) }) });
    core.setFactorCandidates(Float32Array.of(1, 0, 0, 0), [3], 2);
    const got = core.score({ histItems: [0], histWeights: [1], exclude: [1], popBlend: 0.125, k: 1, probes: Int32Array.of(1, 2, 3, 0) });
    expect(Array.from(got.items)).toEqual([3]);
    // 1: .25 + pop .375 (excluded, yet its score counts); 2: .5 + .25; 3: factor 2 + .125;
    // 0: untouched, popularity alone: not reported.
    expect(byItem(got.probed!)).toEqual([[1, 0.625], [2, 0.75], [3, 2.125]]);
    // The factor scores were used up: without a new fold-in, item 3 has no score.
    expect(byItem(core.score({ histItems: [0], histWeights: [1], exclude: [1], popBlend: 0.125, k: 1, probes: Int32Array.of(3) }).probed!)).toEqual([]);
  });
});
