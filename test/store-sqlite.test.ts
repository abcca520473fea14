// What is particular to the SQLite backend: its file's schema version and WAL mode, the
// covering index a history is read from, and the write gate that keeps a transaction
// spanning awaits apart from other writes on the same connection. What every backend
// must do is the contract suite's (store-contract.ts).
import { describe, expect, it, vi } from "vitest";
import Database from "better-sqlite3";
import { join } from "node:path";
import { SqliteStore } from "../server/store/sqlite/store.js";
import { SCHEMA_VERSION } from "../server/store/sqlite/migrations.js";
import { historySql } from "../server/store/sqlite/events.js";
import { CHANGED_FACETS_SQL, UNRECOMMENDABLE_SQL } from "../server/store/sqlite/items.js";
import { ChangeWatcher } from "../server/store/change-watcher.js";
import { CatalogueChanges } from "../server/serving/catalogue-changes.js";
import { ItemSummaries } from "../server/serving/item-summaries.js";
import { eventCode } from "../models/event-types.js";
import { tempDir } from "./helpers.js";
import { storeContract } from "./store-contract.js";
import type { Store } from "../server/store/types.js";

const open = (dir = tempDir()) => SqliteStore.open(join(dir, "tuijian.db"));

const files = new Map<Store, string>();
storeContract("sqlite", async (sameStorageAs) => {
  const file = sameStorageAs ? files.get(sameStorageAs)! : join(tempDir(), "tuijian.db");
  const store = SqliteStore.open(file);
  files.set(store, file);
  return store;
});

