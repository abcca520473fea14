import { describe, expect, it } from "vitest";
import {
  activityOf, DEFAULT_SEGMENT_THRESHOLDS, namedSegment, quintileScores, rfmScores, SEGMENT_NAMES,
  type RfmScores, type ShopperActivity,
} from "../models/rfm.js";

describe("quintile scores", () => {
  it("splits distinct values into fifths", () => {
    expect(quintileScores([1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(quintileScores([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it("gives equal values one score, at the middle of their run", () => {
    // Six one-day shoppers out of ten: ranks 0–5, mid-rank 3/10 → score 2.
    expect(quintileScores([1, 1, 1, 1, 1, 1, 2, 2, 3, 9])).toEqual([2, 2, 2, 2, 2, 2, 4, 4, 5, 5]);
    expect(quintileScores([7, 7, 7])).toEqual([3, 3, 3]);
    expect(quintileScores([])).toEqual([]);
  });

  it("does not depend on the order of the input", () => {
    const values = [5, 3, 3, 8, 1, 1, 1, 9, 4, 4, 2];
    const scores = quintileScores(values);
    const reversed = quintileScores([...values].reverse()).reverse();
    expect(reversed).toEqual(scores);
  });
});

describe("RFM scores", () => {
  const shopper = (daysSinceLast: number, purchaseDays: number, totalSpend: number): ShopperActivity =>
    ({ daysSinceLast, daysSinceFirst: daysSinceLast + 10 * purchaseDays, purchaseDays, totalSpend });

  it("scores recent shoppers high on recency, frequent and big spenders high on F and M", () => {
    const scores = rfmScores([shopper(1, 9, 500), shopper(20, 4, 200), shopper(50, 3, 120), shopper(100, 2, 80), shopper(300, 1, 10)]);
    expect(scores.map((s) => s.recency)).toEqual([5, 4, 3, 2, 1]);
    expect(scores.map((s) => s.frequency)).toEqual([5, 4, 3, 2, 1]);
    expect(scores.map((s) => s.monetary)).toEqual([5, 4, 3, 2, 1]);
  });

  it("reads a BG/NBD summary as activity", () => {
    expect(activityOf({ frequency: 2, recency: 40, age: 50, monetary: 45 }, 240))
      .toEqual({ daysSinceLast: 10, daysSinceFirst: 50, purchaseDays: 3, totalSpend: 240 });
  });
});

describe("named segments", () => {
  const mid: RfmScores = { recency: 3, frequency: 3, monetary: 3 };
  const active = { daysSinceLast: 10, daysSinceFirst: 200, purchaseDays: 5, totalSpend: 100 };

  it("names every segment from its defining condition", () => {
    expect(namedSegment({ ...active, daysSinceLast: 200 }, mid)).toBe("lost");
    expect(namedSegment({ daysSinceLast: 5, daysSinceFirst: 5, purchaseDays: 1, totalSpend: 20 }, mid)).toBe("new");
    expect(namedSegment({ ...active, daysSinceLast: 95 }, mid)).toBe("at_risk");
    expect(namedSegment(active, mid, 0.8)).toBe("at_risk");
    expect(namedSegment(active, { ...mid, monetary: 5 }, 0.2)).toBe("high_value");
    expect(namedSegment(active, { ...mid, frequency: 4 })).toBe("high_frequency");
    expect(namedSegment(active, mid, 0.2)).toBe("low_frequency");
  });

  it("applies the documented precedence: lost, new, at_risk, high_value, high_frequency", () => {
    const best: RfmScores = { recency: 5, frequency: 5, monetary: 5 };
    expect(namedSegment({ ...active, daysSinceLast: 400 }, best, 0.1)).toBe("lost");
    expect(namedSegment({ daysSinceLast: 2, daysSinceFirst: 2, purchaseDays: 1, totalSpend: 900 }, best, 0.95)).toBe("new");
    expect(namedSegment(active, best, 0.7)).toBe("at_risk");
    expect(namedSegment(active, best, 0.1)).toBe("high_value");
  });

  it("takes thresholds from the caller", () => {
    const strict = { ...DEFAULT_SEGMENT_THRESHOLDS, lostAfterDays: 30, highFrequencyMinFrequency: 5 };
    expect(namedSegment({ ...active, daysSinceLast: 40 }, mid, undefined, strict)).toBe("lost");
    expect(namedSegment(active, { ...mid, frequency: 4 }, undefined, strict)).toBe("low_frequency");
    expect(Object.isFrozen(DEFAULT_SEGMENT_THRESHOLDS)).toBe(true);
    expect(SEGMENT_NAMES).toHaveLength(6);
  });
});
