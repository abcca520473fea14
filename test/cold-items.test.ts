// Cold items' scores and reasons: a reason names the shopper's own item that contributes
// most, or none (new_item) when no item of theirs is among the ones it is scored from. The
// typed-array scorer and the top-k merge give what the plain form (a map of every cold
// item reached, all sorted) gives, on random catalogues.
import { describe, expect, it } from "vitest";
import { ColdItems, type ColdScores } from "../server/content/cold-items.js";
import { withColdItems } from "../server/serving/cold-merge.js";
import { REASON_NEW_ITEM } from "../core-wasm/shared/reason-codes.js";
import { seededRandom } from "../models/random.js";

// Items 0–2 are known; 3 is cold, its text nearest to 0 (similarity 0.6) and 1 (0.2).
const content = {
  n: 4,
  rowPtr: Int32Array.from([0, 0, 0, 0, 2]),
  cols: Int32Array.from([0, 1]),
  sims: Float32Array.from([0.6, 0.2]),
};
const cold = new ColdItems(content, (j) => j === 3);
const known = { items: Int32Array.from([0, 1, 2]), scores: Float32Array.from([2, 1, 5]) };
/** The probes as ScoringCore.scoreBounded gives them: each score by item, all of them listed. */
const probesOf = (known: { items: Int32Array; scores: Float32Array }, n: number) => {
  const scoreOf = new Float32Array(n);
  known.items.forEach((h, q) => (scoreOf[h] = known.scores[q]));
  return { followed: known, scoreOf };
};
const of = (s: ColdScores, item: number) => {
  const at = Array.from(s.items).indexOf(item);
  return at < 0 ? undefined : { score: s.scores[at], because: s.because[at] };
};

describe("cold items", () => {
  it("are scored as the similarity-weighted mean of the request's scores of their nearest known items", () => {
    expect(of(cold.scores(probesOf(known, 4), new Set([0])), 3)?.score).toBeCloseTo(0.75 * 2 + 0.25 * 1, 6);
  });

  it("name the shopper's own item contributing most, never another", () => {
    expect(of(cold.scores(probesOf(known, 4), new Set([0, 1])), 3)?.because).toBe(0);
    // Item 0 contributes more, but only item 1 is the shopper's.
    expect(of(cold.scores(probesOf(known, 4), new Set([1, 2])), 3)?.because).toBe(1);
    expect(of(cold.scores(probesOf(known, 4), new Set([2])), 3)?.because).toBe(REASON_NEW_ITEM);
  });

  it("give the plain form's scores, reasons and merged lists, after items are set again", () => {
    const random = seededRandom(5);
    const n = 400;
    const isCold = (j: number) => j % 3 === 0;
    const rows: number[][] = Array.from({ length: n }, () => Array.from({ length: 6 }, () => Math.floor(random() * n)).filter((h) => !isCold(h)));
    // Similarities and scores on a coarse grid, so that ties (of contributions, of scores) happen.
    const sims = rows.map((r) => r.map(() => Math.floor(random() * 4) / 4));
    const rowPtr = Int32Array.from([0, ...rows.map((_, j) => rows.slice(0, j + 1).reduce((s, r) => s + r.length, 0))]);
    const scorer = new ColdItems({ n, rowPtr, cols: Int32Array.from(rows.flat()), sims: Float32Array.from(sims.flat()) }, isCold);
    const reference = new PlainCold();
    rows.forEach((r, j) => isCold(j) && reference.set(j, r, sims[j].map(Math.fround)));
    // A new product's text arrives after load (recommender.ts sets it), and an item's again.
    for (const [item, nearest] of [[n + 7, [1, 2, 4]], [3, [5, 7]]] as const) {
      const s = nearest.map(() => random());
      scorer.set(item, nearest, s);
      reference.set(item, nearest, s);
    }
    let [followed, all, asked, bounds] = [0, 0, 0, 0];
    for (let trial = 0; trial < 50; trial++) {
      const probed = Array.from(scorer.sources()).filter(() => random() < 0.5);
      const known = { items: Int32Array.from(probed), scores: Float32Array.from(probed, () => [0, 0.5, 1, 2][Math.floor(random() * 4)]) };
      const history = new Set(probed.filter(() => random() < 0.3));
      const got = scorer.scores(probesOf(known, n), history);
      const want = reference.scores(known, history);
      expect(got.items.length).toBe(want.size);
      for (let c = 0; c < got.items.length; c++) expect({ score: got.scores[c], because: got.because[c] }).toEqual(want.get(got.items[c]));
      const excluded = new Set(probed.slice(0, 30));
      const skip = (j: number) => excluded.has(j);
      const k = 1 + (trial % 12);
      // The kernel's list: k items when trial is even (the cold items then need to reach its last score), fewer when odd.
      const length = trial % 2 === 0 ? k : Math.floor(k / 2);
      const listed = { items: Int32Array.from({ length }, (_, r) => 2 * n + r), scores: Float32Array.from({ length }, (_, r) => [2, 2, 1.5][Math.min(r, 2)]), reasons: new Int32Array(length) };
      const plain = plainMerge(listed, want, excluded, k);
      expect(withColdItems(listed, got, skip, k)).toEqual(plain);
      // With the list's last score as the floor, fewer cold items, the same merged list.
      const floor = length === k ? listed.scores[k - 1] : -Infinity;
      const some = scorer.scores(probesOf(known, n), history, floor);
      expect(some.items.length).toBeLessThanOrEqual(got.items.length);
      [followed, all] = [followed + some.items.length, all + got.items.length];
      // As the kernel gives them with bounds: scores below the floor as minus a bound at or above them, the exact ones on asking.
      const exactOf = new Map(Array.from(known.items, (h, q) => [h, known.scores[q]]));
      const withBounds = { items: known.items, scores: Float32Array.from(known.scores, (r) => (r < floor ? -(r + [0, 0.25, 1][Math.floor(random() * 3)]) : r)) };
      const viaBounds = scorer.scores(probesOf(withBounds, n), history, floor, (items) => {
        asked += items.length;
        return Float32Array.from(items, (h) => exactOf.get(h) ?? 0);
      });
      bounds += withBounds.scores.filter((r) => r < 0).length;
      expect(withColdItems(listed, viaBounds, skip, k)).toEqual(plain);
      expect(withColdItems(listed, some, skip, k)).toEqual(plain);
    }
    expect(followed).toBeLessThan(0.8 * all);
    expect(asked).toBeLessThan(bounds);
    expect(asked).toBeGreaterThan(0);
  });
});

