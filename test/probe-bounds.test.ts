// The kernel's probed scores with bounds (core-wasm/probes.ts): each probe's score exact or
// as an upper bound, those that may reach the list listed, exact scores on asking, and the
// scratch restored after; on the random cases of score-cases.ts, against the exact probes.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { byItem, factorCase, factorCases, modelArb, requestOf } from "./score-cases.js";

describe.each(factorCases)("scoreHistory with bounds, WASM ($build, $precision)", ({ build, precision }) => {
  it("with bounds, gives each probe's score exactly or as a bound above it, lists those that may reach the list, gives exact scores on asking, and restores its scratch", () => {
    let bounded = 0;
    fc.assert(
      fc.property(modelArb, (c) => {
        const { user, core } = factorCase(c, precision, build);
        const { histItems, histWeights, exclude } = requestOf(c, core);
        const candidates = Int32Array.from(c.factors.candidates);
        const probes = Int32Array.from(c.probes.slice(0, c.n));
        const req = { histItems, histWeights, exclude, popBlend: c.popBlend, k: c.k, probes };
        core.setFactorCandidates(user, candidates, c.factors.weight);
        const exact = core.score(req);
        const want = new Map(byItem(exact.probed!));
        core.setFactorCandidates(user, candidates, c.factors.weight);
        let dense: Float32Array = new Float32Array(0);
        const got = core.scoreBounded(req, (list, { followed, scoreOf }, exactOf) => {
          dense = scoreOf;
          return { list, followed: byItem(followed), scoreOf: Array.from(scoreOf), asked: Array.from(exactOf(probes)) };
        });
        expect(Array.from(got.list.items)).toEqual(Array.from(exact.items));
        expect(Array.from(got.list.scores)).toEqual(Array.from(exact.scores));
        // Every probe's score by item: exact, or minus a bound at or above it; 0 for none.
        for (const j of new Set(probes)) {
          if (j < 0 || j >= c.n) continue;
          const s = got.scoreOf[j];
          if (s >= 0) expect(s).toBe(want.get(j) ?? 0);
          else expect(-s).toBeGreaterThanOrEqual(want.get(j) ?? 0);
          bounded += s < 0 ? 1 : 0;
        }
        // Listed: exact, and every one that may reach the list's last score.
        for (const [j, s] of got.followed) expect(s).toBe(want.get(j));
        const last = got.list.items.length === c.k ? got.list.scores[c.k - 1] : -Infinity;
        for (const [j, s] of want) if (!got.followed.some(([i]) => i === j)) expect(s).toBeLessThan(last);
        expect(got.asked).toEqual(Array.from(probes, (j) => want.get(j) ?? 0));
        expect(dense.every((v) => v === 0)).toBe(true);
        core.setFactorCandidates(user, candidates, c.factors.weight);
        expect(byItem(core.score(req).probed!)).toEqual(byItem(exact.probed!));
      }),
      { numRuns: 300, seed: 20261203 },
    );
    expect(bounded).toBeGreaterThan(0);
  });
});
