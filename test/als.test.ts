import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { alsProblem, trainIals, type AlsProblem } from "../models/ials.js";
import { alsSweep, factorScores, gramPlusRidge, referenceAlsEngine } from "../core-wasm/reference/als.js";
import { instantiate } from "../server/wasm/module.js";
import { wasmAlsEngine } from "../server/wasm/als-engine.js";
import { choleskySolve } from "../models/cholesky.js";
import { UserItemBuilder, type UserItemMatrix } from "../models/user-items.js";

/** A random sparse matrix of users × items with log-strength weights. */
const matrixArb = fc.record({
  users: fc.integer({ min: 1, max: 12 }),
  items: fc.integer({ min: 1, max: 15 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
}).chain(({ users, items, seed }) =>
  fc.record({
    seed: fc.constant(seed),
    rows: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: items - 1 }), { maxLength: items }), { minLength: users, maxLength: users }),
    items: fc.constant(items),
  }),
);

function toMatrix(c: { rows: number[][]; items: number }): UserItemMatrix {
  const b = new UserItemBuilder({ numItems: c.items, weightsByCode: Float64Array.from([0, 1, 1, 1, 1, 1, 1, 1]), maxUserItems: 100 });
  c.rows.forEach((row, u) => row.forEach((i, t) => b.add(u, i, 1 + (t % 3), null, t)));
  return b.build();
}

const close = (a: Float32Array, b: Float32Array) => {
  const scale = Math.max(1e-3, ...Array.from(b, Math.abs));
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-3 * scale));
};

describe("ALS kernels", () => {
  it("WASM factorScores (rows read from four quarters at once) equals the reference for every n", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 41 }), fc.integer({ min: 1, max: 6 }).map((q) => 4 * q), fc.integer({ min: 1, max: 1e6 }), (n, f, seed) => {
        // Multiples of 1/8: every sum is exact, whatever its order.
        const values = (len: number, s: number) => Float32Array.from({ length: len }, (_, i) => (((i * 7919 + s) % 17) - 8) / 8);
        const y = values(n * f, seed), x = values(f, seed + 1);
        const { core, ptr } = instantiate({ y: n * f * 4, x: f * 4, out: n * 4 });
        new Float32Array(core.memory.buffer, ptr.y, n * f).set(y);
        new Float32Array(core.memory.buffer, ptr.x, f).set(x);
        core.factorScores(ptr.y, n, f, ptr.x, 0.5, ptr.out);
        expect(Array.from(new Float32Array(core.memory.buffer, ptr.out, n))).toEqual(Array.from(factorScores(y, n, f, x, 0.5)));
      }),
      { numRuns: 100, seed: 20261125 },
    );
  });

  it("WASM sweeps match the reference sweeps", () => {
    fc.assert(
      fc.property(matrixArb, (c) => {
        const params = { factors: 8, iterations: 2, alpha: 5, lambda: 0.5, cgSteps: 3, seed: c.seed };
        const m = toMatrix(c);
        const ref = referenceAlsEngine(alsProblem(m, params));
        const wasm = wasmAlsEngine(alsProblem(m, params));
        for (let it = 0; it < 2; it++) {
          for (const e of [ref, wasm]) {
            e.sweepUsers();
            e.sweepItems();
          }
        }
        close(wasm.read().userFactors, ref.read().userFactors);
        close(wasm.read().itemFactors, ref.read().itemFactors);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it("conjugate gradient converges to the exact solution of a row's system", () => {
    const m = toMatrix({ rows: [[0, 2, 3], [1, 2], [0, 1, 3]], items: 4 });
    const p: AlsProblem = alsProblem(m, { factors: 4, iterations: 1, alpha: 3, lambda: 0.7, cgSteps: 50, seed: 3 });
    const f = 4;
    const x = new Float32Array(p.users.rows * f);
    alsSweep(p.users.rows, p.users.rowPtr, p.users.cols, p.users.conf, p.itemFactors, p.items.rows, x, f, p.lambda, 50);
    // Exact: (YᵀY + λI + Σ (c−1) y yᵀ) x_0 = Σ c y for user 0.
    const g = gramPlusRidge(p.itemFactors, p.items.rows, f, p.lambda);
    const a = Float64Array.from(g);
    const b = new Float64Array(f);
    for (let q = p.users.rowPtr[0]; q < p.users.rowPtr[1]; q++) {
      const j = p.users.cols[q], c = p.users.conf[q];
      for (let r = 0; r < f; r++) {
        b[r] += c * p.itemFactors[j * f + r];
        for (let s = 0; s < f; s++) a[r * f + s] += (c - 1) * p.itemFactors[j * f + r] * p.itemFactors[j * f + s];
      }
    }
    expect(choleskySolve(a, b, f)).toBe(true);
    b.forEach((v, r) => expect(x[r]).toBeCloseTo(v, 4));
  });

  it("learns that items bought together belong together", () => {
    // Two groups of shoppers buying within two groups of items.
    const rows = Array.from({ length: 40 }, (_, u) => (u < 20 ? [0, 1, 2, 3] : [4, 5, 6, 7]).filter((i) => (u + i) % 4 !== 0));
    const { f, items } = trainIals(toMatrix({ rows, items: 8 }), { factors: 8, iterations: 8, alpha: 10, lambda: 0.1, cgSteps: 3, seed: 1 }, wasmAlsEngine);
    const sim = (a: number, b: number) => {
      let s = 0;
      for (let r = 0; r < f; r++) s += items[a * f + r] * items[b * f + r];
      return s;
    };
    expect(sim(0, 1)).toBeGreaterThan(sim(0, 5));
    expect(sim(4, 6)).toBeGreaterThan(sim(4, 2));
  });
});
