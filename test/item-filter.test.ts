// The item filter's facets (serving/item-filter.ts) follow the catalogue another process
// changes, reading only the items changed since they were built, and keep their masks.
import { afterEach, describe, expect, it, vi } from "vitest";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { ItemFilters } from "../server/serving/item-filter.js";
import { ChangeWatcher } from "../server/store/change-watcher.js";
import { testConfig } from "./helpers.js";

describe("item filters", () => {
  let here: Runtime;
  let other: Runtime;
  afterEach(async () => {
    await other?.close();
    await here?.close();
  });

  it("follow another process's catalogue changes, reading only the changed items", async () => {
    here = await openRuntime(testConfig());
    other = await openRuntime(here.config);
    await other.catalogue.upsertItems([{ id: "a", category: "Mugs", stock: 2 }, { id: "b", price: 3, stock: 0 }, { id: "c", category: "Mugs" }]);
    const id = async (ext: string) => (await here.store.items.idOf(ext))!;
    const filters = new ItemFilters(here.store, new ChangeWatcher(here.store, 0), 0);
    const read = vi.spyOn(here.store.items, "facets");
    const passing = async (spec: Parameters<ItemFilters["of"]>[0]) => (await filters.of(spec)).items;

    expect(await passing({ inStock: true })).toEqual([await id("a")]);
    expect(await passing({ category: "Mugs" })).toEqual([await id("a"), await id("c")]);
    expect(read.mock.results.length).toBe(1);
    const generation = filters.generation;
    await filters.refresh();
    expect(filters.generation).toBe(generation); // nothing changed, nothing read again

    await other.catalogue.upsertItems([{ id: "b", price: 3, stock: 5 }, { id: "d", category: "Plates", price: 9, stock: 1 }]);
    await other.catalogue.deleteItem("c", "test");
    expect(await passing({ inStock: true })).toEqual([await id("a"), await id("b"), await id("d")]);
    expect(await passing({ category: "Plates", priceMax: 10 })).toEqual([await id("d")]);
    expect(filters.size).toBe((await id("d")) + 1);
    expect(filters.categoryOf(await id("d"))).toBe(1);
    expect(filters.categoryOf(await id("a"))).toBe(0); // codes already given keep their meaning
    expect(filters.generation).toBe(generation + 1);
    const changed = (await read.mock.results.at(-1)!.value) as unknown[];
    expect(changed.map((row) => (row as unknown[])[0])).toEqual([await id("b"), await id("c"), await id("d")]);
  });

  it("keep their masks through changes, testing the changed items again, and count the changes of what they let through and of whether those may be shown", async () => {
    here = await openRuntime(testConfig());
    other = await openRuntime(here.config);
    await other.catalogue.upsertItems([{ id: "a", category: "Mugs", price: 5 }, { id: "b", category: "Mugs", price: 8 }, { id: "c", category: "Plates", price: 5 }]);
    const id = async (ext: string) => (await here.store.items.idOf(ext))!;
    const filters = new ItemFilters(here.store, new ChangeWatcher(here.store, 0), 0);
    const mugs = await filters.of({ category: "Mugs" });
    expect(mugs.items).toEqual([await id("a"), await id("b")]);

    await other.catalogue.upsertItems([{ id: "c", category: "Plates", price: 6 }]);
    expect(await filters.of({ category: "Mugs" })).toBe(mugs); // the same mask, kept
    expect([mugs.changes, mugs.flips]).toEqual([0, 0]); // an item it never let through

    await other.catalogue.upsertItems([{ id: "b", category: "Mugs", price: 9 }]);
    await filters.refresh();
    expect([mugs.changes, mugs.flips]).toEqual([0, 0]); // what it lets through is the same
    expect(mugs.items).toEqual([await id("a"), await id("b")]);
    // One it lets through sold out or deleted (as the catalogue view reports it): a request filter's `passed` differs.
    filters.shownChanged([await id("c")]);
    expect(mugs.changes).toBe(0);
    filters.shownChanged([await id("b")]);
    expect([mugs.changes, mugs.flips]).toEqual([1, 0]);

    await other.catalogue.upsertItems([{ id: "a", category: "Plates", price: 5 }, { id: "c", category: "Mugs", price: 6 }]);
    await filters.refresh();
    expect([mugs.changes, mugs.flips]).toEqual([2, 1]);
    expect(mugs.items).toEqual([await id("b"), await id("c")]);
    expect([...mugs.allows.subarray(await id("a"), (await id("c")) + 1)]).toEqual([0, 1, 1]);
    // What a mask built afresh lets through is what the kept one does.
    const fresh = new ItemFilters(here.store, new ChangeWatcher(here.store, 0), 0);
    expect((await fresh.of({ category: "Mugs" })).items).toEqual(mugs.items);

    // A new item id the mask does not let through: the same mask, as long as the facets, its counts still.
    await other.catalogue.upsertItems([{ id: "e", category: "Plates" }]);
    await filters.refresh();
    expect(await filters.of({ category: "Mugs" })).toBe(mugs);
    expect([mugs.changes, mugs.flips]).toEqual([2, 1]);
    expect(mugs.allows.length).toBe(filters.size);
    expect(mugs.allows[await id("e")]).toBe(0);
    // One it lets through: its counts move and it lists the new item.
    await other.catalogue.upsertItems([{ id: "f", category: "Mugs" }]);
    await filters.refresh();
    expect(await filters.of({ category: "Mugs" })).toBe(mugs);
    expect([mugs.changes, mugs.flips]).toEqual([3, 2]);
    expect(mugs.items).toEqual([await id("b"), await id("c"), await id("f")]);
    expect((await fresh.of({ category: "Mugs" })).items).toEqual(mugs.items);
  });
});
