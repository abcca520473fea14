// Team-draft interleaving, its seeded coin and sticky variant assignment: properties of
// the algorithm checked on generated rankings (fast-check, fixed seed), determinism from a
// seed, and the spread of assignment buckets over 100k synthetic shoppers.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { interleavingCredit, seededRandom, teamDraft, TEAM_A, TEAM_B } from "../server/analytics/interleave.js";
import { assignmentBucket, assignVariant, murmur3_32 } from "../server/analytics/assignment.js";
import { sampleRatioMismatch } from "../server/analytics/stats.js";

const ranking = fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 20 });
const FC = { numRuns: 300, seed: 20260516 };

describe("teamDraft", () => {
  it("takes each team's best item not yet shown, every item once, until k or both run out", () => {
    fc.assert(
      fc.property(ranking, ranking, fc.integer({ min: 0, max: 25 }), fc.integer(), (a, b, k, seed) => {
        const { items, teams } = teamDraft(a, b, k, seededRandom(seed));
        expect(teams.length).toBe(items.length);
        expect(new Set(items).size).toBe(items.length);
        expect(items.length).toBe(Math.min(k, new Set([...a, ...b]).size));
        items.forEach((item, p) => {
          // The definition itself: the picking team's highest-ranked item not in the list so far.
          const shown = new Set(items.slice(0, p));
          const own = teams[p] === TEAM_A ? a : b;
          expect(item).toBe(own.find((x) => !shown.has(x)));
        });
      }),
      FC,
    );
  });

  it("keeps the teams level (within one) while both rankings have items, each in its ranking's order", () => {
    const long = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 12, maxLength: 30 });
    fc.assert(
      fc.property(long, long, fc.integer({ min: 0, max: 12 }), fc.integer(), (a, b, k, seed) => {
        const { items, teams } = teamDraft(a, b, k, seededRandom(seed));
        let balance = 0;
        for (const t of teams) {
          balance += t === TEAM_A ? 1 : -1;
          expect(Math.abs(balance)).toBeLessThanOrEqual(1);
        }
        for (const [team, list] of [[TEAM_A, a], [TEAM_B, b]] as const) {
          const ranks = items.filter((_, p) => teams[p] === team).map((x) => list.indexOf(x));
          expect(ranks.every((r, i) => r >= 0 && (i === 0 || r > ranks[i - 1]))).toBe(true);
        }
      }),
      FC,
    );
  });

  it("fills the list from the other ranking when one runs out", () => {
    const { items, teams } = teamDraft([1], [2, 3, 4, 5], 4, () => 0);
    expect(items).toEqual([1, 2, 3, 4]);
    expect(Array.from(teams)).toEqual([TEAM_A, TEAM_B, TEAM_B, TEAM_B]);
    expect(teamDraft([], [], 5, Math.random).items).toEqual([]);
    expect(teamDraft([1, 2], [3], 0, Math.random).items).toEqual([]);
    expect(() => teamDraft([1], [2], -1, Math.random)).toThrow(RangeError);
  });

  it("is reproducible from a seed and varies between seeds", () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const b = [8, 7, 6, 5, 4, 3, 2, 1];
    const mix = (seed: string) => teamDraft(a, b, 8, seededRandom(seed));
    expect(mix("rec-42")).toEqual(mix("rec-42"));
    const distinct = new Set(Array.from({ length: 50 }, (_, i) => Array.from(mix(`rec-${i}`).teams).join("")));
    expect(distinct.size).toBeGreaterThan(5);
  });

  it("gives identical rankings no edge: each pair of places holds one pick of each team, and clicks split evenly over seeds", () => {
    const list = [5, 9, 2, 7, 1, 3];
    const runs = 10_000;
    let winsA = 0;
    let unpaired = 0;
    let symmetricNotTied = 0;
    for (let i = 0; i < runs; i++) {
      const { items, teams } = teamDraft(list, list, 6, seededRandom(`id-${i}`));
      expect(items).toEqual(list);
      for (let p = 0; p < 6; p += 2) if (teams[p] + teams[p + 1] !== 1) unpaired++;
      // Clicking both places of a pair always ties; a click on the top place goes to whoever won the coin.
      if (interleavingCredit(teams, [0, 1, 4, 5]).outcome !== "tie") symmetricNotTied++;
      if (interleavingCredit(teams, [0]).outcome === "a") winsA++;
    }
    expect([unpaired, symmetricNotTied]).toEqual([0, 0]);
    // Binomial(10000, ½) has sd 50: the bound is 5 sd (the seeds are fixed, so it cannot flake).
    expect(Math.abs(winsA - runs / 2)).toBeLessThan(250);
  });
});

describe("interleavingCredit", () => {
  it("credits clicked positions to the team that picked them, each once, ignoring positions off the list", () => {
    const teams = Uint8Array.of(TEAM_A, TEAM_B, TEAM_B, TEAM_A);
    expect(interleavingCredit(teams, [])).toEqual({ a: 0, b: 0, outcome: "tie" });
    expect(interleavingCredit(teams, [0, 3])).toEqual({ a: 2, b: 0, outcome: "a" });
    expect(interleavingCredit(teams, [1, 1, 1, 0])).toEqual({ a: 1, b: 1, outcome: "tie" });
    expect(interleavingCredit(teams, [2, 1, 0])).toEqual({ a: 1, b: 2, outcome: "b" });
    expect(interleavingCredit(teams, [-1, 4, 1.5, 99, 2])).toEqual({ a: 0, b: 1, outcome: "b" });
  });
});

