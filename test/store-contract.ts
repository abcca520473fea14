// The store's contract (server/store/types.ts) as one suite, run against every backend:
// storeContract("postgres", open) registers it. Nothing here knows which backend it runs on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COPY_TABLES, type CopyTable, type Store } from "../server/store/types.js";
import { eventCode } from "../models/event-types.js";
import { adminContract } from "./store-contract-admin.js";
import { loopContract } from "./store-contract-loop.js";
import { importContract } from "./store-contract-imports.js";
import { eventContract } from "./store-contract-events.js";
import { catalogueContract } from "./store-contract-catalogue.js";

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

    catalogueContract(() => store, event);
    eventContract(() => store, event);
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

