// Ratings are read on each shopper's own scale: the same stars mean more from a severe
// rater than from a generous one, in training's matrix and in a request's history alike.
import { describe, expect, it } from "vitest";
import { DEFAULT_EVENT_WEIGHTS, RATING, eventEvidence, eventStrength, isLiked, ratingScale, weightsByCode } from "../models/event-types.js";
import { UserItemBuilder } from "../models/user-items.js";
import { weightHistory } from "../models/history.js";

const BY_CODE = weightsByCode(DEFAULT_EVENT_WEIGHTS);

describe("rating scale", () => {
  it("counts a rating fully down to one spread under the shopper's mean, nothing from two", () => {
    const generous = ratingScale([5, 5, 4, 5])!;
    const severe = ratingScale([1, 2, 3, 2])!;
    // Mean 4.75, spread 1 (the floor): 3 is 1.75 spreads under.
    expect(eventStrength(RATING, 3, BY_CODE, generous)).toBeCloseTo(0.25, 12);
    expect(eventStrength(RATING, 2, BY_CODE, generous)).toBe(0);
    expect(eventStrength(RATING, 3, BY_CODE, severe)).toBe(1);
    // Without a scale (too few ratings), a 1–5 scale is assumed: 3 says nothing, 4 half.
    expect(ratingScale([4, 5])).toBeUndefined();
    expect(eventStrength(RATING, 4, BY_CODE)).toBe(0.5);
    // A shopper who gives only 4s and 5s likes both.
    expect(eventStrength(RATING, 4, BY_CODE, ratingScale([4, 5, 5, 4, 5])!)).toBe(1);
  });

  it("is the same in the training matrix and in a history", () => {
    const builder = new UserItemBuilder({ numItems: 4, weightsByCode: BY_CODE, maxUserItems: 10 });
    const events = [5, 5, 4, 3].map((value, item) => ({ itemId: item, type: RATING, value, ts: 0 }));
    for (const e of events) builder.add(0, e.itemId, e.type, e.value, e.ts);
    const m = builder.build();
    // Mean 4.25, spread 1 (the floor): 3 is 1.25 spreads under the mean.
    expect(Array.from(m.items)).toEqual([0, 1, 2, 3]);
    expect(m.weights[3]).toBeCloseTo(Math.log1p(0.75), 5);
    expect(m.weights[2]).toBeCloseTo(Math.log1p(1), 5);
    const h = weightHistory(events, { maxHistory: 10, historyHalfLifeDays: Infinity, dislikeWeight: 0, weightsByCode: BY_CODE });
    expect(h.weights[3] / h.weights[0]).toBeCloseTo(0.75, 5);
  });

  it("turns a rating under two spreads below the shopper's mean against the item, to −1 at three", () => {
    const generous = ratingScale([5, 5, 4, 5])!;
    // Mean 4.75, spread 1: 2 is 2.75 spreads under, 1 is 3.75.
    expect(eventEvidence(RATING, 2, BY_CODE, generous)).toBeCloseTo(-0.75, 12);
    expect(eventEvidence(RATING, 1, BY_CODE, generous)).toBe(-1);
    expect(eventStrength(RATING, 1, BY_CODE, generous)).toBe(0);
    // Without a scale: 1 of 5 is −1, 2 is −0.5.
    expect(eventEvidence(RATING, 2, BY_CODE)).toBe(-0.5);
  });

  it("weighs a disliked item in a history by dislikeWeight, the liked ones summing to 1", () => {
    const events = [5, 5, 1].map((value, item) => ({ itemId: item, type: RATING, value, ts: 0 }));
    const against = weightHistory(events, { maxHistory: 10, historyHalfLifeDays: Infinity, dislikeWeight: 1, weightsByCode: BY_CODE });
    // Mean 3.67, spread 1.89: 1 is 1.41 spreads under, still (faintly) liked.
    expect(against.weights[2]).toBeGreaterThan(0);
    const severe = [5, 5, 5, 5, 1].map((value, item) => ({ itemId: item, type: RATING, value, ts: 0 }));
    const h = weightHistory(severe, { maxHistory: 10, historyHalfLifeDays: Infinity, dislikeWeight: 1, weightsByCode: BY_CODE });
    // Mean 4.2, spread 1.6: 1 is 2 spreads under: nothing.
    expect(h.weights[4]).toBeCloseTo(0, 6);
    const twelve = [...Array(12).fill(5), 1].map((value, item) => ({ itemId: item, type: RATING, value, ts: 0 }));
    const off = weightHistory(twelve, { maxHistory: 20, historyHalfLifeDays: Infinity, dislikeWeight: 0, weightsByCode: BY_CODE });
    const on = weightHistory(twelve, { maxHistory: 20, historyHalfLifeDays: Infinity, dislikeWeight: 1, weightsByCode: BY_CODE });
    expect(off.weights[12]).toBe(0);
    expect(on.weights[12]).toBeLessThan(0);
    expect(on.weights.slice(0, 12).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);
  });

  it("takes a held-out rating as liked from half a spread under the shopper's mean", () => {
    const scale = ratingScale([5, 4, 3, 4, 4])!; // mean 4, spread 1
    expect(isLiked(RATING, 4, scale)).toBe(true);
    expect(isLiked(RATING, 3.5, scale)).toBe(true);
    expect(isLiked(RATING, 3, scale)).toBe(false);
    expect(isLiked(RATING, 3)).toBe(false);
    expect(isLiked(RATING, 4)).toBe(true);
  });
});
