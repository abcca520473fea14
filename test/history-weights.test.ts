// How a shopper's events become the weighted history the kernel scores (models/history.ts).
import { describe, expect, it } from "vitest";
import { DEFAULT_EVENT_WEIGHTS, PURCHASE, eventCode, weightsByCode } from "../models/event-types.js";
import { weightHistory } from "../models/history.js";

const VIEW = eventCode("view");
const params = { maxHistory: 10, historyHalfLifeDays: Infinity, dislikeWeight: 0, weightsByCode: weightsByCode(DEFAULT_EVENT_WEIGHTS) };

describe("weightHistory", () => {
  it("gives each item one row, its events' weights added up, in the order of its newest event", () => {
    // Newest first: item 7 viewed, item 3 bought, item 7 bought.
    const events = [
      { itemId: 7, type: VIEW, value: null, ts: 3 },
      { itemId: 3, type: PURCHASE, value: null, ts: 2 },
      { itemId: 7, type: PURCHASE, value: null, ts: 1 },
    ];
    const h = weightHistory(events, params);
    expect(Array.from(h.items)).toEqual([7, 3]);
    // view 0.1 + purchase 1 against purchase 1, the positive weights summing to 1.
    expect(h.weights[0]).toBeCloseTo(1.1 / 2.1, 6);
    expect(h.weights[1]).toBeCloseTo(1 / 2.1, 6);
  });
});
