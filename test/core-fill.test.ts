// A scoring core whose model arrays were written a slice at a time (server/wasm/core-fill.ts,
// a serving process's model switch) scores exactly as one written at once.
import { describe, expect, it } from "vitest";
import { ScoringCore, type ScoringModel } from "../server/wasm/scoring-core.js";
import { filledArena } from "../server/wasm/core-fill.js";
import { seededRandom } from "../models/random.js";

/** n items, each with `per` neighbours, and f factors: arrays of several slices. */
function bigModel(n: number, per: number, f: number): ScoringModel {
  const random = seededRandom(3);
  const rowPtr = Int32Array.from({ length: n + 1 }, (_, i) => i * per);
  const cols = Int32Array.from({ length: n * per }, () => Math.floor(random() * n));
  const sims = Float32Array.from({ length: n * per }, () => random());
  const popScores = Float32Array.from({ length: n }, () => random());
  const popOrder = Int32Array.from([...popScores.keys()].sort((a, b) => popScores[b] - popScores[a]));
  const items = Float32Array.from({ length: n * f }, () => random() - 0.5);
  return { n, rowPtr, cols, sims, popOrder, popScores, factors: { f, items, lambda: 0.1, cgSteps: 3, precision: "float32" } };
}

describe("a scoring core filled in slices", () => {
  it("scores and folds in as one filled at once, having paused between slices", async () => {
    const model = bigModel(6000, 100, 16);
    const limits = { maxHistory: 8, maxResults: 20 };
    const atOnce = new ScoringCore(model, limits);
    let pauses = 0;
    const arena = await filledArena(model, limits, "release", undefined, async () => void pauses++);
    const sliced = new ScoringCore(model, limits, "release", undefined, arena);
    expect(pauses).toBeGreaterThanOrEqual(6);
    for (const history of [[1, 2, 3], [5999], [17, 400, 4000, 5000]]) {
      const req = { histItems: history, histWeights: history.map(() => 1), exclude: [], popBlend: 0.1, k: 20 };
      const lists = [atOnce, sliced].map((core) => {
        expect(core.foldIn(history, history.map(() => 2), 0.5)).toBe(true);
        const { items, scores } = core.score(req);
        return { items: Array.from(items), scores: Array.from(scores) };
      });
      expect(lists[1]).toEqual(lists[0]);
      expect(lists[0].items).toHaveLength(20);
    }
  });

  it("names the same reasons from the matrix by column, written in slices too", async () => {
    // Rows of 200 entries: the core keeps the columns (matrix-columns.ts), and three listed items'
    // columns are a cheaper read than eight history rows.
    const model = bigModel(6000, 200, 16);
    const limits = { maxHistory: 8, maxResults: 20 };
    const atOnce = new ScoringCore(model, limits);
    const sliced = new ScoringCore(model, limits, "release", undefined, await filledArena(model, limits, "release", undefined, async () => {}));
    const history = [3, 70, 900, 1200, 2500, 3100, 4444, 5999];
    const req = { histItems: history, histWeights: [8, 1, 2, 1, 4, 1, 2, 1], exclude: [], popBlend: 0, k: 3 };
    const [a, b] = [atOnce, sliced].map((core) => core.score(req));
    expect(Array.from(b.reasons)).toEqual(Array.from(a.reasons));
    expect(Array.from(a.reasons).every((r) => history.includes(r))).toBe(true);
  });
});
