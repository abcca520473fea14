// The experiment report's ratio metrics: delta-method variance over shoppers and Welch's
// t over them, checked against a computation by hand (numpy/scipy), and against the
// binomial case it reduces to when every shopper has one list.
import { describe, expect, it } from "vitest";
import { compareRatios, estimate, RatioSums } from "../server/analytics/experiments/ratio.js";
import { compareRates } from "../server/analytics/stats.js";

const sums = (y: number[], x: number[]) => {
  const s = new RatioSums();
  y.forEach((v, i) => s.add(v, x[i]));
  return s;
};

describe("ratio metrics", () => {
  it("match the delta method and Welch's t computed with numpy and scipy", () => {
    // python: R = y.sum()/x.sum(); var = (var(y) − 2R cov(x, y) + R² var(x)) / (n mean(x)²), ddof=1
    const a = sums([1, 0, 2, 0, 1, 3, 0, 1], [2, 1, 3, 1, 1, 4, 2, 2]);
    const b = sums([2, 1, 2, 1, 3, 0, 2], [2, 2, 3, 1, 3, 1, 2]);
    expect(a.value).toBe(0.5);
    expect(a.variance).toBeCloseTo(0.01339285714285714, 14);
    expect(b.value).toBeCloseTo(0.7857142857142857, 14);
    expect(b.variance).toBeCloseTo(0.011297376093294467, 14);
    const c = compareRatios(a, b);
    expect(c.difference).toBeCloseTo(0.2857142857142857, 14);
    expect(c.relative_lift).toBeCloseTo(0.2857142857142857 / 0.5, 14);
    // scipy: df = (va + vb)² / (va²/(na − 1) + vb²/(nb − 1)) = 12.9992; d ± t.ppf(0.975, df)·se; 2·t.sf(|d/se|, df)
    expect(c.ci![0]).toBeCloseTo(-0.05374935857485147, 10);
    expect(c.ci![1]).toBeCloseTo(0.6251779300034228, 10);
    expect(c.p_value).toBeCloseTo(0.09212353893210404, 10);
    // One arm: R ± t.ppf(0.975, n − 1)·√var.
    expect(estimate(a).ci![0]).toBeCloseTo(0.22634791743322175, 10);
    expect(estimate(a).ci![1]).toBeCloseTo(0.7736520825667783, 10);
  });

  it("reduce to the binomial interval of a rate when each shopper has one list", () => {
    const bernoulli = (k: number, n: number) => sums(Array.from({ length: n }, (_, i) => (i < k ? 1 : 0)), new Array(n).fill(1));
    const [a, b] = [bernoulli(30, 200), bernoulli(45, 180)];
    const viaRates = compareRates({ successes: 30, n: 200 }, { successes: 45, n: 180 });
    const c = compareRatios(a, b);
    expect(c.difference).toBeCloseTo(viaRates.difference, 12);
    // Unpooled: p(1 − p)/(n − 1) against p(1 − p)/n, t against z: equal to within that.
    expect(c.ci![0]).toBeCloseTo(viaRates.ci[0], 2);
    expect(c.ci![1]).toBeCloseTo(viaRates.ci[1], 2);
    expect(estimate(a, 1000).value).toBe(150);
  });

  it("say nothing rather than something wrong with too little data", () => {
    expect(estimate(new RatioSums())).toEqual({ value: null, ci: null });
    const one = sums([1], [2]);
    expect(estimate(one)).toEqual({ value: 0.5, ci: null });
    expect(compareRatios(one, sums([1, 0], [1, 1]))).toMatchObject({ difference: 0, p_value: null, ci: null });
  });
});
