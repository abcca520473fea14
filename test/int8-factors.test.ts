import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { instantiate } from "../server/wasm/module.js";
import { int8RowNorms, int8Score, int8Stride, quantizeQuery, quantizeRows } from "../models/int8-factors.js";
import { factorScores } from "../core-wasm/reference/als.js";
import { seededRandom } from "../models/random.js";

const randomFactors = (n: number, f: number, seed: number) => {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n * f }, () => (random() - 0.5) * (random() < 0.1 ? 8 : 1));
};

describe("int8 item factors", () => {
  it("keeps every value within half a step of its row's scale, and zero rows zero", () => {
    const f = 20;
    const items = randomFactors(50, f, 3);
    items.fill(0, 7 * f, 8 * f);
    const rows = quantizeRows(items, 50, f);
    expect(rows.stride).toBe(32);
    expect(rows.scales[7]).toBe(0);
    for (let j = 0; j < 50; j++) {
      for (let i = 0; i < f; i++) {
        expect(Math.abs(rows.codes[j * rows.stride + i])).toBeLessThanOrEqual(127);
        expect(Math.abs(rows.scales[j] * rows.codes[j * rows.stride + i] - items[j * f + i])).toBeLessThanOrEqual(rows.scales[j] / 2 + 1e-7);
      }
      for (let i = f; i < rows.stride; i++) expect(rows.codes[j * rows.stride + i]).toBe(0);
    }
    const norms = int8RowNorms(rows);
    expect(norms[7]).toBe(0);
    expect(Math.abs(norms[0] - Math.hypot(...items.subarray(0, f)))).toBeLessThan(0.01 * norms[0]);
  });

  it("scores within 1% of the float32 scores' range", () => {
    const n = 2000, f = 64;
    const items = randomFactors(n, f, 5);
    const x = randomFactors(1, f, 6);
    const rows = quantizeRows(items, n, f);
    const query = quantizeQuery(x, f, new Int16Array(rows.stride));
    const exact = factorScores(items, n, f, x, 1);
    const range = Math.max(...exact) - Math.min(...exact);
    for (let j = 0; j < n; j++) expect(Math.abs(int8Score(rows, j, query, 1) - exact[j])).toBeLessThan(0.01 * range);
  });

  it("WASM factorScoresI8 equals the reference to the bit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }).map((q) => 4 * q), fc.integer({ min: 1, max: 1e6 }), (n, f, seed) => {
        const items = randomFactors(n, f, seed);
        const x = randomFactors(1, f, seed + 1);
        const rows = quantizeRows(items, n, f);
        const { core, ptr } = instantiate({ codes: n * rows.stride, scales: n * 4, query: rows.stride * 2, out: n * 4 });
        new Int8Array(core.memory.buffer, ptr.codes, n * rows.stride).set(rows.codes);
        new Float32Array(core.memory.buffer, ptr.scales, n).set(rows.scales);
        const query = quantizeQuery(x, f, new Int16Array(core.memory.buffer, ptr.query, int8Stride(f)));
        core.factorScoresI8(ptr.codes, ptr.scales, n, rows.stride, ptr.query, query.scale, 0.5, ptr.out);
        const got = new Float32Array(core.memory.buffer, ptr.out, n);
        expect(Array.from(got)).toEqual(Array.from({ length: n }, (_, j) => int8Score(rows, j, query, 0.5)));
      }),
      { numRuns: 100, seed: 20261123 },
    );
  });
});
