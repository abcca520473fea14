// The statistics of A/B experiments against reference values from scipy 1.17 (the
// Python that produced each table is in the comment above it).
import { describe, expect, it } from "vitest";
import {
  chiSquareSurvival, compareMeans, compareRates, logBeta, logGamma, normalCdf, normalQuantile, rateInterval,
  regularizedBeta, regularizedGammaP, regularizedGammaQ, sampleRatioMismatch, signTest, studentTCdf, studentTQuantile,
} from "../server/analytics/stats.js";

/** |got − want| ≤ tol · |want| (absolute near 0). */
function expectClose(got: number, want: number, tol: number): void {
  const scale = Math.max(Math.abs(want), Number.MIN_VALUE);
  if (!(Math.abs(got - want) <= tol * scale)) throw new Error(`got ${got}, want ${want} (relative error ${Math.abs(got - want) / scale} > ${tol})`);
}

/** Every number in a result, however nested. */
const numbersIn = (value: unknown): number[] =>
  typeof value === "number" ? [value] : value && typeof value === "object" ? Object.values(value).flatMap(numbersIn) : [];

const sums = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((s, x) => s + x, 0), sumSquares: xs.reduce((s, x) => s + x * x, 0) });

describe("special functions", () => {
  it("match scipy.special", () => {
    // [(x, special.gammaln(x)) for x in [1e-3, 0.5, 1, 1.5, 2, 7.3, 10, 123.4, 1e6]]
    for (const [x, want] of [[1e-3, 6.907178885383853], [0.5, 0.5723649429247], [1.5, -0.12078223763524526], [7.3, 7.147892523022249], [10, 12.801827480081469], [123.4, 469.3360974421906], [1e6, 12815504.569147611]]) expectClose(logGamma(x), want, 1e-14);
    expect(Math.abs(logGamma(1)) + Math.abs(logGamma(2))).toBeLessThan(1e-15);
    // [(a, b, special.betaln(a, b)) for a, b in [(0.5, 0.5), (3, 4), (12, 0.1), (50, 60), (1e-3, 2)]]
    for (const [a, b, want] of [[0.5, 0.5, 1.1447298858494], [3, 4, -4.0943445622221], [12, 0.1, 2.0080132268093527], [50, 60, -76.52272335335051], [1e-3, 2, 6.906755778649054]]) expectClose(logBeta(a, b), want, 1e-14);
    // mpmath.log(mpmath.beta(10**6, 0.5)) at 50 digits; scipy's betaln is off by 1e-10 here.
    expectClose(logBeta(1e6, 0.5), -6.335390211057437, 1e-15);
    // [(a, x, special.gammainc(a, x), special.gammaincc(a, x)) for a, x in [(0.5, 0.1), (2, 3), (10, 2), (10, 30), (100, 90), (3.5, 20)]]
    const gamma = [[0.5, 0.1, 0.34527915398142317, 0.6547208460185768], [2, 3, 0.8008517265285442, 0.1991482734714558], [10, 2, 4.649807501726386e-5, 0.9999535019249828], [10, 30, 0.9999928782491372, 7.121750862815593e-6], [100, 90, 0.15822098918643007, 0.84177901081357], [3.5, 20, 0.9999987412096126, 1.258790387371308e-6]];
    for (const [a, x, p, q] of gamma) {
      expectClose(regularizedGammaP(a, x), p, 1e-13);
      expectClose(regularizedGammaQ(a, x), q, 1e-13);
    }
    // [(x, a, b, special.betainc(a, b, x)) for x, a, b in [(0.2, 2, 3), (0.9, 0.5, 0.5), (0.01, 5, 50), (0.999, 200, 0.5), (0.5, 30, 30), (0.7, 1, 1)]]
    for (const [x, a, b, want] of [[0.2, 2, 3, 0.18080000000000004], [0.9, 0.5, 0.5, 0.7951672353008665], [0.01, 5, 50, 0.00021038263382405003], [0.999, 200, 0.5, 0.5272441070252349], [0.5, 30, 30, 0.5], [0.7, 1, 1, 0.7]]) expectClose(regularizedBeta(x, a, b), want, 1e-13);
  });
});

