// The store contract's closing-the-loop tables: served lists read by time, the events
// attributed to them (named, or a purchase within the window after a click), experiments.
import { describe, expect, it } from "vitest";
import type { ServedList, Store } from "../server/store/types.js";
import { eventCode } from "../models/event-types.js";

const CLICK = eventCode("click");
const CART = eventCode("cart");
const PURCHASE = eventCode("purchase");

export function loopContract(store: () => Store): void {
  const list = (id: string, ts: number, userId: number | null, items: number[], more: Partial<ServedList> = {}): ServedList => ({
    id, ts, userId, placement: "home", variant: null, modelVersion: "v1", items, teams: null, ...more,
  });

  describe("served lists by time", () => {
    it("are read in (ts, id) order a page at a time, optionally by variant prefix, with their teams", async () => {
      await store().served.append([
        list("c", 2_000, 1, [1], { variant: "exp:a" }), list("a", 1_000, 1, [1]), list("b", 2_000, 2, [2, 1], { variant: "exp:interleaved", teams: "ba" }),
        list("d", 3_000, 2, [2], { variant: "exp2:a" }), list("e", 9_000, 1, [1], { variant: "exp:b" }),
      ]);
      const all = await store().served.page({ from: 0, to: 9_000, limit: 10 });
      expect(all.map((l) => l.id)).toEqual(["a", "b", "c", "d"]);
      expect(all[1]).toEqual(list("b", 2_000, 2, [2, 1], { variant: "exp:interleaved", teams: "ba" }));
      const first = await store().served.page({ from: 0, to: 10_000, variantPrefix: "exp:", limit: 2 });
      expect(first.map((l) => l.id)).toEqual(["b", "c"]);
      const next = await store().served.page({ from: 0, to: 10_000, variantPrefix: "exp:", limit: 2, after: { ts: 2_000, id: "c" } });
      expect(next.map((l) => l.id)).toEqual(["e"]);
    });
  });

  describe("attributed events", () => {
    it("are those naming a list, and purchases without one after a click or cart of the same item within the window", async () => {
      const s = store();
      const [a, b] = [await s.items.upsert({ id: "a", price: 10 }), await s.items.upsert({ id: "b", price: 5 })];
      const [u1, u2] = [(await s.users.ensure("u1")).id, (await s.users.ensure("u2")).id];
      const ev = (userId: number, itemId: number, type: number, ts: number, recId: string | null, value: number | null = null) =>
        s.events.insert({ userId, itemId, type, value, ts, context: null, recId });
      await ev(u1, a, CLICK, 1_500, "L1");
      await ev(u1, a, CLICK, 1_550, "L3"); // a later click: the purchase goes to L3
      await ev(u1, a, PURCHASE, 1_600, null, 2);
      await ev(u1, a, PURCHASE, 2_600, null); // more than the window after the last click
      await ev(u1, b, PURCHASE, 1_600, null); // b was never clicked from a list
      await ev(u2, b, CART, 2_100, "L2");
      await ev(u2, b, PURCHASE, 2_500, "L2"); // names its list: direct, not a window purchase too
      await ev(u2, b, PURCHASE, 2_900, null, 3);
      const got = await s.served.attributed(0, 10_000, 1_000, 0, 100);
      const view = got.map((e) => [e.listId, e.userId, e.itemId, e.type, e.value, e.price, e.ts, e.via]);
      expect(view).toEqual([
        ["L1", u1, a, CLICK, null, 10, 1_500, "direct"],
        ["L3", u1, a, CLICK, null, 10, 1_550, "direct"],
        ["L3", u1, a, PURCHASE, 2, 10, 1_600, "window"],
        ["L2", u2, b, CART, null, 5, 2_100, "direct"],
        ["L2", u2, b, PURCHASE, null, 5, 2_500, "direct"],
        ["L2", u2, b, PURCHASE, 3, 5, 2_900, "window"],
      ]);
      expect(got.map((e) => e.eventId)).toEqual([...got.map((e) => e.eventId)].sort((x, y) => x - y));
      const page = await s.served.attributed(0, 10_000, 1_000, got[2].eventId, 2);
      expect(page.map((e) => e.eventId)).toEqual([got[3].eventId, got[4].eventId]);
      expect((await s.served.attributed(2_000, 10_000, 1_000, 0, 100)).map((e) => e.ts)).toEqual([2_100, 2_500, 2_900]);
    });
  });

  describe("experiments", () => {
    it("are created once, changed under their version (start and stop stamped), listed, deleted; each change moves the counter", async () => {
      const s = store();
      const before = (await s.counters()).experiments;
      const e = await s.experiments.create("x", '{"v":1}', 1_000);
      expect(e).toEqual({ id: "x", definition: '{"v":1}', status: "draft", version: 1, createdAt: 1_000, updatedAt: 1_000, startedAt: null, stoppedAt: null });
      expect(await s.experiments.create("x", "{}")).toBeUndefined();
      expect(await s.experiments.update("x", 2, { status: "running" })).toBeUndefined();
      const started = await s.experiments.update("x", 1, { status: "running" }, 2_000);
      expect(started).toMatchObject({ status: "running", version: 2, startedAt: 2_000, stoppedAt: null, definition: '{"v":1}' });
      const stopped = await s.experiments.update("x", 2, { status: "stopped" }, 3_000);
      expect(stopped).toMatchObject({ status: "stopped", version: 3, startedAt: 2_000, stoppedAt: 3_000 });
      const again = await s.experiments.update("x", 3, { status: "running" }, 4_000);
      expect(again).toMatchObject({ startedAt: 2_000, stoppedAt: null });
      await s.experiments.update("x", 4, { definition: '{"v":2}' }, 5_000);
      expect(await s.experiments.get("x")).toMatchObject({ definition: '{"v":2}', status: "running", version: 5, updatedAt: 5_000 });
      await s.experiments.create("y", "{}", 500);
      expect((await s.experiments.list()).map((r) => r.id)).toEqual(["y", "x"]);
      expect((await s.counters()).experiments).toBeGreaterThanOrEqual(before + 6);
      expect(await s.experiments.delete("y")).toBe(true);
      expect(await s.experiments.delete("y")).toBe(false);
      expect(await s.experiments.get("y")).toBeUndefined();
    });
  });
}
