// Time decay is measured from a robust "now": one event dated far from the rest (a typo'd
// year, a 1970 default) neither ages every real event nor makes an old item look new.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { SqliteStore } from "../server/store/sqlite/store.js";
import type { Store } from "../server/store/types.js";
import { HAS_EVENTS_FLOOR, OUTLIER_SHARE, PopularityBuilder } from "../models/popularity.js";
import { DEFAULT_EVENT_WEIGHTS, eventCode, weightsByCode } from "../models/event-types.js";
import { tempDir } from "./helpers.js";

const DAY = 86_400_000;
const HALF_LIFE = 14 * DAY;
const BY_CODE = weightsByCode(DEFAULT_EVENT_WEIGHTS);
const PURCHASE = eventCode("purchase");
const END = Date.parse("2011-12-09T12:00:00Z");

/** 2,000 purchases of items 0..19 over the 100 days before END, and the events passed in. */
async function shop(extra: [item: number, ts: number][]): Promise<Store> {
  const store = SqliteStore.open(join(tempDir(), "tuijian.db"));
  for (let i = 0; i < 21; i++) await store.items.upsert({ id: `i${i}` });
  const user = await store.users.upsert({ id: "u" });
  const buy = (item: number, ts: number) => store.events.insert({ userId: user, itemId: item + 1, type: PURCHASE, value: null, ts, context: null });
  for (let e = 0; e < 2000; e++) await buy(e % 20, END - ((e * 7919) % 100) * DAY);
  for (const [item, ts] of extra) await buy(item, ts);
  return store;
}

async function popularity(store: Store) {
  const { reference } = await store.events.timeProfile(0.1, OUTLIER_SHARE);
  const builder = new PopularityBuilder(await store.items.maxId() + 1, BY_CODE, HALF_LIFE, reference!);
  for await (const page of store.events.byUser()) for (const [, item, type, value, ts] of page) builder.add(item, type, value, ts);
  return { reference: reference!, ...builder.build() };
}

describe("the decay reference", () => {
  it("is the newest event when no date stands apart", async () => {
    expect((await (await shop([])).events.timeProfile(0.1, OUTLIER_SHARE)).reference).toBe(END);
  });

  it.each([
    ["2999", Date.parse("2999-01-01T00:00:00Z")],
    ["2018", Date.parse("2018-06-01T00:00:00Z")],
  ])("ignores one event dated %s: every item keeps its popularity", async (_, ts) => {
    const store = await shop([[20, ts]]);
    expect((await store.events.timeProfile(0.1, OUTLIER_SHARE)).latest).toBe(ts);
    const pop = await popularity(store);
    expect(pop.reference).toBe(END);
    const without = await popularity(await shop([]));
    expect(Array.from(pop.scores.subarray(1, 21))).toEqual(Array.from(without.scores.subarray(1, 21)));
    expect(Array.from(pop.order.subarray(0, 20))).toEqual(Array.from(without.order));
  });

  it("leaves the validation cutoff where the bulk of the events put it", async () => {
    const { cutoff } = await (await shop([])).events.timeProfile(0.1);
    expect((await (await shop([[0, Date.parse("2999-01-01T00:00:00Z")]])).events.timeProfile(0.1)).cutoff).toBe(cutoff);
  });
});

describe("an item with events", () => {
  it("is never scored 0, however old its events: it is not a new product", async () => {
    // Item 20 was bought once, in 1970: 2^(-age / 14 days) underflows even a float64.
    const pop = await popularity(await shop([[20, Date.parse("1970-01-02T00:00:00Z")]]));
    expect(pop.scores[21]).toBe(HAS_EVENTS_FLOOR);
    expect(Array.from(pop.order).at(-1)).toBe(21);
    expect(pop.order.length).toBe(21);
    // The unused item id 0 and items never bought stay at 0.
    expect(pop.scores[0]).toBe(0);
  });

  it("keeps underflowed items in the order of their float64 sums, not of their ids", async () => {
    const b = new PopularityBuilder(3, BY_CODE, HALF_LIFE, END);
    b.add(0, PURCHASE, null, END);
    b.add(1, PURCHASE, null, END - 8 * 365 * DAY);
    b.add(2, PURCHASE, null, END - 7 * 365 * DAY);
    const pop = b.build();
    expect([pop.scores[1], pop.scores[2]]).toEqual([HAS_EVENTS_FLOOR, HAS_EVENTS_FLOOR]);
    expect(Array.from(pop.order)).toEqual([0, 2, 1]);
  });
});
