import { describe, expect, it } from "vitest";
import { MetricsAccumulator, scoreList } from "../models/metrics.js";

describe("ranking metrics", () => {
  it("computes recall, NDCG and hit on a hand-worked list", () => {
    // Hits at ranks 1 and 3 of 4 shown; 3 relevant items, k = 4.
    // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG over min(4, 3) = 3: 1 + 1/log2(3) + 1/2 = 2.1309...
    const s = scoreList(["a", "x", "b", "y"], new Set(["a", "b", "c"]), 4);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    expect(s.ndcg).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3) + 0.5), 12);
    expect(s.hit).toBe(true);
  });

  it("caps the denominators at k", () => {
    // 30 relevant, k = 2, both shown are hits: recall and NDCG are 1.
    const relevant = new Set(Array.from({ length: 30 }, (_, i) => i));
    expect(scoreList([0, 1, 99], relevant, 2)).toEqual({ recall: 1, ndcg: 1, hit: true });
  });

  it("scores a miss as zero and ignores items past k", () => {
    expect(scoreList(["x", "y", "a"], new Set(["a"]), 2)).toEqual({ recall: 0, ndcg: 0, hit: false });
  });

  it("averages over shoppers and measures coverage over the catalogue", () => {
    const acc = new MetricsAccumulator<string>(2, 10);
    acc.add(["a", "b"], new Set(["a"])); // recall 1, ndcg 1
    acc.add(["a", "c"], new Set(["z"])); // 0
    const m = acc.result();
    expect(m).toEqual({ users: 2, recall: 0.5, ndcg: 0.5, hitRate: 0.5, coverage: 0.3 });
  });
});
