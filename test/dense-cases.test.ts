// The fit's factor source keeps each case's fold: the same answers as scoring every item,
// and every item scored again only when a setting changes the fold.
import { describe, expect, it } from "vitest";
import { denseCases } from "../server/training/dense-cases.js";
import { topIndices } from "../models/blend-cases.js";
import { ScoringCore } from "../server/wasm/scoring-core.js";
import { seededRandom } from "../models/random.js";
import type { ValidationCase } from "../models/validation.js";

const n = 300, f = 8, k = 5;
const random = seededRandom(5);
const factors = { f, items: Float32Array.from({ length: n * f }, () => random() - 0.5) };
const core = new ScoringCore(
  { n, rowPtr: new Int32Array(n + 1), cols: new Int32Array(0), sims: new Float32Array(0), popOrder: new Int32Array(0), popScores: new Float32Array(n), factors: { ...factors, lambda: 1, cgSteps: 3 } },
  { maxHistory: 50, maxResults: 1 },
);

const caseOf = (items: number[], conf: number[]) => ({ foldItems: Int32Array.from(items), foldConf: Float32Array.from(conf) }) as ValidationCase;

describe("the fit's factor source", () => {
  it("lists the k best unblocked items and scores any item as scoring every item does, scoring every item only when the fold changes", () => {
    let scored = 0;
    const counting = { factorScores: (items: ArrayLike<number>, conf: ArrayLike<number>) => (scored++, core.factorScores(items, conf)) };
    const dense = denseCases(counting, factors, k);
    const blocked = new Uint8Array(n);
    blocked[3] = 1;
    const first = caseOf([3, 40, 41], [2, 1, 1]);
    const full = core.factorScores(first.foldItems, first.foldConf)!.scores.slice();
    const expected = topIndices(full, k, blocked);
    const d = dense(first, 0, blocked)!;
    expect(d.top).toEqual(expected);
    expect(expected.every((j) => j !== 3)).toBe(true);
    for (const j of [0, 40, 123, 299]) expect(d.score(j)).toBeCloseTo(full[j], 5);
    // The same fold again (a setting of the linear model, say): not scored again.
    expect(dense(caseOf([3, 40, 41], [2, 1, 1]), 0, blocked)!.top).toEqual(expected);
    expect(scored).toBe(1);
    // Another fold of that case (a shorter history): scored again, and its own answer.
    const shorter = caseOf([3, 40], [2, 1]);
    const other = core.factorScores(shorter.foldItems, shorter.foldConf)!.scores.slice();
    expect(dense(shorter, 0, blocked)!.top).toEqual(topIndices(other, k, blocked));
    expect(scored).toBe(2);
  });
});
