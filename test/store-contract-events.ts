// The store contract's events: storing, reading histories, pages, time profiles,
// retention, and the shopper versions a kept list is checked against (a part of
// store-contract.ts, run against every backend).
import { describe, expect, it } from "vitest";
import type { Store } from "../server/store/types.js";
import { eventCode } from "../models/event-types.js";
import type { StoreEvent } from "./store-contract-imports.js";

const VIEW = eventCode("view");
const PURCHASE = eventCode("purchase");
const DAY = 86_400_000;

export function eventContract(store: () => Store, event: StoreEvent): void {
  describe("events", () => {
    it("stores an event id once; events without one always", async () => {
      expect(await event("u", "a", 1, { eventId: "e1" })).toBe(true);
      expect(await event("u", "a", 2, { eventId: "e1" })).toBe(false);
      expect(await event("u", "a", 3)).toBe(true);
      expect(await event("u", "a", 3)).toBe(true);
      expect(await store().events.count()).toBe(3);
      expect(await store().events.countOfUser((await store().users.idOf("u"))!)).toBe(3);
      expect(await store().events.countOfUser(9999)).toBe(0);
    });

    it("reads history newest first (ties: the later stored first), limited", async () => {
      await event("u", "a", 1_000);
      await event("u", "b", 3_000, { value: 4.5 });
      await event("u", "c", 2_000);
      await event("u", "d", 3_000);
      await event("other", "e", 5_000);
      const [u, a, b, c, d] = [await store().users.idOf("u"), ...(await Promise.all(["a", "b", "c", "d"].map((x) => store().items.idOf(x))))];
      const history = await store().events.history(u!, 10);
      expect(history).toEqual([
        { itemId: d, type: VIEW, value: null, ts: 3_000 },
        { itemId: b, type: VIEW, value: 4.5, ts: 3_000 },
        { itemId: c, type: VIEW, value: null, ts: 2_000 },
        { itemId: a, type: VIEW, value: null, ts: 1_000 },
      ]);
      expect(await store().events.history(u!, 2)).toEqual(history.slice(0, 2));
      expect(await store().events.history(9999, 10)).toEqual([]);
    });

    it("lists purchased and interacted items, and items with events", async () => {
      await event("u", "a", 1, { type: PURCHASE });
      await event("u", "a", 2, { type: PURCHASE });
      await event("u", "b", 3);
      await event("w", "c", 4);
      const [u, a, b, c] = [await store().users.idOf("u"), ...(await Promise.all(["a", "b", "c"].map((x) => store().items.idOf(x))))];
      expect(await store().events.purchasedItems(u!)).toEqual([a]);
      expect((await store().events.interactedItems(u!)).sort()).toEqual([a, b].sort());
      expect((await store().events.itemsWithEvents()).sort()).toEqual([a, b, c].sort());
      await store().items.upsert({ id: "no-events" });
      expect((await store().events.itemsWithEvents()).length).toBe(3);
    });

    it("streams every event grouped by shopper, oldest first, across page boundaries", async () => {
      const written: [string, string, number][] = [];
      for (let i = 0; i < 11; i++) written.push([`u${i % 3}`, `i${i % 4}`, 1_000 * ((i * 7) % 11)]);
      for (const [u, item, ts] of written) await event(u, item, ts);
      const pages: unknown[][] = [];
      for await (const page of store().events.byUser(4)) pages.push(page);
      expect(pages.map((p) => p.length)).toEqual([4, 4, 3]);
      const rows = pages.flat() as [number, number, number, number | null, number][];
      const expected = await Promise.all(
        written.map(async ([u, item, ts]) => [(await store().users.idOf(u))!, (await store().items.idOf(item))!, VIEW, null, ts]),
      );
      expected.sort((x, y) => (x[0] as number) - (y[0] as number) || (x[4] as number) - (y[4] as number));
      expect(rows).toEqual(expected);
      const all: unknown[] = [];
      for await (const page of store().events.byUser()) all.push(...page);
      expect(all).toEqual(rows);
      for await (const page of store().events.byUser(2)) {
        expect(page.length).toBe(2);
        break; // a reader may stop early
      }
      expect(await store().events.count()).toBe(11);
    });

    it("profiles time: the newest event and the day from which a share of events lie", async () => {
      expect(await store().events.timeProfile(0.5)).toEqual({});
      await event("u", "a", 0 * DAY + 5);
      await event("u", "a", 1 * DAY + 5);
      await event("u", "a", 2 * DAY + 5);
      await event("u", "a", 2 * DAY + 9);
      expect(await store().events.timeProfile(0.5)).toEqual({ latest: 2 * DAY + 9, reference: 2 * DAY + 9, cutoff: 2 * DAY });
      expect(await store().events.timeProfile(0.75)).toEqual({ latest: 2 * DAY + 9, reference: 2 * DAY + 9, cutoff: 1 * DAY });
      expect(await store().events.timeProfile(1)).toEqual({ latest: 2 * DAY + 9, reference: 2 * DAY + 9 });
      // The decay reference sets the newest half of the events aside (by day).
      expect((await store().events.timeProfile(0.5, 0.5)).reference).toBe(1 * DAY + 5);
    });

    it("counts shoppers active on two days or more, among those with two events or more", async () => {
      expect(await store().events.activeDays(100)).toEqual({ shoppers: 0, multiDay: 0 });
      await event("once", "a", 5);
      await event("one-day", "a", 5);
      await event("one-day", "b", 9);
      await event("two-days", "a", 5);
      await event("two-days", "b", DAY + 5);
      expect(await store().events.activeDays(100)).toEqual({ shoppers: 2, multiDay: 1 });
    });

    it("exports a shopper's events a page at a time (keyset)", async () => {
      await event("u", "a", 2_000, { eventId: "x1" });
      await event("u", "b", 1_000);
      await event("u", "c", 2_000);
      await event("w", "a", 1_500);
      await event("u", "a", 3_000);
      const u = (await store().users.idOf("u"))!;
      const first = await store().events.exportPage(u, 2);
      expect(first.map((e) => [e.item_id, e.ts])).toEqual([["b", 1_000], ["a", 2_000]]);
      expect(first[1]).toMatchObject({ event_id: "x1", type: VIEW, value: null, context: null });
      const last = first.at(-1)!;
      const second = await store().events.exportPage(u, 2, { ts: last.ts, id: last.id });
      expect(second.map((e) => [e.item_id, e.ts])).toEqual([["c", 2_000], ["a", 3_000]]);
      const end = second.at(-1)!;
      expect(await store().events.exportPage(u, 2, { ts: end.ts, id: end.id })).toEqual([]);
    });

    it("reads a shopper's events newest first a page at a time (keyset)", async () => {
      await event("u", "a", 2_000);
      await event("u", "b", 1_000);
      await event("u", "c", 2_000);
      await event("w", "a", 1_500);
      const u = (await store().users.idOf("u"))!;
      const first = await store().events.recentPage(u, 2);
      expect(first.map((e) => [e.item_id, e.ts])).toEqual([["c", 2_000], ["a", 2_000]]);
      const last = first.at(-1)!;
      expect((await store().events.recentPage(u, 2, { ts: last.ts, id: last.id })).map((e) => e.item_id)).toEqual(["b"]);
    });

    it("counts events per UTC day and type from a day on", async () => {
      await event("u", "a", 3 * DAY + 5);
      await event("u", "b", 3 * DAY + 9, { type: PURCHASE });
      await event("w", "a", 4 * DAY);
      await event("w", "b", 4 * DAY + 1);
      await event("w", "c", 1 * DAY);
      expect(await store().events.perDay(3 * DAY + 1_000)).toEqual([
        { day: 3 * DAY, type: Math.min(VIEW, PURCHASE), count: 1 },
        { day: 3 * DAY, type: Math.max(VIEW, PURCHASE), count: 1 },
        { day: 4 * DAY, type: VIEW, count: 2 },
      ]);
    });

    it("finds and deletes events older than a time", async () => {
      await event("u", "a", 1_000);
      await event("u", "b", 2_000);
      await event("w", "c", 3_000);
      const old = await store().events.idsOlderThan(2_500);
      expect(old.length).toBe(2);
      expect(await store().events.deleteIds(old)).toBe(2);
      expect(await store().events.deleteIds([])).toBe(0);
      expect(await store().events.count()).toBe(1);
      expect(await store().events.idsOlderThan(2_500)).toEqual([]);
    });
  });

  describe("shopper versions", () => {
    it("move with every event stored, imported or removed, and with no other shopper's", async () => {
      await event("u", "a", 1_000);
      await event("w", "a", 1_000);
      const u = (await store().users.idOf("u"))!;
      const w = (await store().users.idOf("w"))!;
      const first = await store().events.versionOf(u);
      expect(first.count).toBe(1);
      expect(await store().events.versionOf(u)).toEqual(first);

      // An event older than the others still changes the version.
      await event("u", "b", 10);
      const second = await store().events.versionOf(u);
      expect(second.count).toBe(2);
      expect(second.last).toBeGreaterThan(first.last);
      const ofW = await store().events.versionOf(w);

      const session = await store().beginImport();
      await session.event({ userExtId: "u", itemExtId: "c", type: VIEW, value: null, ts: 5, context: null });
      await session.publish();
      const third = await store().events.versionOf(u);
      expect(third.count).toBe(3);
      expect(third.last).toBeGreaterThan(second.last);
      expect(await store().events.versionOf(w)).toEqual(ofW);

      // Retention removes the oldest: the count falls.
      expect(await store().events.deleteIds(await store().events.idsOlderThan(100))).toBe(2);
      expect((await store().events.versionOf(u)).count).toBe(1);
      expect(await store().events.versionOf(9999)).toEqual({ count: 0, last: 0 });
    });
  });
}
