// Ratings are read on each shopper's own scale: the same stars mean more from a severe
// rater than from a generous one, in training's matrix and in a request's history alike.
import { describe, expect, it } from "vitest";
import { DEFAULT_EVENT_WEIGHTS, RATING, eventStrength, ratingScale, weightsByCode } from "../models/event-types.js";
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
    const h = weightHistory(events, { maxHistory: 10, historyHalfLifeDays: Infinity, weightsByCode: BY_CODE });
    expect(h.weights[3] / h.weights[0]).toBeCloseTo(0.75, 5);
  });
});
