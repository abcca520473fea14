// The random cases the scoring kernel is checked on against its reference
// (score-history.test.ts) and with bounds (probe-bounds.test.ts): small models and
// requests whose sums are exact binary fractions, so that ties happen and every order of
// summing agrees.
import fc from "fast-check";
import { ScoringCore, type ItemBoosts, type ScoringModel } from "../server/wasm/scoring-core.js";
import type { WasmBuild } from "../server/wasm/module.js";

/** A random model: n items, each with up to 6 neighbours of small positive or zero similarity. */
export const modelArb = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    rows: fc.array(
      fc.array(fc.record({ j: fc.integer({ min: 0, max: n - 1 }), s: fc.integer({ min: 0, max: 8 }) }), { maxLength: 6 }),
      { minLength: n, maxLength: n },
    ),
    pop: fc.shuffledSubarray([...Array(n).keys()]),
    unavailable: fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }),
    hist: fc.array(fc.record({ i: fc.integer({ min: -2, max: n + 2 }), w: fc.integer({ min: 1, max: 4 }) }), { maxLength: 12 }),
    exclude: fc.array(fc.integer({ min: -1, max: n + 1 }), { maxLength: 6 }),
    k: fc.integer({ min: 0, max: 12 }),
    // Items whose own score is asked for, listed or not (cold items are scored from them).
    probes: fc.array(fc.integer({ min: -1, max: 45 }), { maxLength: 8 }),
    popBlend: fc.constantFrom(0, 0.25, 1, 3),
    dense: fc.option(fc.array(fc.integer({ min: -4, max: 8 }), { minLength: 45, maxLength: 45 })),
    // Rules' boosts: mostly the identity, some multiplied (buried or boosted), some added to.
    boosts: fc.option(fc.array(fc.record({ mul: fc.constantFrom(1, 1, 1, 0, 0.5, 2), add: fc.constantFrom(0, 0, 0, -1, 0.5, 3) }), { minLength: 45, maxLength: 45 })),
    // A promotion: the items it matches and how many of its best to list apart.
    promotion: fc.option(fc.record({ matches: fc.array(fc.boolean(), { minLength: 45, maxLength: 45 }), k: fc.integer({ min: 0, max: 6 }) })),
    // Factor candidates: multiples of 1/8, so every sum is exact whatever its order.
    factors: fc.record({
      items: fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 45 * 4, maxLength: 45 * 4 }),
      user: fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 4, maxLength: 4 }),
      weight: fc.constantFrom(0.5, 1, 2),
      candidates: fc.array(fc.integer({ min: -1, max: 45 }), { maxLength: 10 }),
    }),
  }),
);

export function toModel(c: { n: number; rows: { j: number; s: number }[][]; pop: number[] }): ScoringModel {
  const rowPtr = new Int32Array(c.n + 1);
  const cols: number[] = [];
  const sims: number[] = [];
  c.rows.forEach((row, i) => {
    const seen = new Set<number>();
    for (const { j, s } of row) {
      if (j === i || seen.has(j)) continue;
      seen.add(j);
      cols.push(j);
      sims.push(s / 8); // exact binary fractions make ties likely, exercising tie-breaks
    }
    rowPtr[i + 1] = cols.length;
  });
  const popScores = new Float32Array(c.n);
  c.pop.forEach((j, r) => (popScores[j] = c.pop.length - r));
  return { n: c.n, rowPtr, cols: Int32Array.from(cols), sims: Float32Array.from(sims), popOrder: Int32Array.from(c.pop), popScores };
}

/** The case's boosts as the core takes them (the reference reads only mul and add). */
export function boostsOf(c: { n: number; boosts: { mul: number; add: number }[] | null }): ItemBoosts | undefined {
  if (!c.boosts) return undefined;
  const b = c.boosts.slice(0, c.n);
  const items = [...b.keys()].filter((j) => b[j].mul !== 1 || b[j].add !== 0);
  return { mul: Float32Array.from(b, (x) => x.mul), add: Float32Array.from(b, (x) => x.add), items: Int32Array.from(items) };
}

/** The case's promotion as both take it. */
export function promotionOf(c: { n: number; promotion: { matches: boolean[]; k: number } | null }) {
  return c.promotion ? { matches: Uint8Array.from(c.promotion.matches.slice(0, c.n), (m) => (m ? 1 : 0)), k: c.promotion.k } : undefined;
}

/** Probed items and their scores, in item order (the kernel reports them in its own order). */
export function byItem(p: { items: Int32Array; scores: Float32Array }): [number, number][] {
  return Array.from(p.items, (j, q): [number, number] => [j, p.scores[q]]).sort(([a], [b]) => a - b);
}

/** The case's request arrays, with its unavailable items masked in the core too. */
export function requestOf(c: { n: number; unavailable: number[]; hist: { i: number; w: number }[]; exclude: number[] }, core: ScoringCore) {
  const mask = new Uint8Array(c.n);
  for (const j of c.unavailable) {
    mask[j] = 1;
    core.setUnavailable(j, true);
  }
  return {
    mask,
    histItems: Int32Array.from(c.hist.map((h) => h.i)),
    histWeights: Float32Array.from(c.hist.map((h) => h.w / 2)),
    exclude: Int32Array.from(c.exclude),
  };
}

export const factorCases = (["release", "debug"] as const).flatMap((build) => (["float32", "int8"] as const).map((precision) => ({ build, precision })));

/** A case's model with 4 factors (multiples of 1/8), the shopper's factor, and a core whose candidates come from its own (fixed) list. */
export function factorCase(c: { n: number; rows: { j: number; s: number }[][]; pop: number[]; factors: { items: number[]; user: number[] } }, precision: "float32" | "int8", build: WasmBuild) {
  const f = 4;
  const items = Float32Array.from(c.factors.items.slice(0, c.n * f), (v) => v / 8);
  const user = Float32Array.from(c.factors.user, (v) => v / 8);
  const model = { ...toModel(c), factors: { f, items, lambda: 1, cgSteps: 1, precision } };
  const core = new ScoringCore(model, { maxHistory: 16, maxResults: 16 }, build, { count: 10, search: () => ({ labels: new Int32Array(0) }) });
  return { f, items, user, model, core };
}
