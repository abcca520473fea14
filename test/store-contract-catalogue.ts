// The store contract's catalogue, shoppers and item embeddings (a part of store-contract.ts,
// run against every backend).
import { describe, expect, it } from "vitest";
import type { Store } from "../server/store/types.js";
import type { StoreEvent } from "./store-contract-imports.js";

export function catalogueContract(store: () => Store, event: StoreEvent): void {
  describe("items", () => {
    it("upserts: the same id for the same item, fields replaced, unknown ids undefined", async () => {
      expect(store().kind).toMatch(/\w+/);
      expect(await store().isEmpty()).toBe(true);
      const id = await store().items.upsert({ id: "sku-1", title: "Mug", price: 4.5, tags: ["kitchen"], stock: 3, attributes: { colour: "blue" } }, 1_000);
      expect(await store().items.upsert({ id: "sku-1", title: "Blue mug", price: 5 }, 2_000)).toBe(id);
      expect(await store().items.get("sku-1")).toEqual({
        id: "sku-1", title: "Blue mug", description: null, category: null, price: 5, stock: null, tags: [], attributes: {},
        available: true, created_at: new Date(1_000).toISOString(), updated_at: new Date(2_000).toISOString(),
      });
      expect(await store().items.idOf("sku-1")).toBe(id);
      expect(await store().items.liveIdOf("sku-1")).toBe(id);
      expect(await store().items.idsOf(["nope", "sku-1", "sku-1"])).toEqual(new Map([["sku-1", id]]));
      expect(await store().items.idsOf([])).toEqual(new Map());
      await store().items.upsert({ id: "sku-2", category: "Kitchen", stock: 7, attributes: { colour: "red" } }, 2_000);
      const facets = await store().items.facets();
      expect(facets.map((f) => f.slice(0, 4))).toEqual([[id, null, 5, null], [id + 1, "Kitchen", null, 7]]);
      expect(facets.map((f) => JSON.parse(f[4]))).toEqual([{}, { colour: "red" }]);
      expect(await store().items.get("nope")).toBeUndefined();
      expect(await store().items.idOf("nope")).toBeUndefined();
      expect(await store().items.liveIdOf("nope")).toBeUndefined();
      expect(await store().isEmpty()).toBe(false);
    });

    it("reads the facets and states of only the items changed since a catalogue version: upserts, deletes, imports", async () => {
      const changedSince = async (since: number) => (await store().items.facets(since)).map((f) => f.slice(0, 4));
      const a = await store().items.upsert({ id: "a", category: "Mugs", stock: 2 });
      const b = await store().items.upsert({ id: "b", price: 3 });
      const v1 = (await store().counters()).catalogue;
      expect(await changedSince(v1)).toEqual([]);
      expect(await changedSince(-1)).toEqual([[a, "Mugs", null, 2], [b, null, 3, null]]);
      await store().items.upsert({ id: "b", price: 4, stock: 0 });
      expect(await store().items.delete("never")).toBeUndefined(); // changes nothing
      expect(await changedSince(v1)).toEqual([[b, null, 4, 0]]);
      const [[id, shown, stamp]] = await store().items.changedSince(v1);
      expect([id, shown]).toEqual([b, false]);
      expect(stamp).toBeGreaterThan(v1);
      expect(stamp).toBeLessThanOrEqual((await store().counters()).catalogue);
      const v2 = (await store().counters()).catalogue;
      await store().items.delete("a");
      const session = await store().beginImport();
      await session.item({ id: "c", category: "Plates" });
      await session.publish();
      const c = await store().items.idOf("c");
      expect(await changedSince(v2)).toEqual([[a, "Mugs", null, 2], [c, "Plates", null, null]]);
      expect((await store().items.changedSince(v2)).map(([j, ok]) => [j, ok])).toEqual([[a, false], [c, true]]);
      expect(await changedSince((await store().counters()).catalogue)).toEqual([]);
    });

    it("soft-deletes, refuses to delete twice, and revives on upsert", async () => {
      const id = await store().items.upsert({ id: "a", title: "A" });
      expect(await store().items.delete("a")).toBe(id);
      expect(await store().items.delete("a")).toBeUndefined();
      expect(await store().items.delete("never")).toBeUndefined();
      expect(await store().items.get("a")).toBeUndefined();
      expect(await store().items.liveIdOf("a")).toBeUndefined();
      expect(await store().items.idOf("a")).toBe(id);
      expect(await store().items.deletedExtIds()).toEqual(["a"]);
      expect(await store().items.unrecommendableIds()).toEqual([id]);
      expect(await store().items.count()).toBe(0);
      expect(await store().items.upsert({ id: "a", title: "A again" })).toBe(id);
      expect((await store().items.get("a"))?.title).toBe("A again");
      expect(await store().items.deletedExtIds()).toEqual([]);
      expect(await store().items.unrecommendableIds()).toEqual([]);
    });

    it("summarises: deleted and out-of-stock items are not recommendable; unknown ids absent", async () => {
      const a = await store().items.upsert({ id: "a", title: "A", stock: 0 });
      const b = await store().items.upsert({ id: "b", title: "B", stock: 2 });
      const c = await store().items.upsert({ id: "c" });
      await store().items.delete("c");
      const s = await store().items.summaries([a, b, c, 9999]);
      expect([...s.keys()].sort()).toEqual([a, b, c].sort());
      expect(s.get(a)).toEqual({ extId: "a", title: "A", recommendable: false });
      expect(s.get(b)).toEqual({ extId: "b", title: "B", recommendable: true });
      expect(s.get(c)?.recommendable).toBe(false);
      expect((await store().items.get("a"))?.available).toBe(false);
      expect((await store().items.unrecommendableIds()).sort()).toEqual([a, c].sort());
      expect((await store().items.summaries([])).size).toBe(0);
    });

    it("counts, categories and the largest id", async () => {
      expect(await store().items.maxId()).toBe(0);
      const a = await store().items.upsert({ id: "a", category: "Lamps" });
      const b = await store().items.upsert({ id: "b" });
      const c = await store().items.upsert({ id: "c", category: "Mugs" });
      await store().items.delete("b");
      expect(await store().items.maxId()).toBe(Math.max(a, b, c));
      expect(await store().items.count()).toBe(2);
      expect((await store().items.categories()).sort()).toEqual([[a, "Lamps"], [c, "Mugs"]].sort());
    });

    it("pages the catalogue in id order, filtered by category, text and deletion", async () => {
      await store().items.upsert({ id: "mug1", title: "Blue Mug", category: "Kitchen" });
      await store().items.upsert({ id: "mug2", title: "Red mug", category: "Kitchen" });
      await store().items.upsert({ id: "lamp", title: "Desk lamp", category: "Lamps" });
      await store().items.upsert({ id: "gone", title: "Old mug" });
      await store().items.delete("gone");
      const ids = async (q: Parameters<Store["items"]["page"]>[0]) => (await store().items.page(q)).map((i) => i.id);
      expect(await ids({ limit: 2 })).toEqual(["lamp", "mug1"]);
      expect(await ids({ limit: 2, after: "mug1" })).toEqual(["mug2"]);
      expect(await ids({ limit: 10, category: "Kitchen" })).toEqual(["mug1", "mug2"]);
      expect(await ids({ limit: 10, q: "MUG" })).toEqual(["mug1", "mug2"]);
      expect(await ids({ limit: 10, q: "desk" })).toEqual(["lamp"]);
      expect(await ids({ limit: 10, deleted: true })).toEqual(["gone"]);
      expect((await store().items.page({ limit: 1, q: "blue" }))[0]).toMatchObject({ id: "mug1", title: "Blue Mug", category: "Kitchen" });
    });

    it("keeps internal ids dense: repeated upserts and ensures take no new ids", async () => {
      const first = await store().items.upsert({ id: "a" });
      for (let i = 0; i < 5; i++) await store().items.upsert({ id: "a", title: `A${i}` });
      expect(await store().items.upsert({ id: "b" })).toBe(first + 1);
      const u = await store().users.upsert({ id: "u" });
      for (let i = 0; i < 5; i++) {
        await store().users.upsert({ id: "u", attributes: { i } });
        await store().users.ensure("u");
      }
      expect((await store().users.ensure("v")).id).toBe(u + 1);
    });
  });

  describe("users", () => {
    it("upserts, ensures once, reads and lists in creation order", async () => {
      const u1 = await store().users.upsert({ id: "u1", attributes: { tier: "gold" } }, 1_000);
      expect(await store().users.upsert({ id: "u1", attributes: { tier: "silver" } }, 2_000)).toBe(u1);
      expect(await store().users.get("u1")).toEqual({
        id: "u1", attributes: { tier: "silver" }, created_at: new Date(1_000).toISOString(), updated_at: new Date(2_000).toISOString(),
      });
      expect(await store().users.ensure("u1")).toEqual({ id: u1, created: false });
      const u2 = await store().users.ensure("u2");
      expect(u2.created).toBe(true);
      expect(await store().users.ensure("u2")).toEqual({ id: u2.id, created: false });
      expect(await store().users.get("u2")).toMatchObject({ id: "u2", attributes: {} });
      expect(await store().users.idOf("u2")).toBe(u2.id);
      expect(await store().users.idOf("nope")).toBeUndefined();
      expect(await store().users.get("nope")).toBeUndefined();
      expect(await store().users.allIds()).toEqual(["u1", "u2"]);
      expect(await store().users.idPage(0, 10)).toEqual([[u1, "u1"], [u2.id, "u2"]]);
      expect(await store().users.idPage(u1, 1)).toEqual([[u2.id, "u2"]]);
      expect(await store().users.maxId()).toBe(Math.max(u1, u2.id));
      expect(await store().users.count()).toBe(2);
    });

    it("pages attributes in id order", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push(await store().users.upsert({ id: `u${i}`, attributes: { i } }));
      const pages: [number, string][][] = [];
      for await (const page of store().users.attributePages(2)) pages.push(page);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat().map(([id, json]) => [id, JSON.parse(json)])).toEqual(ids.map((id, i) => [id, { i }]));
    });

    it("erases a shopper: their events, then their row", async () => {
      await event("u", "a", 1);
      await event("u", "b", 2);
      await event("w", "a", 3);
      const u = (await store().users.idOf("u"))!;
      const before = await store().counters();
      expect(await store().events.deleteOfUser(u)).toBe(2);
      await store().users.delete(u);
      expect(await store().users.idOf("u")).toBeUndefined();
      expect(await store().events.countOfUser(u)).toBe(0);
      expect(await store().events.count()).toBe(1);
      expect((await store().counters()).users).toBeGreaterThan(before.users);
    });
  });


  describe("embeddings", () => {
    const vec = (...xs: number[]) => Float32Array.from(xs);

    it("puts vectors in seq order and reads them since a seq, by model", async () => {
      const a = await store().items.upsert({ id: "a", title: "A" });
      const b = await store().items.upsert({ id: "b", title: "B" });
      expect(await store().embeddings.maxSeq()).toBe(0);
      await store().embeddings.put("m1", [{ id: a, hash: "ha", vector: vec(1, 2) }, { id: b, hash: "hb", vector: vec(3, 4) }]);
      const all = await store().embeddings.since("m1", 0);
      expect(all.map((e) => [e.itemId, [...e.vector]])).toEqual([[a, [1, 2]], [b, [3, 4]]]);
      expect(all[0].seq).toBeLessThan(all[1].seq);
      const seen = await store().embeddings.maxSeq();
      expect(seen).toBe(all[1].seq);
      await store().embeddings.put("m1", [{ id: a, hash: "ha2", vector: vec(5, 6) }]);
      const later = await store().embeddings.since("m1", seen);
      expect(later.map((e) => [e.itemId, [...e.vector]])).toEqual([[a, [5, 6]]]);
      expect(later[0].seq).toBeGreaterThan(seen);
      expect(await store().embeddings.hashes("m1")).toEqual(new Map([[a, "ha2"], [b, "hb"]]));
      await store().embeddings.put("m2", [{ id: b, hash: "hb2", vector: vec(7, 8) }]);
      expect(await store().embeddings.hashes("m1")).toEqual(new Map([[a, "ha2"]]));
      expect((await store().embeddings.since("m1", 0)).map((e) => e.itemId)).toEqual([a]);
      expect(await store().embeddings.since("m1", 0, 0)).toEqual([]);
      await store().embeddings.put("m2", []);
    });

    it("reads item texts: live items with text in id order; any item's by id", async () => {
      const a = await store().items.upsert({ id: "a", title: "Lamp", category: "Lamps", tags: ["brass"] });
      const b = await store().items.upsert({ id: "b" });
      const c = await store().items.upsert({ id: "c", tags: ["only-tags"] });
      const d = await store().items.upsert({ id: "d", description: "gone" });
      await store().items.delete("d");
      expect(await store().embeddings.itemTexts()).toEqual([
        { id: a, title: "Lamp", description: null, category: "Lamps", tags: ["brass"] },
        { id: c, title: null, description: null, category: null, tags: ["only-tags"] },
      ]);
      expect((await store().embeddings.textsOf([d, b])).sort((x, y) => x.id - y.id)).toEqual(
        [{ id: b, title: null, description: null, category: null, tags: [] }, { id: d, title: null, description: "gone", category: null, tags: [] }].sort((x, y) => x.id - y.id),
      );
    });
  });
}