/** The plain form: each cold item's nearest known items and shares; a cold item is reached when one of them has a positive score. */
class PlainCold {
  private readonly nearest = new Map<number, { h: number; share: number }[]>();

  set(item: number, nearest: ArrayLike<number>, sims: ArrayLike<number>): void {
    this.nearest.delete(item);
    let total = 0;
    for (let r = 0; r < nearest.length; r++) if (sims[r] > 0) total += sims[r];
    if (total === 0) return;
    this.nearest.set(item, Array.from(nearest, (h, r) => ({ h, share: sims[r] / total })).filter((_, r) => sims[r] > 0));
  }

  scores(known: { items: Int32Array; scores: Float32Array }, history: ReadonlySet<number>): Map<number, { score: number; because: number }> {
    const scoreOf = new Map(Array.from(known.items, (h, q) => [h, known.scores[q]] as const).filter(([, r]) => r > 0));
    const out = new Map<number, { score: number; because: number }>();
    for (const [item, sources] of this.nearest) {
      if (!sources.some(({ h }) => scoreOf.has(h))) continue;
      let [score, best, because] = [0, 0, REASON_NEW_ITEM];
      for (const { h, share } of sources) {
        const c = share * (scoreOf.get(h) ?? 0);
        score += c;
        if (history.has(h) && c > best) [best, because] = [c, h];
      }
      out.set(item, { score, because });
    }
    return out;
  }
}

/** Every cold item not excluded, sorted, merged with the list by score. */
function plainMerge(scored: { items: Int32Array; scores: Float32Array; reasons: Int32Array }, cold: Map<number, { score: number; because: number }>, excluded: Set<number>, k: number) {
  const extra = [...cold].filter(([item]) => !excluded.has(item)).sort(([ia, a], [ib, b]) => b.score - a.score || ia - ib);
  const out = { items: [] as number[], scores: [] as number[], reasons: [] as number[] };
  for (let r = 0, c = 0; out.items.length < k; ) {
    const listed = r < scored.items.length;
    if (c < extra.length && (!listed || extra[c][1].score > scored.scores[r] || (extra[c][1].score === scored.scores[r] && extra[c][0] < scored.items[r]))) {
      const [item, s] = extra[c++];
      out.items.push(item); out.scores.push(s.score); out.reasons.push(s.because);
    } else if (listed) {
      out.items.push(scored.items[r]); out.scores.push(scored.scores[r]); out.reasons.push(scored.reasons[r++]);
    } else break;
  }
  return { items: Int32Array.from(out.items), scores: Float32Array.from(out.scores), reasons: Int32Array.from(out.reasons) };
}
