// Shoppers' histories held in a serving process (serving/shopper-histories.ts) against the
// store's own answer, while another process (a second connection to the same SQLite file)
// stores and deletes events: every request must see exactly what the store holds.
import { afterEach, describe, expect, it } from "vitest";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { ShopperHistories } from "../server/serving/shopper-histories.js";
import { eraseUser } from "../server/access/privacy.js";
import { applyRetention } from "../server/access/retention.js";
import Database from "better-sqlite3";
import { join } from "node:path";
import { eventCode, PURCHASE } from "../models/event-types.js";
import { sqliteConfig } from "./helpers.js";

const ITEMS = ["a", "b", "c", "d", "e", "f"];
const SHOPPERS = ["s1", "s2", "s3", "s4", "s5"];
const T0 = Date.parse("2026-01-01T00:00:00Z");

describe("shoppers' histories held in a process", () => {
  let here: Runtime;
  let other: Runtime;
  afterEach(async () => {
    await other?.close();
    await here?.close();
  });

  async function twoProcesses(): Promise<void> {
    here = await openRuntime(sqliteConfig());
    other = await openRuntime(here.config);
    await here.catalogue.upsertItems(ITEMS.map((id) => ({ id, title: id })));
    await here.catalogue.upsertUsers(SHOPPERS.map((id) => ({ id })));
  }

  /** What the store answers for the shopper, and what the held histories answer. */
  async function both(h: ShopperHistories, ext: string, maxHistory: number) {
    const id = (await here.store.users.idOf(ext))!;
    const shopper = await h.of(id);
    const stored = await here.store.events.history(id, maxHistory);
    const bought = stored.length >= maxHistory ? await here.store.events.purchasedItems(id) : [...new Set(stored.filter((e) => e.type === PURCHASE).map((e) => e.itemId))];
    return { held: await shopper.events(), stored, heldBought: (await shopper.purchased()).sort(), bought: bought.sort(), version: shopper.version };
  }

  it("answers what the store holds while another process stores events in any time order, within its budget", async () => {
    await twoProcesses();
    const maxHistory = 4;
    const histories = new ShopperHistories(here.store, maxHistory, 12);
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    for (let round = 0; round < 40; round++) {
      const events = Array.from({ length: 1 + random(4) }, () => ({
        user_id: SHOPPERS[random(SHOPPERS.length)], item_id: ITEMS[random(ITEMS.length)], type: (["view", "cart", "purchase"] as const)[random(3)],
        // Times repeat and go back: an import may bring events older than those held.
        timestamp: T0 + random(20) * 60_000,
      }));
      await (round % 2 ? other : here).catalogue.recordEvents(events);
      for (const ext of SHOPPERS.slice(random(3))) {
        const { held, stored, heldBought, bought } = await both(histories, ext, maxHistory);
        expect(held, `${ext} in round ${round}`).toEqual(stored);
        expect(heldBought).toEqual(bought);
      }
      expect(histories.size).toBeLessThanOrEqual(12);
    }
    expect(histories.size).toBeGreaterThan(0);
  });

  it("reads where the events end once for the requests of one turn, after all of them asked", async () => {
    await twoProcesses();
    const histories = new ShopperHistories(here.store, 50, 1000);
    const feed = here.store.eventFeed!;
    const head = feed.head.bind(feed);
    let reads = 0;
    feed.head = () => (reads++, head());
    const ids = await Promise.all(SHOPPERS.map(async (ext) => (await here.store.users.idOf(ext))!));
    await Promise.all(ids.map((id) => histories.of(id)));
    expect(reads).toBe(1);
    // Another process stores an event in the same turn, after the request asked: the one
    // read, made after every request of the turn asked, sees it.
    const item = (await here.store.items.idOf("a"))!;
    const asked = histories.of(ids[0]);
    const raw = new Database(join(here.config.dataDir, "tuijian.db"));
    raw.prepare("INSERT INTO events (user_id, item_id, type, value, ts) VALUES (?, ?, ?, NULL, ?)").run(ids[0], item, eventCode("view"), T0);
    raw.close();
    expect((await (await asked).events()).map((e) => e.itemId)).toEqual([item]);
    expect(reads).toBe(2);
  });

  it("moves a shopper's version with their events only, and forgets deleted events at once", async () => {
    await twoProcesses();
    const histories = new ShopperHistories(here.store, 50, 1000);
    await other.catalogue.recordEvents(SHOPPERS.map((user_id, k) => ({ user_id, item_id: ITEMS[k], type: "view" as const, timestamp: T0 + k })));
    const first = await both(histories, "s1", 50);
    expect((await both(histories, "s1", 50)).version).toEqual(first.version);
    await other.catalogue.recordEvents([{ user_id: "s2", item_id: "a", type: "purchase", timestamp: T0 + 100 }]);
    expect((await both(histories, "s1", 50)).version).toEqual(first.version);
    await other.catalogue.recordEvents([{ user_id: "s1", item_id: "b", type: "purchase", timestamp: T0 + 100 }]);
    const after = await both(histories, "s1", 50);
    expect(after.version).not.toEqual(first.version);
    expect(after.held.length).toBe(2);
    expect(after.heldBought).toEqual(after.bought);

    // Retention elsewhere: the old events are gone here at the next request.
    await applyRetention(other.store, 1, "test", T0 + 50 + 86_400_000);
    const retained = await both(histories, "s1", 50);
    expect(retained.held).toEqual(retained.stored);
    expect(retained.held.map((e) => e.ts)).toEqual([T0 + 100]);

    // An erasure elsewhere: no events of the shopper are served from memory.
    const id = (await here.store.users.idOf("s1"))!;
    await eraseUser(other.store, "s1", { actor: "test" });
    expect((await histories.of(id)).version.count).toBe(0);
    expect(await (await histories.of(id)).events()).toEqual([]);
  });

  it("serves events of this process's open transaction but never holds them: a rollback leaves no trace", async () => {
    await twoProcesses();
    const histories = new ShopperHistories(here.store, 50, 1000);
    const id = (await here.store.users.idOf("s3"))!;
    const item = (await here.store.items.idOf("c"))!;
    expect(await (await histories.of(id)).events()).toEqual([]);
    await expect(
      here.store.transaction(async (tx) => {
        await tx.events.insert({ userId: id, itemId: item, type: PURCHASE, value: null, ts: T0, context: null });
        expect((await (await histories.of(id)).events()).map((e) => e.itemId)).toEqual([item]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    // Another process's next event takes the rolled-back event's id.
    await other.catalogue.recordEvents([{ user_id: "s4", item_id: "a", type: "view", timestamp: T0 }]);
    expect(await (await histories.of(id)).events()).toEqual([]);
    await other.catalogue.recordEvents([{ user_id: "s3", item_id: "d", type: "view", timestamp: T0 }]);
    expect((await (await histories.of(id)).events()).map((e) => e.itemId)).toEqual([(await here.store.items.idOf("d"))!]);
  });

  it("reads a full history's purchases from the store once, then keeps them up with every purchase stored, however old", async () => {
    await twoProcesses();
    const maxHistory = 3;
    const histories = new ShopperHistories(here.store, maxHistory, 1000);
    const events = here.store.events;
    const read = events.purchasedItems.bind(events);
    let reads = 0;
    events.purchasedItems = (id: number) => (reads++, read(id));
    const at = (minutes: number) => T0 + minutes * 60_000;
    const buy = (item: string, minutes: number) => other.catalogue.recordEvents([{ user_id: "s1", item_id: item, type: "purchase", timestamp: at(minutes) }]);
    await other.catalogue.recordEvents(["a", "b", "c", "d"].map((item_id, k) => ({ user_id: "s1", item_id, type: "view" as const, timestamp: at(10 + k) })));
    await buy("e", 1);
    const check = async (why: string) => {
      const { heldBought, bought, version } = await both(histories, "s1", maxHistory);
      expect(heldBought, why).toEqual(bought);
      return version;
    };
    await check("first read");
    expect(reads).toBe(2); // held, and the store's own answer
    // Newer than the held events, older than them all, and a repeat: the held purchases follow.
    const before = await check("held");
    await buy("f", 20);
    expect(await check("a new purchase")).not.toEqual(before);
    const older = await check("again");
    await buy("a", 2);
    expect(await check("a purchase older than the held events")).not.toEqual(older);
    await buy("e", 30);
    await check("a repeat");
    // Each check after the first read the store once more for its own answer only.
    expect(reads).toBe(2 + 5);
  });
});
