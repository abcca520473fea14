// The import's plain-row check against the event schema it stands in for: on rows built
// from ordinary and borderline cells, every event it accepts is one the schema accepts,
// read the same way; what it leaves to the schema is only ever a row the schema decides.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { eventInput } from "../server/inputs.js";
import { plainEvent } from "../server/import/plain-event.js";

const TOLERANCE_MS = 86_400_000;
const schema = eventInput(TOLERANCE_MS);
const future = new Date(Date.now() + 3 * TOLERANCE_MS).toISOString();
const cell = (...values: (string | undefined)[]) => fc.constantFrom(...values);
const ids = cell("u1", " u2 ", "", "   ", "x".repeat(256), "y".repeat(257), "é", "17850.0", undefined);
const row = fc.record({
  user_id: ids,
  item_id: ids,
  type: cell("view", " Purchase ", "CART", "bogus", "", undefined),
  timestamp: cell("1320826260", " 1320826260.5 ", "2011-11-09T08:11:00Z", "2011-11-10 10:00:00", "2011-11-10T10:00", "2011-11-10", "yesterday", "", "-5", "99999999999999", future, "1e9", undefined),
  value: cell("", "3", " 2.5 ", "abc", "Infinity", "1e3", "0x10", "-0", undefined),
  event_id: cell("", " e1 ", "x".repeat(300), undefined),
  recommendation_id: cell("", " 0b9f1c2e-7d4a-4c1e-9a51-3f0f1d2a7b6c ", "r1", "x".repeat(300), undefined, undefined),
  context: cell("", "{\"page\":\"home\"}", undefined),
});

/** The schema's output without its keys left undefined. */
const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe("plain import events", () => {
  it("accept only what the schema accepts, read as the schema reads it", () => {
    let accepted = 0;
    fc.assert(
      fc.property(row, (fields) => {
        const plain = plainEvent(fields, TOLERANCE_MS);
        if (plain === undefined) return;
        accepted++;
        const parsed = schema.safeParse(fields);
        expect(parsed.success, JSON.stringify(fields)).toBe(true);
        expect(plain).toEqual(defined(parsed.data!));
      }),
      { numRuns: 5000, seed: 42 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it("take the common row of an export", () => {
    expect(plainEvent({ user_id: "17850", item_id: "85123A", type: "purchase", timestamp: "2010-12-01 08:26:00", value: "6" }, TOLERANCE_MS)).toEqual({
      user_id: "17850", item_id: "85123A", type: "purchase", timestamp: Date.parse("2010-12-01T08:26:00Z"), value: 6,
    });
  });
});