describe("distributions", () => {
  it("normalCdf matches scipy to ~1e-14, far tail included", () => {
    // [(z, stats.norm.cdf(z)) for z in [-37.5, -20, -8, -3, -1.96, -0.5, 0, 0.3, 1.644853626951, 5, 8.2]]
    const table = [[-37.5, 4.605353009581954e-308], [-20, 2.7536241186061556e-89], [-8, 6.22096057427174e-16], [-3, 0.0013498980316300933], [-1.96, 0.024997895148220435], [-0.5, 0.3085375387259869], [0, 0.5], [0.3, 0.6179114221889526], [1.644853626951, 0.9499999999999512], [5, 0.9999997133484281], [8.2, 0.9999999999999999]];
    for (const [z, want] of table) expectClose(normalCdf(z), want, 1e-13);
    expect([normalCdf(-Infinity), normalCdf(Infinity)]).toEqual([0, 1]);
  });

  it("normalQuantile matches scipy to ~1e-15 and inverts normalCdf", () => {
    // [(p, stats.norm.ppf(p)) for p in [1e-300, 1e-20, 1e-6, 0.001, 0.02425, 0.025, 0.2, 0.8, 0.975, 0.999999]]
    const table = [[1e-300, -37.0470962993612], [1e-20, -9.262340089798409], [1e-6, -4.753424308822899], [0.001, -3.090232306167813], [0.02425, -1.972961051311885], [0.025, -1.9599639845400545], [0.2, -0.8416212335729142], [0.8, 0.8416212335729143], [0.975, 1.959963984540054], [0.999999, 4.753424308817087]];
    for (const [p, want] of table) expectClose(normalQuantile(p), want, 1e-14);
    expect([normalQuantile(0), normalQuantile(0.5), normalQuantile(1)]).toEqual([-Infinity, 0, Infinity]);
    for (let p = 0.001; p < 1; p += 0.0371) expectClose(normalCdf(normalQuantile(p)), p, 1e-14);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });

  it("studentTCdf matches scipy, fractional and huge df included", () => {
    // [(t, df, stats.t.cdf(t, df)) for t, df in [(-3, 1), (2, 1), (-2.5, 2.5), (1.5, 5), (-10, 3), (-4, 30), (2.1, 1000), (-12, 20), (-6, 1e6), (-3, 1e7), (40, 7), (-1e-3, 4), (-0.7, 37.3)]]
    const table = [[-3, 1, 0.10241638234956672], [2, 1, 0.8524163823495667], [-2.5, 2.5, 0.0522849815390777], [1.5, 5, 0.9030481598787634], [-10, 3, 0.0010641995292070751], [-4, 30, 0.0001909228180418782], [2.1, 1000, 0.982010562844609], [-12, 20, 6.79777851294033e-11], [-6, 1e6, 9.86924906177215e-10], [-3, 1e7, 0.0013499013555185817], [40, 7, 0.999999999204891], [-1e-3, 4, 0.499625000078125], [-0.7, 37.3, 0.2441352561095004]];
    for (const [t, df, want] of table) expectClose(studentTCdf(t, df), want, 1e-12);
    expect(studentTCdf(0, 3)).toBe(0.5);
  });

  it("studentTQuantile matches scipy", () => {
    // [(p, df, stats.t.ppf(p, df)) for p, df in [(0.975, 1), (0.975, 2.3), (0.975, 10), (0.995, 1e6), (1e-10, 1), (1e-10, 3), (0.9, 50), (0.975, 12345.6), (0.025, 45.7)]]
    const table = [[0.975, 1, 12.706204736174694], [0.975, 2.3, 3.807163208232131], [0.975, 10, 2.228138851986274], [0.995, 1e6, 2.5758342201053344], [1e-10, 1, -3183098861.8379064], [1e-10, 3, -2225.769284683093], [0.9, 50, 1.2987136941948096], [0.975, 12345.6, 1.9601561582595104], [0.025, 45.7, -2.013252240382723]];
    for (const [p, df, want] of table) expectClose(studentTQuantile(p, df), want, 1e-12);
  });

  it("chiSquareSurvival matches scipy", () => {
    // [(x, df, stats.chi2.sf(x, df)) for x, df in [(3.84, 1), (10, 2), (0.1, 3), (500, 10), (1e-5, 1), (100, 100), (20, 0.5), (1000, 800), (25, 4)]]
    const table = [[3.84, 1, 0.05004352124870519], [10, 2, 0.006737946999085468], [0.1, 3, 0.9918374237318764], [500, 10, 4.4147360999137545e-101], [1e-5, 1, 0.9974768716831944], [100, 100, 0.48119168452795674], [20, 0.5, 2.0830304086494316e-6], [1000, 800, 1.6472192644087128e-6], [25, 4, 5.0309817823062075e-5]];
    for (const [x, df, want] of table) expectClose(chiSquareSurvival(x, df), want, 1e-12);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });
});

