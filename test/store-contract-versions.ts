// The store contract's shopper versions: what a cached list is checked against on every
// request, in whichever process (a part of store-contract.ts, run against every backend).
import { describe, expect, it } from "vitest";
import type { Store } from "../server/store/types.js";
import { eventCode } from "../models/event-types.js";

const VIEW = eventCode("view");

/** `event` stores one event of a shopper and an item, creating both (store-contract.ts). */
export function shopperVersionContract(store: () => Store, event: (user: string, item: string, ts: number, more?: { eventId?: string }) => Promise<boolean>): void {
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
