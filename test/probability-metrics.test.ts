import { describe, expect, it } from "vitest";
import { auc, brierScore, calibration, correlation, isotonicFit } from "../models/probability-metrics.js";

describe("probability metrics", () => {
  it("AUC counts tied scores half (scipy's Mann–Whitney U / n₊n₋ = 0.8125)", () => {
    const scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.2, 0.9, 0.4];
    const outcomes = [0, 0, 1, 1, 1, 0, 1, 0].map(Boolean);
    expect(auc(scores, outcomes)).toBeCloseTo(0.8125, 12);
    expect(auc([1, 2, 3], [false, false, false])).toBeNaN();
  });

  it("Brier score and calibration bins", () => {
    const p = [0.05, 0.15, 0.12, 0.95, 1.0];
    const y = [false, true, false, true, true];
    expect(brierScore(p, y)).toBeCloseTo((0.05 ** 2 + 0.85 ** 2 + 0.12 ** 2 + 0.05 ** 2) / 5, 12);
    const c = calibration(p, y);
    expect(c.bins.map((b) => [b.from, b.count])).toEqual([[0, 1], [0.1, 2], [0.9, 2]]);
    expect(c.bins[1].meanPredicted).toBeCloseTo(0.135, 12);
    expect(c.bins[1].observedRate).toBe(0.5);
    expect(c.expectedCalibrationError).toBeCloseTo(0.2 * 0.05 + 0.4 * 0.365 + 0.4 * 0.025, 12);
  });

  it("isotonic fit pools adjacent violators, and equal scores together", () => {
    const f = isotonicFit([1, 2, 3, 4, 5, 6], [0, 1, 0, 1, 1, 0].map(Boolean));
    expect([0, 1, 2, 2.5, 3, 4, 6, 100].map(f)).toEqual([0, 0, 0.5, 0.5, 0.5, 2 / 3, 2 / 3, 2 / 3]);
    const tied = isotonicFit([1, 2, 1], [true, false, false]);
    expect([tied(1), tied(2)]).toEqual([1 / 3, 1 / 3]);
  });

  it("Pearson correlation matches scipy's pearsonr", () => {
    expect(correlation([1, 2, 3, 4, 10], [2, 1, 4, 3, 12])).toBeCloseTo(0.9657341699694757, 12);
  });
});