describe("rates", () => {
  it("rateInterval is Wilson's interval", () => {
    // ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method='wilson'); (k, n, ci.low, ci.high)
    const table = [[0, 10, 0, 0.27753279986288926], [3, 10, 0.10779126740630102, 0.6032218525388546], [10, 10, 0.7224672001371109, 1], [45, 1000, 0.03379951228563171, 0.059682837936223455], [1, 100000, 1.765247730378316e-6, 5.664709659040965e-5]];
    for (const [k, n, low, high] of table) {
      const got = rateInterval(k, n);
      expect(got.rate).toBe(k / n);
      expectClose(got.low, low, 1e-13);
      expectClose(got.high, high, 1e-13);
    }
    // stats.binomtest(45, 1000).proportion_ci(confidence_level=0.99, method='wilson')
    const at99 = rateInterval(45, 1000, 0.99);
    expectClose(at99.low, 0.03090368263818368, 1e-13);
    expectClose(at99.high, 0.06509427742391655, 1e-13);
    expect(rateInterval(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
    expect(() => rateInterval(5, 4)).toThrow(RangeError);
    expect(() => rateInterval(1.5, 4)).toThrow(RangeError);
  });

  it("compareRates: pooled z-test p and unpooled interval of the difference", () => {
    // chi2, p, _, _ = stats.chi2_contingency([[s1, n1 - s1], [s2, n2 - s2]], correction=False)   (z² = chi2)
    // ci = d ∓ stats.norm.ppf(0.975) * sqrt(p1 (1 − p1) / n1 + p2 (1 − p2) / n2), d = p2 − p1
    const table = [
      [120, 2400, 150, 2400, 1.8793639429397584, 0.06019481615911432, -0.0005312888170168062, 0.0255312888170168],
      [30, 1000, 31, 1000, 0.13003527360127265, 0.8965385193100613, -0.014072492600662631, 0.01607249260066263],
      [0, 500, 7, 500, 2.6550603416731375, 0.007929422297591842, 0.0037016994061290203, 0.024298300593870982],
      [5000, 100000, 4800, 99000, -1.5618042348273606, 0.11833411387181096, -0.003416418299955301, 0.00038611526965226495],
    ];
    for (const [s1, n1, s2, n2, z, p, low, high] of table) {
      const got = compareRates({ successes: s1, n: n1 }, { successes: s2, n: n2 });
      expectClose(got.z, z, 1e-12);
      expectClose(got.pValue, p, 1e-12);
      expectClose(got.ci[0], low, 1e-12);
      expectClose(got.ci[1], high, 1e-12);
      expectClose(got.difference, s2 / n2 - s1 / n1, 1e-15);
    }
    expectClose(compareRates({ successes: 120, n: 2400 }, { successes: 150, n: 2400 }).relativeLift!, 0.25, 1e-14);
  });

  it("compareRates never returns NaN: empty groups and zero successes", () => {
    const none = compareRates({ successes: 0, n: 0 }, { successes: 0, n: 0 });
    expect(none).toMatchObject({ difference: 0, relativeLift: null, ci: [-1, 1], z: 0, pValue: 1 });
    const zeros = compareRates({ successes: 0, n: 100 }, { successes: 0, n: 100 });
    expect(zeros).toMatchObject({ difference: 0, relativeLift: null, ci: [0, 0], z: 0, pValue: 1 });
    const emptyControl = compareRates({ successes: 0, n: 0 }, { successes: 5, n: 50 });
    expect(emptyControl).toMatchObject({ relativeLift: null, ci: [-1, 1], z: 0, pValue: 1 });
    const all = compareRates({ successes: 10, n: 10 }, { successes: 10, n: 10 });
    expect(all).toMatchObject({ relativeLift: 0, z: 0, pValue: 1 });
    for (const r of [none, zeros, emptyControl, all]) expect(numbersIn(r).every(Number.isFinite)).toBe(true);
  });
});

describe("compareMeans (Welch)", () => {
  it("matches scipy's ttest_ind(equal_var=False) on explicit samples", () => {
    const control = [12.5, 0, 0, 31.2, 8.75, 0, 15, 0, 42, 9.99];
    const variant = [14, 0, 22.5, 35, 0, 18.25, 0, 51, 12, 0, 27.5, 9];
    // res = stats.ttest_ind(variant, control, equal_var=False); ci = res.confidence_interval(0.95)
    // (res.statistic, res.pvalue, res.df, ci.low, ci.high)
    const got = compareMeans(sums(control), sums(variant));
    expectClose(got.t, 0.587620308203495, 1e-12);
    expectClose(got.pValue, 0.563404668591073, 1e-12);
    expectClose(got.df, 19.874684982225975, 1e-12);
    expectClose(got.ci![0], -9.763340889541542, 1e-12);
    expectClose(got.ci![1], 17.417007556208212, 1e-12);
    expectClose(got.difference, 3.826833333333335, 1e-13);
    // res.confidence_interval(0.9)
    const at90 = compareMeans(sums(control), sums(variant), 0.9);
    expectClose(at90.ci![0], -7.408701993786083, 1e-12);
    expectClose(at90.ci![1], 15.062368660452751, 1e-12);
  });

  it("matches scipy on sums of 80k log-normal order values (what SQL hands over)", () => {
    // rng = np.random.default_rng(16); C = np.round(rng.lognormal(3, 1.2, 40000), 2); V = np.round(rng.lognormal(3.02, 1.25, 41000), 2)
    // (len(C), C.sum(), (C*C).sum()), (len(V), V.sum(), (V*V).sum()); res = stats.ttest_ind(V, C, equal_var=False)
    const got = compareMeans({ n: 40000, sum: 1633349.1400000001, sumSquares: 281157056.3962 }, { n: 41000, sum: 1822560.25, sumSquares: 412631016.7227 });
    expectClose(got.t, 6.28725925273796, 1e-10);
    expectClose(got.pValue, 3.2481194616449444e-10, 1e-8);
    expectClose(got.df, 78496.22338697063, 1e-10);
    expectClose(got.ci![0], 2.4907834640675772, 1e-10);
    expectClose(got.ci![1], 4.747137584712901, 1e-10);
  });

  it("handles a constant group and returns no test when one is undefined", () => {
    // res = stats.ttest_ind([4, 6, 7, 9, 3], [5, 5, 5, 5], equal_var=False)
    const constant = compareMeans(sums([5, 5, 5, 5]), sums([4, 6, 7, 9, 3]));
    expectClose(constant.t, 0.749268649265355, 1e-12);
    expectClose(constant.pValue, 0.4953543088910323, 1e-12);
    expectClose(constant.df, 4, 1e-12);
    expectClose(constant.ci![1], 3.7644321650666144, 1e-12);
    const undefinedTest = { ci: null, t: 0, df: 0, pValue: 1 };
    expect(compareMeans(sums([]), sums([1, 2]))).toMatchObject({ ...undefinedTest, relativeLift: null });
    expect(compareMeans(sums([3]), sums([1, 2]))).toMatchObject(undefinedTest);
    expect(compareMeans(sums([2, 2]), sums([3, 3]))).toMatchObject({ ...undefinedTest, difference: 1, relativeLift: 0.5 });
    expect(() => compareMeans({ n: 2, sum: 1, sumSquares: -1 }, sums([1, 2]))).toThrow(RangeError);
  });
});

describe("sampleRatioMismatch", () => {
  it("matches scipy's chisquare and flags p < 0.001", () => {
    // res = stats.chisquare(obs, f_exp=np.array(shares) / sum(shares) * sum(obs)); (res.statistic, res.pvalue)
    const table: [number[], number[], number, number, boolean][] = [
      [[50000, 50500], [1, 1], 2.487562189054726, 0.11474934170731495, false],
      [[50000, 51500], [1, 1], 22.167487684729064, 2.498695214678602e-6, true],
      [[10200, 19800, 10000], [0.25, 0.5, 0.25], 6.0, 0.04978706836786395, false],
      [[821, 1179], [0.4, 0.6], 0.91875, 0.3378033956238138, false],
    ];
    for (const [observed, shares, chiSquare, pValue, mismatch] of table) {
      const got = sampleRatioMismatch(observed, shares);
      expectClose(got.chiSquare, chiSquare, 1e-13);
      expectClose(got.pValue, pValue, 1e-12);
      expect(got.df).toBe(observed.length - 1);
      expect(got.mismatch).toBe(mismatch);
    }
    expect(sampleRatioMismatch([0, 0], [1, 1])).toEqual({ chiSquare: 0, df: 1, pValue: 1, mismatch: false });
    expect(() => sampleRatioMismatch([10, 10], [1, 0])).toThrow(RangeError);
    expect(() => sampleRatioMismatch([10], [1, 1])).toThrow(RangeError);
  });
});

describe("signTest", () => {
  it("is the exact two-sided binomial test up to 5000, normal above", () => {
    // [(w, l, stats.binomtest(w, w + l, 0.5).pvalue) for w, l in [...]]
    const exact = [[7, 3, 0.34375], [3, 7, 0.34375], [60, 40, 0.05688793364098089], [10, 10, 1], [1, 30, 2.9802322387695312e-8], [2500, 2400, 0.15727096976576974], [0, 1000, 1.8665272370064378e-301]];
    for (const [w, l, want] of exact) {
      const got = signTest(w, l);
      expect(got.method).toBe("exact");
      expectClose(got.pValue, want, 1e-11);
    }
    // Continuity-corrected normal against scipy's exact binomtest: 0.5 % relative (0.2 % measured at n = 10 400) is ample for decisions at 0.05.
    for (const [w, l, want] of [[5400, 5000, 9.116949314541157e-5], [51000, 50000, 0.0016696304559914016]]) {
      const got = signTest(w, l);
      expect(got.method).toBe("normal");
      expectClose(got.pValue, want, 5e-3);
    }
    expect(signTest(0, 0)).toMatchObject({ pValue: 1, share: { rate: 0, low: 0, high: 1 } });
  });

  it("reports the preference share with its Wilson interval", () => {
    const got = signTest(3, 7);
    expect(got.share).toEqual(rateInterval(3, 10));
    expectClose(got.share.low, 0.10779126740630102, 1e-13);
  });
});
