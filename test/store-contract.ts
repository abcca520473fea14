// The store's contract (server/store/types.ts) as one suite, run against every backend:
// storeContract("postgres", open) registers it. Nothing here knows which backend it runs on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COPY_TABLES, type CopyTable, type Store } from "../server/store/types.js";
import { eventCode } from "../models/event-types.js";
import { adminContract } from "./store-contract-admin.js";
import { loopContract } from "./store-contract-loop.js";
import { importContract } from "./store-contract-imports.js";
import { eventContract } from "./store-contract-events.js";

const VIEW = eventCode("view");
const PURCHASE = eventCode("purchase");

/**
 * @param open a fresh, empty store; given a store, another instance on the same storage
 *   (another process's view of it).
 */
export function storeContract(name: string, open: (sameStorageAs?: Store) => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    const extra: Store[] = [];
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      for (const s of [store, ...extra.splice(0)]) await s.close();
    });

    /** A shopper and an item, and an event of theirs. */
    const event = async (user: string, item: string, ts: number, more: { type?: number; eventId?: string; value?: number } = {}) => {
      const userId = (await store.users.ensure(user)).id;
      const itemId = (await store.items.idOf(item)) ?? (await store.items.upsert({ id: item }));
      return store.events.insert({ userId, itemId, type: more.type ?? VIEW, value: more.value ?? null, ts, context: null, eventId: more.eventId });
    };

    describe("items", () => {
      it("upserts: the same id for the same item, fields replaced, unknown ids undefined", async () => {
        expect(store.kind).toMatch(/\w+/);
        expect(await store.isEmpty()).toBe(true);
        const id = await store.items.upsert({ id: "sku-1", title: "Mug", price: 4.5, tags: ["kitchen"], stock: 3, attributes: { colour: "blue" } }, 1_000);
        expect(await store.items.upsert({ id: "sku-1", title: "Blue mug", price: 5 }, 2_000)).toBe(id);
        expect(await store.items.get("sku-1")).toEqual({
          id: "sku-1", title: "Blue mug", description: null, category: null, price: 5, stock: null, tags: [], attributes: {},
          available: true, created_at: new Date(1_000).toISOString(), updated_at: new Date(2_000).toISOString(),
        });
        expect(await store.items.idOf("sku-1")).toBe(id);
        expect(await store.items.liveIdOf("sku-1")).toBe(id);
        expect(await store.items.idsOf(["nope", "sku-1", "sku-1"])).toEqual(new Map([["sku-1", id]]));
        expect(await store.items.idsOf([])).toEqual(new Map());
        await store.items.upsert({ id: "sku-2", category: "Kitchen", stock: 7, attributes: { colour: "red" } }, 2_000);
        const facets = await store.items.facets();
        expect(facets.map((f) => f.slice(0, 4))).toEqual([[id, null, 5, null], [id + 1, "Kitchen", null, 7]]);
        expect(facets.map((f) => JSON.parse(f[4]))).toEqual([{}, { colour: "red" }]);
        expect(await store.items.get("nope")).toBeUndefined();
        expect(await store.items.idOf("nope")).toBeUndefined();
        expect(await store.items.liveIdOf("nope")).toBeUndefined();
        expect(await store.isEmpty()).toBe(false);
      });

      it("soft-deletes, refuses to delete twice, and revives on upsert", async () => {
        const id = await store.items.upsert({ id: "a", title: "A" });
        expect(await store.items.delete("a")).toBe(id);
        expect(await store.items.delete("a")).toBeUndefined();
        expect(await store.items.delete("never")).toBeUndefined();
        expect(await store.items.get("a")).toBeUndefined();
        expect(await store.items.liveIdOf("a")).toBeUndefined();
        expect(await store.items.idOf("a")).toBe(id);
        expect(await store.items.deletedExtIds()).toEqual(["a"]);
        expect(await store.items.unrecommendableIds()).toEqual([id]);
        expect(await store.items.count()).toBe(0);
        expect(await store.items.upsert({ id: "a", title: "A again" })).toBe(id);
        expect((await store.items.get("a"))?.title).toBe("A again");
        expect(await store.items.deletedExtIds()).toEqual([]);
        expect(await store.items.unrecommendableIds()).toEqual([]);
      });

      it("summarises: deleted and out-of-stock items are not recommendable; unknown ids absent", async () => {
        const a = await store.items.upsert({ id: "a", title: "A", stock: 0 });
        const b = await store.items.upsert({ id: "b", title: "B", stock: 2 });
        const c = await store.items.upsert({ id: "c" });
        await store.items.delete("c");
        const s = await store.items.summaries([a, b, c, 9999]);
        expect([...s.keys()].sort()).toEqual([a, b, c].sort());
        expect(s.get(a)).toEqual({ extId: "a", title: "A", recommendable: false });
        expect(s.get(b)).toEqual({ extId: "b", title: "B", recommendable: true });
        expect(s.get(c)?.recommendable).toBe(false);
        expect((await store.items.get("a"))?.available).toBe(false);
        expect((await store.items.unrecommendableIds()).sort()).toEqual([a, c].sort());
        expect((await store.items.summaries([])).size).toBe(0);
      });

      it("counts, categories and the largest id", async () => {
        expect(await store.items.maxId()).toBe(0);
        const a = await store.items.upsert({ id: "a", category: "Lamps" });
        const b = await store.items.upsert({ id: "b" });
        const c = await store.items.upsert({ id: "c", category: "Mugs" });
        await store.items.delete("b");
        expect(await store.items.maxId()).toBe(Math.max(a, b, c));
        expect(await store.items.count()).toBe(2);
        expect((await store.items.categories()).sort()).toEqual([[a, "Lamps"], [c, "Mugs"]].sort());
      });

      it("pages the catalogue in id order, filtered by category, text and deletion", async () => {
        await store.items.upsert({ id: "mug1", title: "Blue Mug", category: "Kitchen" });
        await store.items.upsert({ id: "mug2", title: "Red mug", category: "Kitchen" });
        await store.items.upsert({ id: "lamp", title: "Desk lamp", category: "Lamps" });
        await store.items.upsert({ id: "gone", title: "Old mug" });
        await store.items.delete("gone");
        const ids = async (q: Parameters<Store["items"]["page"]>[0]) => (await store.items.page(q)).map((i) => i.id);
        expect(await ids({ limit: 2 })).toEqual(["lamp", "mug1"]);
        expect(await ids({ limit: 2, after: "mug1" })).toEqual(["mug2"]);
        expect(await ids({ limit: 10, category: "Kitchen" })).toEqual(["mug1", "mug2"]);
        expect(await ids({ limit: 10, q: "MUG" })).toEqual(["mug1", "mug2"]);
        expect(await ids({ limit: 10, q: "desk" })).toEqual(["lamp"]);
        expect(await ids({ limit: 10, deleted: true })).toEqual(["gone"]);
        expect((await store.items.page({ limit: 1, q: "blue" }))[0]).toMatchObject({ id: "mug1", title: "Blue Mug", category: "Kitchen" });
      });

      it("keeps internal ids dense: repeated upserts and ensures take no new ids", async () => {
        const first = await store.items.upsert({ id: "a" });
        for (let i = 0; i < 5; i++) await store.items.upsert({ id: "a", title: `A${i}` });
        expect(await store.items.upsert({ id: "b" })).toBe(first + 1);
        const u = await store.users.upsert({ id: "u" });
        for (let i = 0; i < 5; i++) {
          await store.users.upsert({ id: "u", attributes: { i } });
          await store.users.ensure("u");
        }
        expect((await store.users.ensure("v")).id).toBe(u + 1);
      });
    });

    describe("users", () => {
      it("upserts, ensures once, reads and lists in creation order", async () => {
        const u1 = await store.users.upsert({ id: "u1", attributes: { tier: "gold" } }, 1_000);
        expect(await store.users.upsert({ id: "u1", attributes: { tier: "silver" } }, 2_000)).toBe(u1);
        expect(await store.users.get("u1")).toEqual({
          id: "u1", attributes: { tier: "silver" }, created_at: new Date(1_000).toISOString(), updated_at: new Date(2_000).toISOString(),
        });
        expect(await store.users.ensure("u1")).toEqual({ id: u1, created: false });
        const u2 = await store.users.ensure("u2");
        expect(u2.created).toBe(true);
        expect(await store.users.ensure("u2")).toEqual({ id: u2.id, created: false });
        expect(await store.users.get("u2")).toMatchObject({ id: "u2", attributes: {} });
        expect(await store.users.idOf("u2")).toBe(u2.id);
        expect(await store.users.idOf("nope")).toBeUndefined();
        expect(await store.users.get("nope")).toBeUndefined();
        expect(await store.users.allIds()).toEqual(["u1", "u2"]);
        expect(await store.users.idPage(0, 10)).toEqual([[u1, "u1"], [u2.id, "u2"]]);
        expect(await store.users.idPage(u1, 1)).toEqual([[u2.id, "u2"]]);
        expect(await store.users.maxId()).toBe(Math.max(u1, u2.id));
        expect(await store.users.count()).toBe(2);
      });

      it("pages attributes in id order", async () => {
        const ids: number[] = [];
        for (let i = 0; i < 5; i++) ids.push(await store.users.upsert({ id: `u${i}`, attributes: { i } }));
        const pages: [number, string][][] = [];
        for await (const page of store.users.attributePages(2)) pages.push(page);
        expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
        expect(pages.flat().map(([id, json]) => [id, JSON.parse(json)])).toEqual(ids.map((id, i) => [id, { i }]));
      });

      it("erases a shopper: their events, then their row", async () => {
        await event("u", "a", 1);
        await event("u", "b", 2);
        await event("w", "a", 3);
        const u = (await store.users.idOf("u"))!;
        const before = await store.counters();
        expect(await store.events.deleteOfUser(u)).toBe(2);
        await store.users.delete(u);
        expect(await store.users.idOf("u")).toBeUndefined();
        expect(await store.events.countOfUser(u)).toBe(0);
        expect(await store.events.count()).toBe(1);
        expect((await store.counters()).users).toBeGreaterThan(before.users);
      });
    });

    eventContract(() => store, event);

    describe("embeddings", () => {
      const vec = (...xs: number[]) => Float32Array.from(xs);

      it("puts vectors in seq order and reads them since a seq, by model", async () => {
        const a = await store.items.upsert({ id: "a", title: "A" });
        const b = await store.items.upsert({ id: "b", title: "B" });
        expect(await store.embeddings.maxSeq()).toBe(0);
        await store.embeddings.put("m1", [{ id: a, hash: "ha", vector: vec(1, 2) }, { id: b, hash: "hb", vector: vec(3, 4) }]);
        const all = await store.embeddings.since("m1", 0);
        expect(all.map((e) => [e.itemId, [...e.vector]])).toEqual([[a, [1, 2]], [b, [3, 4]]]);
        expect(all[0].seq).toBeLessThan(all[1].seq);
        const seen = await store.embeddings.maxSeq();
        expect(seen).toBe(all[1].seq);
        await store.embeddings.put("m1", [{ id: a, hash: "ha2", vector: vec(5, 6) }]);
        const later = await store.embeddings.since("m1", seen);
        expect(later.map((e) => [e.itemId, [...e.vector]])).toEqual([[a, [5, 6]]]);
        expect(later[0].seq).toBeGreaterThan(seen);
        expect(await store.embeddings.hashes("m1")).toEqual(new Map([[a, "ha2"], [b, "hb"]]));
        await store.embeddings.put("m2", [{ id: b, hash: "hb2", vector: vec(7, 8) }]);
        expect(await store.embeddings.hashes("m1")).toEqual(new Map([[a, "ha2"]]));
        expect((await store.embeddings.since("m1", 0)).map((e) => e.itemId)).toEqual([a]);
        expect(await store.embeddings.since("m1", 0, 0)).toEqual([]);
        await store.embeddings.put("m2", []);
      });

      it("reads item texts: live items with text in id order; any item's by id", async () => {
        const a = await store.items.upsert({ id: "a", title: "Lamp", category: "Lamps", tags: ["brass"] });
        const b = await store.items.upsert({ id: "b" });
        const c = await store.items.upsert({ id: "c", tags: ["only-tags"] });
        const d = await store.items.upsert({ id: "d", description: "gone" });
        await store.items.delete("d");
        expect(await store.embeddings.itemTexts()).toEqual([
          { id: a, title: "Lamp", description: null, category: "Lamps", tags: ["brass"] },
          { id: c, title: null, description: null, category: null, tags: ["only-tags"] },
        ]);
        expect((await store.embeddings.textsOf([d, b])).sort((x, y) => x.id - y.id)).toEqual(
          [{ id: b, title: null, description: null, category: null, tags: [] }, { id: d, title: null, description: "gone", category: null, tags: [] }].sort((x, y) => x.id - y.id),
        );
      });
    });

    adminContract(() => store);
    loopContract(() => store);

    describe("counters", () => {
      it("stay put when nothing changed: a refused delete or revoke", async () => {
        await store.items.upsert({ id: "a" });
        const before = await store.counters();
        expect(await store.items.delete("never")).toBeUndefined();
        expect(await store.keys.revoke("never")).toBeUndefined();
        await store.keys.touch(12345);
        expect(await store.counters()).toEqual(before);
      });

      it("move on catalogue, key and shopper changes, and only then", async () => {
        let last = await store.counters();
        const moved = async () => {
          const now = await store.counters();
          const diff = { catalogue: now.catalogue > last.catalogue, keys: now.keys > last.keys, users: now.users > last.users };
          last = now;
          return diff;
        };
        await store.items.upsert({ id: "a" });
        expect(await moved()).toEqual({ catalogue: true, keys: false, users: false });
        await store.items.delete("a");
        expect(await moved()).toEqual({ catalogue: true, keys: false, users: false });
        const k = await store.keys.insert({ name: "k", scope: "admin", hash: "h", ratePerSecond: null, expiresAt: null });
        expect(await moved()).toEqual({ catalogue: false, keys: true, users: false });
        await store.keys.touch(k.id);
        expect(await moved()).toEqual({ catalogue: false, keys: false, users: false });
        await store.keys.revoke("k");
        expect(await moved()).toEqual({ catalogue: false, keys: true, users: false });
        const u = await store.users.upsert({ id: "u" });
        expect((await moved()).users).toBe(false);
        await store.users.delete(u);
        expect(await moved()).toEqual({ catalogue: false, keys: false, users: true });
      });
    });

    describe("transactions", () => {
      it("commits every write of fn and returns its result", async () => {
        const id = await store.transaction(async (tx) => {
          const item = await tx.items.upsert({ id: "a" });
          const user = (await tx.users.ensure("u")).id;
          await tx.events.insert({ userId: user, itemId: item, type: VIEW, value: null, ts: 1, context: null });
          return item;
        });
        expect(await store.items.idOf("a")).toBe(id);
        expect(await store.events.count()).toBe(1);
      });

      it("rolls back everything when fn throws", async () => {
        await store.items.upsert({ id: "kept", title: "before" });
        const before = await store.counters();
        const failure = new Error("boom");
        await expect(
          store.transaction(async (tx) => {
            await tx.items.upsert({ id: "kept", title: "during" });
            const item = await tx.items.upsert({ id: "a" });
            const user = (await tx.users.ensure("u")).id;
            await tx.events.insert({ userId: user, itemId: item, type: VIEW, value: null, ts: 1, context: null });
            await tx.keys.insert({ name: "k", scope: "read", hash: "h", ratePerSecond: null, expiresAt: null });
            await tx.audit.append("cli", "x", null);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect((await store.items.get("kept"))?.title).toBe("before");
        expect(await store.items.idOf("a")).toBeUndefined();
        expect(await store.users.idOf("u")).toBeUndefined();
        expect(await store.events.count()).toBe(0);
        expect(await store.keys.list()).toEqual([]);
        expect(await store.audit.list({ limit: 10 })).toEqual([]);
        expect(await store.counters()).toEqual(before);
      });
    });

    importContract(() => store, event);

    describe("table copy", () => {
      it("moves every table with its ids into an empty store, which takes the source's id", async () => {
        const a = await store.items.upsert({ id: "a", title: "A", tags: ["x"], attributes: { k: 1 } });
        await store.items.upsert({ id: "gone" });
        await store.items.delete("gone");
        await event("u1", "a", 5_000, { eventId: "e1", value: 2 });
        await event("u2", "a", 6_000);
        await store.embeddings.put("m", [{ id: a, hash: "h", vector: Float32Array.of(1, 2) }]);
        await store.keys.insert({ name: "k", scope: "read", hash: "abc", ratePerSecond: null, expiresAt: null });
        await store.audit.append("cli", "key.create", "k");
        await store.rules.append("r", '{"action":"exclude"}', "cli");
        await store.served.append([{ id: "s1", ts: 5_000, userId: (await store.users.idOf("u1"))!, placement: "home", variant: "x:interleaved", modelVersion: "v1", items: [a], teams: "b" }]);
        await store.events.insert({ userId: (await store.users.idOf("u1"))!, itemId: a, type: PURCHASE, value: 1, ts: 5_500, context: null, recId: "s1" });
        await store.experiments.create("x", '{"mode":"ab"}');
        const target = await open();
        extra.push(target);
        const counts = { items: 2, users: 2, events: 3, item_embeddings: 1, api_keys: 1, audit_log: 1, rules: 1, served_lists: 1, experiments: 1 };
        for (const table of Object.keys(COPY_TABLES) as CopyTable[]) {
          expect(await store.tables.count(table), table).toBe(counts[table]);
          for await (const rows of store.tables.rows(table, 1)) await target.tables.append(table, rows);
          expect(await target.tables.count(table), table).toBe(counts[table]);
        }
        await target.tables.finish(store.id);
        const reopened = await open(target);
        extra.push(reopened);
        expect(reopened.id).toBe(store.id);
        expect(await target.items.get("a")).toEqual(await store.items.get("a"));
        expect(await target.items.idOf("gone")).toBe(await store.items.idOf("gone"));
        expect(await target.items.liveIdOf("gone")).toBeUndefined();
        const u1 = (await store.users.idOf("u1"))!;
        expect(await target.users.idOf("u1")).toBe(u1);
        expect(await target.events.history(u1, 10)).toEqual(await store.events.history(u1, 10));
        expect(await target.events.insert({ userId: u1, itemId: a, type: VIEW, value: null, ts: 7_000, context: null, eventId: "e1" })).toBe(false);
        expect(Array.from((await target.embeddings.since("m", 0))[0].vector)).toEqual([1, 2]);
        expect((await target.keys.live()).map((k) => k.hash)).toEqual(["abc"]);
        expect((await target.audit.list({ limit: 5 })).map((e) => e.action)).toEqual(["key.create"]);
        expect((await target.rules.append("r", null, "cli")).version).toBe(2);
        expect(await target.served.get("s1")).toEqual(await store.served.get("s1"));
        expect(await target.served.attributed(0, 10_000, 0, 0, 10)).toEqual(await store.served.attributed(0, 10_000, 0, 0, 10));
        expect(await target.experiments.get("x")).toEqual(await store.experiments.get("x"));
        // New rows take ids after the copied ones.
        expect(await target.items.upsert({ id: "new" })).toBeGreaterThan((await store.items.maxId()));
        expect((await target.users.ensure("u3")).id).toBeGreaterThan(u1);
      });
    });

    describe("leases", () => {
      it("have one holder at a time, renewable by it, free once released or expired", async () => {
        expect(await store.leases.acquire("train", "a", 1_000, 10_000)).toBe(true);
        expect(await store.leases.acquire("train", "b", 1_000, 10_500)).toBe(false);
        expect(await store.leases.holder("train", 10_500)).toEqual({ holder: "a", expiresAt: 11_000 });
        expect(await store.leases.acquire("train", "a", 1_000, 10_900)).toBe(true);
        expect(await store.leases.acquire("train", "b", 1_000, 11_500)).toBe(false);
        expect(await store.leases.acquire("train", "b", 1_000, 12_000)).toBe(true);
        await store.leases.release("train", "a");
        expect((await store.leases.holder("train", 12_100))?.holder).toBe("b");
        await store.leases.release("train", "b");
        expect(await store.leases.holder("train", 12_100)).toBeUndefined();
        expect(await store.leases.acquire("train", "c", 1_000, 12_200)).toBe(true);
      });
    });

    describe("several instances", () => {
      it("see each other's writes, with the same store id", async () => {
        const other = await open(store);
        extra.push(other);
        expect(other.id).toBe(store.id);
        const before = await other.counters();
        const id = await store.items.upsert({ id: "a", title: "A" });
        expect(await other.items.get("a")).toMatchObject({ title: "A" });
        expect((await other.counters()).catalogue).toBeGreaterThan(before.catalogue);
        await other.users.ensure("u");
        expect(await store.users.allIds()).toEqual(["u"]);
        await other.items.delete("a");
        expect((await store.items.summaries([id])).get(id)?.recommendable).toBe(false);
      });
    });
  });
}