describe("seededRandom", () => {
  it("repeats its sequence for a seed, stays in [0, 1) and is roughly uniform", () => {
    const take = (r: () => number, n: number) => Array.from({ length: n }, r);
    expect(take(seededRandom("abc"), 5)).toEqual(take(seededRandom("abc"), 5));
    expect(take(seededRandom(42), 5)).toEqual(take(seededRandom("42"), 5));
    expect(take(seededRandom("abc"), 5)).not.toEqual(take(seededRandom("abd"), 5));
    const xs = take(seededRandom("uniform"), 100_000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const bins = new Array(20).fill(0);
    for (const x of xs) bins[Math.floor(x * 20)]++;
    expect(sampleRatioMismatch(bins, new Array(20).fill(1)).mismatch).toBe(false);
  });
});

describe("assignment", () => {
  it("hashes with MurmurHash3 x86_32 (published test vectors)", () => {
    // From the SMHasher / mmh3 test suites.
    expect(murmur3_32("")).toBe(0);
    expect(murmur3_32("", 1)).toBe(0x514e28b7);
    expect(murmur3_32("abc")).toBe(0xb3dd93fa);
    expect(murmur3_32("test")).toBe(0xba6bd213);
    expect(murmur3_32("foo")).toBe(4138058784); // mmh3.hash("foo", signed=False)
    expect(murmur3_32("The quick brown fox jumps over the lazy dog")).toBe(0x2e4ff723);
    expect(murmur3_32("The quick brown fox jumps over the lazy dog", 0x9747b28c)).toBe(0x2fa826cd);
    expect(murmur3_32("ππππππππ", 0x9747b28c)).toBe(0xd58063c1); // UTF-8, not UTF-16
    expect(murmur3_32("aaa", 0x9747b28c)).toBe(0x283e0130);
  });

  const ids = Array.from({ length: 100_000 }, (_, i) => `shopper-${i}`);

  it("is stable: the same shopper and experiment always land in the same bucket", () => {
    expect(assignmentBucket("shopper-7", "exp-1")).toBe(assignmentBucket("shopper-7", "exp-1"));
    expect(assignmentBucket("shopper-7", "exp-1")).toBe(murmur3_32("exp-1:shopper-7") / 2 ** 32);
    expect(assignmentBucket("shopper-7", "exp-1")).not.toBe(assignmentBucket("shopper-7", "exp-2"));
  });

  it("spreads 100k shoppers within ±1 % of the weights", () => {
    for (const weights of [[1, 1], [0.5, 0.3, 0.2], [90, 5, 5], [0, 3, 1]]) {
      const counts = new Array(weights.length).fill(0);
      for (const id of ids) counts[assignVariant(assignmentBucket(id, "exp-spread"), weights)]++;
      const total = weights.reduce((s, w) => s + w, 0);
      counts.forEach((c, i) => expect(Math.abs(c / ids.length - weights[i] / total)).toBeLessThan(0.01));
    }
  });

  it("shuffles shoppers independently in each experiment", () => {
    const x = ids.map((id) => assignmentBucket(id, "exp-1"));
    const y = ids.map((id) => assignmentBucket(id, "exp-2"));
    const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
    const [mx, my] = [mean(x), mean(y)];
    let sxy = 0, sxx = 0, syy = 0;
    x.forEach((xi, i) => {
      sxy += (xi - mx) * (y[i] - my);
      sxx += (xi - mx) ** 2;
      syy += (y[i] - my) ** 2;
    });
    // 1/√n ≈ 0.003 is the spread of a correlation between independent samples of 100k.
    expect(Math.abs(sxy / Math.sqrt(sxx * syy))).toBeLessThan(0.01);
    // Half-and-half in both: each of the four cells holds a quarter.
    const cells = [0, 0, 0, 0];
    x.forEach((xi, i) => cells[assignVariant(xi, [1, 1]) * 2 + assignVariant(y[i], [1, 1])]++);
    expect(sampleRatioMismatch(cells, [1, 1, 1, 1]).mismatch).toBe(false);
    const bins = new Array(100).fill(0);
    for (const b of x) bins[Math.floor(b * 100)]++;
    expect(sampleRatioMismatch(bins, new Array(100).fill(1)).mismatch).toBe(false);
  });

  it("maps a bucket to its weight's slice and never to a zero weight", () => {
    expect([0, 0.2499, 0.25, 0.9999].map((b) => assignVariant(b, [1, 3]))).toEqual([0, 0, 1, 1]);
    expect([0, 0.5, 0.99].map((b) => assignVariant(b, [0, 2, 0]))).toEqual([1, 1, 1]);
    expect(assignVariant(1 - 2 ** -53, [0.1, 0.2, 0.7, 0])).toBe(2);
    expect(() => assignVariant(0.5, [0, 0])).toThrow(RangeError);
    expect(() => assignVariant(0.5, [])).toThrow(RangeError);
    expect(() => assignVariant(0.5, [1, -1])).toThrow(RangeError);
    expect(() => assignVariant(1, [1])).toThrow(RangeError);
  });
});