describe("the SQLite store", () => {
  it("creates the schema at the current version, in WAL mode, once", async () => {
    const dir = tempDir();
    const store = open(dir);
    const id = store.id;
    await store.close();
    const db = new Database(join(dir, "tuijian.db"));
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    const again = open(dir);
    expect(again.id).toBe(id);
    await again.close();
  });

  it("refuses a store written by a newer tuijian", async () => {
    const dir = tempDir();
    await open(dir).close();
    const db = new Database(join(dir, "tuijian.db"));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => open(dir)).toThrow(/newer than this tuijian/);
  });

  it("reads a history from one index, without the table, the latest of equal times first", async () => {
    const dir = tempDir();
    const store = open(dir);
    const u = (await store.users.ensure("shopper")).id;
    const [a, b] = [await store.items.upsert({ id: "a" }), await store.items.upsert({ id: "b" })];
    await store.events.insert({ userId: u, itemId: a, type: eventCode("view"), value: null, ts: 1000, context: null });
    await store.events.insert({ userId: u, itemId: b, type: eventCode("cart"), value: null, ts: 1000, context: null });
    expect(await store.events.history(u, 1)).toEqual([{ itemId: b, type: eventCode("cart"), value: null, ts: 1000 }]);
    await store.close();
    const db = new Database(join(dir, "tuijian.db"), { readonly: true });
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${historySql(10)}`).all(u) as { detail: string }[];
    db.close();
    expect(plan.map((p) => p.detail)).toEqual(["SEARCH events USING COVERING INDEX events_user_history (user_id=?)"]);
  });

  it("reads the items a list must not show from their partial index, not by a scan of the catalogue", async () => {
    const dir = tempDir();
    const store = open(dir);
    await store.items.upsert({ id: "gone", stock: 0 });
    await store.close();
    const db = new Database(join(dir, "tuijian.db"), { readonly: true });
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${UNRECOMMENDABLE_SQL}`).all() as { detail: string }[];
    db.close();
    expect(plan.map((p) => p.detail)).toEqual(["SCAN items USING INDEX items_unrecommendable"]);
  });

  it("stamps the catalogue version on items a write did not stamp, and reads what changed by the version index", async () => {
    const dir = tempDir();
    const store = open(dir);
    await store.items.upsert({ id: "a" });
    const seen = (await store.counters()).catalogue;
    await store.close();
    const db = new Database(join(dir, "tuijian.db"));
    db.prepare("UPDATE items SET title = 'raw' WHERE ext_id = 'a'").run();
    db.prepare("INSERT INTO items (ext_id, created_at, updated_at) VALUES ('b', 0, 0)").run();
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${CHANGED_FACETS_SQL}`).all(seen) as { detail: string }[];
    db.close();
    expect(plan.map((p) => p.detail)).toEqual(["SEARCH items USING INDEX items_version (version>?)", "USE TEMP B-TREE FOR ORDER BY"]);
    const reopened = open(dir);
    expect((await reopened.items.facets(seen)).map((f) => f[0])).toEqual([await reopened.items.idOf("a"), await reopened.items.idOf("b")]);
    await reopened.close();
  });

  it("keeps a write made while another request's transaction awaits out of that transaction", async () => {
    const store = open();
    let release!: () => void;
    const failing = store.transaction(async (tx) => {
      await tx.items.upsert({ id: "inside" });
      await new Promise<void>((r) => (release = r));
      throw new Error("rolled back");
    });
    // Another request writes while the transaction is open: it waits, and survives the rollback.
    const outside = store.items.upsert({ id: "outside" });
    await new Promise((r) => setTimeout(r, 20));
    release();
    await expect(failing).rejects.toThrow("rolled back");
    await outside;
    expect(await store.items.idOf("inside")).toBeUndefined();
    expect(await store.items.idOf("outside")).toBeDefined();
    await store.close();
  });
});

describe("item summaries", () => {
  it("are served from a process's cache until any process changes the item", async () => {
    const dir = tempDir();
    const reader = open(dir);
    const writer = open(dir);
    const summaries = new ItemSummaries(reader, new CatalogueChanges(reader, new ChangeWatcher(reader, 0)));
    const read = vi.spyOn(reader.items, "summaries");
    const a = await writer.items.upsert({ id: "a", title: "Mug", stock: 2 });
    const b = await writer.items.upsert({ id: "b", title: "Cup" });
    expect((await summaries.of([a, b])).get(a)).toEqual({ extId: "a", title: "Mug", recommendable: true });
    await writer.items.upsert({ id: "a", title: "Blue mug", stock: 0 });
    expect((await summaries.of([a])).get(a)).toEqual({ extId: "a", title: "Blue mug", recommendable: false });
    await writer.items.delete("b");
    expect((await summaries.of([a, b])).get(b)?.recommendable).toBe(false);
    expect(read.mock.calls.slice(1)).toEqual([[[a]], [[b]]]); // only the changed item read again

    // A store restored under the running process: its catalogue counter went back.
    const raw = new Database(join(dir, "tuijian.db"));
    raw.prepare("UPDATE catalogue_version SET version = 1").run();
    raw.prepare("UPDATE items SET title = 'Restored mug' WHERE ext_id = 'a'").run();
    raw.close();
    expect((await summaries.of([a])).get(a)?.title).toBe("Restored mug");
    await reader.close();
    await writer.close();
  });

  it("are read ahead, so that lists after a start read none, and kept up after", async () => {
    const store = open(tempDir());
    const ids = [];
    for (let i = 0; i < 12_000; i++) ids.push(await store.items.upsert({ id: `i${i}`, title: `Item ${i}` }));
    const summaries = new ItemSummaries(store, new CatalogueChanges(store, new ChangeWatcher(store, 0)));
    await summaries.readAhead();
    const read = vi.spyOn(store.items, "summaries");
    const some = [ids[0], ids[5_000], ids[11_999]];
    expect([...(await summaries.of(some)).values()].map((s) => s.title)).toEqual(["Item 0", "Item 5000", "Item 11999"]);
    expect(read).not.toHaveBeenCalled();
    await store.items.upsert({ id: "i5000", title: "Renamed" });
    expect((await summaries.of([ids[5_000]])).get(ids[5_000])?.title).toBe("Renamed");
    expect(read.mock.calls).toEqual([[[ids[5_000]]]]);
    await store.close();
  });

  it("read while their item changes are served to that request but not kept", async () => {
    const dir = tempDir();
    const reader = open(dir);
    const writer = open(dir);
    const a = await writer.items.upsert({ id: "a", title: "Mug" });
    const catalogue = new CatalogueChanges(reader, new ChangeWatcher(reader, 0));
    const summaries = new ItemSummaries(reader, catalogue);
    await catalogue.current();
    // The read answers from before a write that this process learns of while the read awaits (as a PostgreSQL read may).
    const before = await reader.items.summaries([a]);
    vi.spyOn(reader.items, "summaries").mockImplementationOnce(async () => {
      await writer.items.upsert({ id: "a", title: "Blue mug" });
      await catalogue.current();
      return before;
    });
    expect((await summaries.of([a])).get(a)?.title).toBe("Mug");
    expect((await summaries.of([a])).get(a)?.title).toBe("Blue mug");
    await reader.close();
    await writer.close();
  });
});
