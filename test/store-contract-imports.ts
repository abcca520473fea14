// The store contract's bulk imports: staged rows published all or nothing, event ids
// deduplicated, crashes resumed (a part of store-contract.ts, run against every backend).
import { describe, expect, it } from "vitest";
import type { Store } from "../server/store/types.js";
import { eventCode } from "../models/event-types.js";

const VIEW = eventCode("view");
const PURCHASE = eventCode("purchase");

/** Stores one event of a shopper and an item, creating both (store-contract.ts); false: a duplicate event id. */
export type StoreEvent = (user: string, item: string, ts: number, more?: { type?: number; eventId?: string; value?: number }) => Promise<boolean>;

export function importContract(store: () => Store, event: StoreEvent): void {
  describe("imports", () => {
    it("stages and publishes items, users and events all at once", async () => {
      const gone = await store().items.upsert({ id: "gone", title: "Old" });
      await store().items.delete("gone");
      await event("known-user", "known-item", 1, { eventId: "stored" });
      const session = await store().beginImport();
      await session.item({ id: "gone", title: "Back", tags: ["x"] });
      await session.item({ id: "new", title: "First" });
      await session.item({ id: "new", title: "Second, wins" });
      await session.user({ id: "known-user", attributes: { tier: "gold" } });
      await session.user({ id: "fresh", attributes: { tier: "tab\there, line\nbreak, back\\slash" } });
      expect(await session.hasItem("new")).toBe(true);
      expect(await session.hasItem("known-item")).toBe(false);
      const staged = (userExtId: string, itemExtId: string, ts: number, eventId?: string) =>
        session.event({ userExtId, itemExtId, type: PURCHASE, value: 2.5, ts, context: '{"page":"home"}', eventId });
      expect(await staged("known-user", "gone", 10, "e1")).toBe(true);
      expect(await staged("fresh", "new", 11, "e1")).toBe(false);
      expect(await staged("stranger", "unheard-of", 12)).toBe(true);
      expect(await staged("stranger", "unheard-of", 13)).toBe(true);
      expect(await staged("fresh", "known-item", 14, "stored")).toBe(true);
      expect(await store().items.get("new")).toBeUndefined(); // nothing visible before publish
      const progress: number[] = [];
      const totals = await session.publish((rows) => progress.push(rows));
      expect(totals).toMatchObject({ createdItems: 1, createdUsers: 1, duplicates: 1 });
      expect(progress.at(-1)).toBe(totals.rows);
      expect(await store().items.get("gone")).toMatchObject({ title: "Back", tags: ["x"] });
      expect(await store().items.idOf("gone")).toBe(gone);
      expect((await store().items.get("new"))?.title).toBe("Second, wins");
      expect((await store().items.get("unheard-of"))?.title).toBeNull();
      expect((await store().users.get("known-user"))?.attributes).toEqual({ tier: "gold" });
      expect((await store().users.get("fresh"))?.attributes).toEqual({ tier: "tab\there, line\nbreak, back\\slash" });
      expect(await store().events.count()).toBe(4);
      const stranger = (await store().users.idOf("stranger"))!;
      expect(await store().events.history(stranger, 10)).toEqual([
        { itemId: (await store().items.idOf("unheard-of"))!, type: PURCHASE, value: 2.5, ts: 13 },
        { itemId: (await store().items.idOf("unheard-of"))!, type: PURCHASE, value: 2.5, ts: 12 },
      ]);
      const exported = await store().events.exportPage((await store().users.idOf("known-user"))!, 10);
      expect(exported.map((e) => [e.item_id, e.event_id, e.context])).toEqual([["known-item", "stored", null], ["gone", "e1", '{"page":"home"}']]);
    });

    it("publishes in small steps (the tuning's cap), still all or nothing", async () => {
      await event("known-user", "known-item", 1, { eventId: "stored" });
      const stage = async (n: number) => {
        const session = await store().beginImport({ maxBatchRows: 2 });
        await session.item({ id: "i0", title: "Zero" });
        const outcomes: boolean[] = [];
        for (let t = 0; t < n; t++) {
          const eventId = t === 5 ? "stored" : t === 6 ? "e1" : t % 4 === 1 ? "e1" : undefined;
          outcomes.push(await session.event({ userExtId: `u${t % 3}`, itemExtId: `i${t % 4}`, type: VIEW, value: null, ts: 10 + t, context: null, eventId }));
        }
        return { session, outcomes };
      };
      const dropped = await stage(7);
      expect(await store().items.get("i0")).toBeUndefined(); // nothing visible before publish
      await dropped.session.abort();
      expect(await store().events.count()).toBe(1);
      expect(await store().users.idOf("u0")).toBeUndefined();

      const { session, outcomes } = await stage(9);
      expect(outcomes).toEqual([true, true, true, true, true, true, false, true, true]);
      const totals = await session.publish();
      expect(totals).toMatchObject({ createdItems: 3, createdUsers: 3, duplicates: 1 });
      expect(await store().events.count()).toBe(1 + 7);
      expect((await store().items.get("i0"))?.title).toBe("Zero");
      const u2 = (await store().users.idOf("u2"))!;
      expect((await store().events.history(u2, 10)).map((e) => e.ts)).toEqual([18, 12]); // 15 carried the stored event id
    });

    it("aborts: nothing staged is published", async () => {
      const session = await store().beginImport();
      await session.item({ id: "a" });
      await session.user({ id: "u" });
      await session.event({ userExtId: "u", itemExtId: "a", type: VIEW, value: null, ts: 1, context: null });
      await session.abort();
      expect(await store().isEmpty()).toBe(true);
      expect(await store().users.allIds()).toEqual([]);
    });

    it("takes no ids for rows it only updates", async () => {
      const a = await store().items.upsert({ id: "a" });
      const u = await store().users.upsert({ id: "u" });
      for (let round = 0; round < 3; round++) {
        const session = await store().beginImport();
        await session.item({ id: "a", title: `A${round}` });
        await session.user({ id: "u", attributes: { round } });
        await session.event({ userExtId: "u", itemExtId: "a", type: VIEW, value: null, ts: round, context: null });
        await session.publish();
      }
      expect((await store().items.get("a"))?.title).toBe("A2");
      expect(await store().items.upsert({ id: "b" })).toBe(a + 1);
      expect((await store().users.ensure("v")).id).toBe(u + 1);
    });

    it("publishes an empty import", async () => {
      const session = await store().beginImport();
      expect(await session.publish()).toEqual({ rows: 0, createdItems: 0, createdUsers: 0, duplicates: 0 });
    });
  });
}
