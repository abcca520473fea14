// Shopper-value models against known values: scipy/mpmath references computed by
// test/clv-reference.py (formulas written out independently), and parameter recovery
// from shoppers simulated with known parameters.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bgNbdLogLikelihood, churnRisk, DAY_MS, expectedPurchases, expectedSpend, fitBgNbd, fitGammaGamma,
  gammaGammaLogLikelihood, lifetimeValue, probabilityAlive, summarise, type PurchaseSummary,
} from "../models/clv.js";
import { hyp2f1, hyp2f1Tail, lnGamma } from "../models/special-functions.js";
import { simulateShoppers } from "../models/clv-simulate.js";

const REF = JSON.parse(readFileSync(new URL("./clv-reference.json", import.meta.url), "utf8"));

/** The hand-made shoppers of clv-reference.py: (x, tₓ, T, monetary). */
const SHOPPERS: PurchaseSummary[] = [
  [0, 0, 30, 0], [0, 0, 200, 0], [1, 20, 60, 35.5], [3, 100, 120, 12.0],
  [3, 20, 300, 80.25], [12, 280, 300, 22.1], [60, 350, 365, 15.0], [2, 5, 5, 9.99], [400, 360, 365, 5.0],
].map(([frequency, recency, age, monetary]) => ({ frequency, recency, age, monetary }));

const close = (actual: number, expected: number, relative = 1e-10) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));

