import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { join } from "node:path";
import { Store } from "../server/store/store.js";
import { SCHEMA_VERSION } from "../server/store/migrations.js";
import { eventCode } from "../models/event-types.js";
import { HISTORY_SQL } from "../server/store/events.js";
import { tempDir } from "./helpers.js";

const openStore = (dir = tempDir()) => Store.open(join(dir, "tuijian.db"));

describe("store", () => {
  it("creates the schema at the current version, in WAL mode, once", () => {
    const dir = tempDir();
    const store = openStore(dir);
    const id = store.id;
    store.close();
    const db = new Database(join(dir, "tuijian.db"));
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    const again = openStore(dir);
    expect(again.id).toBe(id);
    again.close();
  });

  it("refuses a store written by a newer tuijian", () => {
    const dir = tempDir();
    openStore(dir).close();
    const db = new Database(join(dir, "tuijian.db"));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openStore(dir)).toThrow(/newer than this tuijian/);
  });

  it("upserts items, keeps ids stable, soft-deletes and revives them", () => {
    const store = openStore();
    const id = store.items.upsert({ id: "sku-1", title: "Mug", price: 4.5, tags: ["kitchen"], stock: 3 });
    expect(store.items.upsert({ id: "sku-1", title: "Blue mug", price: 5 })).toBe(id);
    expect(store.items.get("sku-1")).toMatchObject({ id: "sku-1", title: "Blue mug", price: 5, tags: [], stock: null, available: true });
    expect(store.items.delete("sku-1")).toBe(id);
    expect(store.items.get("sku-1")).toBeUndefined();
    expect(store.items.delete("sku-1")).toBeUndefined();
    expect(store.items.unrecommendableIds()).toEqual([id]);
    store.items.upsert({ id: "sku-1", title: "Mug again" });
    expect(store.items.get("sku-1")?.title).toBe("Mug again");
    expect(store.items.unrecommendableIds()).toEqual([]);
    store.close();
  });

  it("treats out-of-stock items as not recommendable", () => {
    const store = openStore();
    const a = store.items.upsert({ id: "a", stock: 0 });
    const b = store.items.upsert({ id: "b", stock: 2 });
    expect(store.items.unrecommendableIds()).toEqual([a]);
    expect(store.items.summaries([a, b]).get(a)?.recommendable).toBe(false);
    expect(store.items.summaries([a, b]).get(b)?.recommendable).toBe(true);
    store.close();
  });

  it("serves item summaries from its cache until any process changes the catalogue", () => {
    const dir = tempDir();
    const reader = openStore(dir);
    const writer = openStore(dir);
    const a = writer.items.upsert({ id: "a", title: "Mug", stock: 2 });
    const b = writer.items.upsert({ id: "b", title: "Cup" });
    expect(reader.items.summaries([a, b]).get(a)).toEqual({ extId: "a", title: "Mug", recommendable: true });
    writer.items.upsert({ id: "a", title: "Blue mug", stock: 0 });
    expect(reader.items.summaries([a]).get(a)).toEqual({ extId: "a", title: "Blue mug", recommendable: false });
    writer.items.delete("b");
    expect(reader.items.summaries([a, b]).get(b)?.recommendable).toBe(false);
    reader.close();
    writer.close();
  });

  it("returns a user's history newest first and their purchases", () => {
    const store = openStore();
    const u = store.users.ensure("shopper").id;
    const [a, b] = [store.items.upsert({ id: "a" }), store.items.upsert({ id: "b" })];
    store.events.insert({ userId: u, itemId: a, type: eventCode("view"), value: null, ts: 1000, context: null });
    store.events.insert({ userId: u, itemId: b, type: eventCode("purchase"), value: 2, ts: 3000, context: null });
    store.events.insert({ userId: u, itemId: a, type: eventCode("cart"), value: null, ts: 2000, context: null });
    expect(store.events.history(u, 10).map((e) => e.ts)).toEqual([3000, 2000, 1000]);
    expect(store.events.history(u, 2)).toHaveLength(2);
    expect(store.events.purchasedItems(u)).toEqual([b]);
    store.close();
  });

  it("reads a history from one index, without the table, the latest of equal times first", () => {
    const dir = tempDir();
    const store = openStore(dir);
    const u = store.users.ensure("shopper").id;
    const [a, b] = [store.items.upsert({ id: "a" }), store.items.upsert({ id: "b" })];
    store.events.insert({ userId: u, itemId: a, type: eventCode("view"), value: null, ts: 1000, context: null });
    store.events.insert({ userId: u, itemId: b, type: eventCode("cart"), value: null, ts: 1000, context: null });
    expect(store.events.history(u, 1)).toEqual([{ itemId: b, type: eventCode("cart"), value: null, ts: 1000 }]);
    store.close();
    const db = new Database(join(dir, "tuijian.db"), { readonly: true });
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${HISTORY_SQL}`).all(u, 10) as { detail: string }[];
    db.close();
    expect(plan.map((p) => p.detail)).toEqual(["SEARCH events USING COVERING INDEX events_user_history (user_id=?)"]);
  });

  it("rolls back every write of a failed transaction", () => {
    const store = openStore();
    expect(() =>
      store.transaction(() => {
        store.items.upsert({ id: "x" });
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(store.items.idOf("x")).toBeUndefined();
    expect(store.isEmpty()).toBe(true);
    store.close();
  });
});