describe("special functions", () => {
  it("lnGamma matches scipy's gammaln", () => {
    for (const [x, expected] of Object.entries(REF.lnGamma as Record<string, number>)) close(lnGamma(Number(x)), expected, 1e-13);
  });

  it("hyp2f1 matches scipy, and its tail stays exact for a tiny b", () => {
    for (const [a, b, c, z, expected] of REF.hyp2f1 as number[][]) close(hyp2f1(a, b, c, z), expected, 1e-12);
    const [a, b, c, z, tail] = REF.hyp2f1Tail as number[];
    close(hyp2f1Tail(a, b, c, z), tail, 1e-12);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe("BG/NBD against the reference", () => {
  for (const ref of REF.bg) {
    describe(`r=${ref.params.r} α=${ref.params.alpha} a=${ref.params.a} b=${ref.params.b}`, () => {
      it("gives the log-likelihood", () => close(bgNbdLogLikelihood(ref.params, SHOPPERS), ref.logLikelihood, 1e-12));

      it("gives P(alive), the expected purchases and the churn risk", () => {
        SHOPPERS.forEach((c, i) => {
          close(probabilityAlive(ref.params, c), ref.pAlive[i], 1e-12);
          for (const days of [30, 90, 365, 3650]) close(expectedPurchases(ref.params, c, days), ref.expected[days][i], 1e-9);
          close(churnRisk(ref.params, c, 90), ref.churn90[i], 1e-12);
        });
      });
    });
  }

  it("is continuous through a = 1, where the paper's formula is 0/0", () => {
    const at = (a: number) => expectedPurchases({ r: 0.9, alpha: 50, a, b: 3 }, SHOPPERS[5], 90);
    close(at(1 - 1e-12), at(1), 1e-9);
    close(at(1 + 1e-12), at(1), 1e-9);
  });

  it("counts the same shoppers the same whatever their order and duplication", () => {
    const params = REF.bg[0].params;
    const twice = [...SHOPPERS, ...[...SHOPPERS].reverse()];
    close(bgNbdLogLikelihood(params, twice), 2 * REF.bg[0].logLikelihood, 1e-12);
  });
});

describe("Gamma–Gamma and lifetime value against the reference", () => {
  it("gives the log-likelihood over shoppers with repeat purchases, and the expected spend", () => {
    close(gammaGammaLogLikelihood(REF.gg.params, SHOPPERS), REF.gg.logLikelihood, 1e-12);
    SHOPPERS.forEach((c, i) => close(expectedSpend(REF.gg.params, c), REF.gg.spend[i], 1e-12));
    expect(expectedSpend({ p: 1, q: 0.8, v: 10 }, SHOPPERS[2])).toBeNaN();
  });

  it("values a shopper as expected purchases × expected spend, discounted per 30 days", () => {
    const bg = REF.bg[0].params;
    SHOPPERS.forEach((c, i) => {
      close(lifetimeValue(bg, REF.gg.params, c, 90), REF.bg[0].expected[90][i] * REF.gg.spend[i], 1e-9);
      close(lifetimeValue(bg, REF.gg.params, c, 365, { monthlyDiscountRate: 0.01 }), REF.clvDiscounted365[i], 1e-9);
    });
  });
});

describe("summarise", () => {
  const day = (d: number, hour = 12) => Date.UTC(2024, 0, 1 + d, hour);

  it("counts purchase days, not orders, and averages the repeat days' value", () => {
    const purchases = [
      { ts: day(0, 9), value: 100 }, { ts: day(0, 18), value: 50 }, // first day: left out of the mean
      { ts: day(10, 1), value: 20 }, { ts: day(10, 23), value: 10 },
      { ts: day(40), value: 60 },
      { ts: day(80), value: 999 }, // after now: ignored
    ];
    expect(summarise(purchases, day(50, 0))).toEqual({ frequency: 2, recency: 40, age: 50, monetary: 45 });
  });

  it("has no summary without purchases, and x = 0, monetary 0 for a one-day shopper", () => {
    expect(summarise([], day(5))).toBeUndefined();
    expect(summarise([{ ts: day(3), value: 9 }, { ts: day(3, 20), value: 1 }], day(5))).toEqual({ frequency: 0, recency: 0, age: 2, monetary: 0 });
    expect(DAY_MS).toBe(86_400_000);
  });
});

describe("parameter recovery from simulated shoppers", () => {
  // 30,000 shoppers; tolerances are about three standard errors, measured over ten seeds
  // (a and b, and Gamma–Gamma's p and v, are the least well identified).
  const bg = { r: 0.8, alpha: 40, a: 0.6, b: 2.5 };
  const gg = { p: 6, q: 4, v: 15 };
  const shoppers = simulateShoppers(bg, 30_000, 1, { spend: gg });
  const within = (actual: number, expected: number, relative: number) =>
    expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(relative);

  it("recovers r, α, a, b", () => {
    const fit = fitBgNbd(shoppers);
    expect(fit.converged).toBe(true);
    within(fit.r, bg.r, 0.08);
    within(fit.alpha, bg.alpha, 0.08);
    within(fit.a, bg.a, 0.25);
    within(fit.b, bg.b, 0.25);
    within(fit.a / (fit.a + fit.b), bg.a / (bg.a + bg.b), 0.05); // the mean dropout probability
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(bg, shoppers));
    expect(fit.groups).toBe(shoppers.length); // continuous times: no two triples alike
  });

  it("recovers p, q, v and the mean spend p·v/(q−1)", () => {
    const fit = fitGammaGamma(shoppers);
    expect(fit.converged).toBe(true);
    within(fit.p, gg.p, 0.2);
    within(fit.q, gg.q, 0.1);
    within(fit.v, gg.v, 0.2);
    within((fit.p * fit.v) / (fit.q - 1), (gg.p * gg.v) / (gg.q - 1), 0.03);
  });

  it("predicts the purchases a simulation holds out, with the true parameters", () => {
    // Each shopper is watched for 30–365 days, then for 90 more. Grouped by repeat purchases
    // so far, the mean prediction must lie within four standard errors of the simulated mean.
    const watched = simulateShoppers(bg, 40_000, 2, { horizon: 90 });
    const agree = (predicted: number[], observed: number[]) => {
      const n = observed.length;
      const mean = (v: number[]) => v.reduce((s, u) => s + u, 0) / n;
      const m = mean(observed);
      const standardError = Math.sqrt(mean(observed.map((o) => (o - m) ** 2)) / n);
      expect(Math.abs(mean(predicted) - m)).toBeLessThanOrEqual(4 * standardError);
    };
    for (const inGroup of [(x: number) => x === 0, (x: number) => x >= 1 && x <= 3, (x: number) => x > 3]) {
      const members = watched.filter((c) => inGroup(c.frequency));
      agree(members.map((c) => expectedPurchases(bg, c, 90)), members.map((c) => c.future));
      agree(members.map((c) => 1 - churnRisk(bg, c, 90)), members.map((c) => (c.future > 0 ? 1 : 0)));
    }
  });
});
