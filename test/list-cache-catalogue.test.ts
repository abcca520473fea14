// Lists kept through catalogue changes that cannot touch them (serving/list-cache.ts,
// serving/catalogue-changes.ts, serving/item-filter.ts): another process writes items, and
// a kept list is served again only while it is what a process keeping nothing makes now.
import { afterEach, describe, expect, it } from "vitest";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { smallShop, testConfig } from "./helpers.js";
import { registry } from "../server/platform/metrics.js";
import { ExperimentDefinition } from "../server/analytics/experiments/definition.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const ids = (list: { items: { id: string }[] }) => list.items.map((i) => i.id);
/** Lists the list cache has served again so far (its metric). */
const hits = async () => Number(/outcome="hit"\} (\d+)/.exec(await registry.getSingleMetricAsString("tuijian_list_cache_requests_total"))?.[1] ?? 0);
/** Past the change counters' interval (300 ms: another process's write is seen) or the filter facets' rebuild interval (1,100 ms: it is in the masks). */
const past = (ms: 300 | 1100) => new Promise((r) => setTimeout(r, ms));
/** Another process on rt's store that keeps no list: what a list made now is, and a writer. */
async function freshProcess(rt: Runtime): Promise<Runtime> {
  const other = await openRuntime({ ...rt.config, listCacheSize: 0 });
  await other.recommender.refresh();
  return other;
}

/**
 * u1's home list in `rt` through catalogue writes another process makes: after each, past
 * the facets' interval, the list is kept (a hit, the same items) or made again (as a
 * process that keeps nothing makes it now). `write` takes the items of the list before.
 */
async function throughWrites(rt: Runtime, steps: { write: (shown: string[]) => Parameters<Runtime["catalogue"]["upsertItems"]>[0]; kept: boolean }[]) {
  const other = await freshProcess(rt);
  try {
    const ask = async () => (await past(1100), rt.recommender.recommend("u1", 3, false));
    let list = await ask();
    expect(ids(list)).toEqual(ids(await other.recommender.recommend("u1", 3, false)));
    for (const [i, { write, kept }] of steps.entries()) {
      const before = await hits();
      await other.catalogue.upsertItems(write(ids(list)));
      const next = await ask();
      expect(await hits(), `step ${i}`).toBe(before + (kept ? 1 : 0));
      expect(ids(next), `step ${i}`).toEqual(kept ? ids(list) : ids(await other.recommender.recommend("u1", 3, false)));
      list = next;
    }
    return list;
  } finally {
    await other.close();
  }
}

describe("the list cache through catalogue changes", () => {
  it("keeps a list through catalogue changes to items it does not hold, by any process; drops it when one of its items changes or an item may enter", async () => {
    rt = await smallShop(testConfig({ listCacheSize: 100 }));
    const other = await openRuntime(rt.config);
    try {
      const first = await rt.recommender.recommend("u1", 3, false);
      const outside = ["a1", "a2", "a3", "b1", "b2", "b3", "pop", "new"].filter((id) => !ids(first).includes(id));
      const hitsBefore = await hits();
      const ask = async () => {
        await past(300);
        return rt!.recommender.recommend("u1", 3, false);
      };

      await other.catalogue.upsertItems([{ id: outside[0], title: "Renamed", price: 12, stock: 4 }]);
      expect(ids(await ask())).toEqual(ids(first));
      expect(await hits()).toBe(hitsBefore + 1);

      await other.catalogue.upsertItems([{ id: first.items[1].id, title: "Shown renamed", price: 10 }]);
      const renamed = await ask();
      expect(await hits()).toBe(hitsBefore + 1);
      expect(renamed.items[1].title).toBe("Shown renamed");

      await other.catalogue.upsertItems([{ id: outside[1], title: "Sold out", stock: 0 }]);
      await ask();
      expect(await hits()).toBe(hitsBefore + 2); // leaving: only lists holding it

      await other.catalogue.upsertItems([{ id: outside[1], title: "Back in stock", stock: 3 }]);
      await ask();
      expect(await hits()).toBe(hitsBefore + 2); // entering: any list may now hold it

      await other.catalogue.deleteItem(first.items[0].id, "test");
      expect(ids(await ask())).not.toContain(first.items[0].id);
    } finally {
      await other.close();
    }
  });

  it("keeps a filtered list through changes that leave what its filter lets through, and what of it may be shown, as they were; counts what passed as the store does", async () => {
    rt = await smallShop(testConfig({ listCacheSize: 100 }));
    await rt.catalogue.upsertItems(["a1", "a2", "a3"].map((id) => ({ id, title: `Item ${id.toUpperCase()}`, price: 10, category: "A" })));
    const other = await freshProcess(rt);
    try {
      const ask = async () => {
        await past(1100);
        return rt!.recommender.recommend("u1", 3, false, { category: "A" });
      };
      // What a process that kept nothing makes now.
      const fresh = () => other.recommender.recommend("u1", 3, false, { category: "A" });
      const first = await ask(); // u1 bought a1 and a3
      expect(ids(first)).toEqual(["a2"]);
      const hitsBefore = await hits();

      await other.catalogue.upsertItems([{ id: "b1", title: "Renamed", price: 11 }]);
      expect(ids(await ask())).toEqual(["a2"]);
      expect(await hits()).toBe(hitsBefore + 1);

      await other.catalogue.upsertItems([{ id: "b2", title: "Item B2", price: 10, category: "A" }]);
      const entered = await ask();
      expect(await hits()).toBe(hitsBefore + 1);
      expect(entered.filter?.passed).toBe(4);
      expect(ids(entered)).toEqual(ids(await fresh()));
      await ask();
      expect(await hits()).toBe(hitsBefore + 2);

      await other.catalogue.upsertItems([{ id: "a1", title: "Item A1", price: 12, category: "A", stock: 3 }]);
      const repriced = await ask(); // it still passes, and may still be shown
      expect(await hits()).toBe(hitsBefore + 3);
      expect(ids(repriced)).toEqual(ids(await fresh()));

      // Sold out by the other process, not in the list: the model's mask here follows, and so does the count of what passed.
      await other.catalogue.upsertItems([{ id: "a1", title: "Item A1", price: 12, category: "A", stock: 0 }]);
      const soldOut = await ask();
      expect(await hits()).toBe(hitsBefore + 3);
      expect(soldOut.filter?.passed).toBe(3);
      expect(soldOut).toMatchObject({ filter: (await fresh()).filter });
    } finally {
      await other.close();
    }
  });

  it("keeps a list shaped by rules through changes that leave what each rule matches as it was; drops it when an item comes to match", async () => {
    rt = await smallShop(testConfig({ listCacheSize: 100 }));
    await rt.catalogue.upsertItems(["b1", "b2", "b3"].map((id) => ({ id, title: `Item ${id.toUpperCase()}`, price: 10, category: "B" })));
    await rt.rules.put("lift-b", { action: "boost", match: { filter: 'category = "B"' }, multiply: 3, add: 0, enabled: true }, "test", "create");
    await rt.rules.put("hide-new", { action: "exclude", match: { items: ["new"] }, enabled: true }, "test", "create");
    const unmatched = (shown: string[]) => ["a1", "a2", "a3", "pop"].find((id) => !shown.includes(id))!;
    const lifted = await throughWrites(rt, [
      { write: (shown) => [{ id: unmatched(shown), title: "Renamed", price: 11 }], kept: true },
      // Still matched: the rules lift the same items.
      { write: (shown) => [{ id: ["b1", "b2", "b3"].find((id) => !shown.includes(id))!, title: "Matched, renamed", price: 12, category: "B" }], kept: true },
      { write: (shown) => [{ id: unmatched(shown), title: "Now in B", price: 11, category: "B" }], kept: false },
    ]);
    expect(ids(lifted)).not.toContain("new");
  });
  it("keeps a diversified list through changes that move no item's category; drops it when one does", async () => {
    rt = await smallShop(testConfig({ listCacheSize: 100 }));
    await rt.catalogue.upsertItems(["a1", "a2", "a3", "b1", "b2", "b3"].map((id) => ({ id, title: `Item ${id.toUpperCase()}`, price: 10, category: id[0] })));
    await rt.rules.put("spread", { action: "diversity", max_per_category: 1, enabled: true }, "test", "create");
    const unlisted = (shown: string[]) => ["a2", "a3", "b1", "b2", "b3"].filter((id) => !shown.includes(id));
    await throughWrites(rt, [
      { write: (shown) => [{ id: unlisted(shown)[0], title: "Repriced", price: 14, category: unlisted(shown)[0][0] }], kept: true },
      { write: (shown) => [{ id: unlisted(shown)[1], title: "Moved", price: 10, category: "c" }], kept: false },
    ]);
  });
  it("keeps an A/B variant's list through catalogue changes that cannot touch it, under the variant's own rules", async () => {
    rt = await smallShop(testConfig({ listCacheSize: 100 }));
    await rt.catalogue.upsertItems(["b1", "b2", "b3"].map((id) => ({ id, title: `Item ${id.toUpperCase()}`, price: 10, category: "B" })));
    await rt.rules.put("lift-b", { action: "boost", match: { filter: 'category = "B"' }, multiply: 3, add: 0, enabled: true }, "test", "create");
    const own = { rules: ["lift-b"], diversity: { max_per_category: 1 } };
    const definition = ExperimentDefinition.parse({ mode: "ab", variants: [{ name: "spread", overrides: own }, { name: "lifted", overrides: { rules: ["lift-b"] } }] });
    await rt.experiments.create("lift", definition, "test");
    await rt.experiments.start("lift", "test");
    const unmatched = (shown: string[]) => ["a1", "a2", "a3", "pop"].find((id) => !shown.includes(id))!;
    const last = await throughWrites(rt, [
      { write: (shown) => [{ id: unmatched(shown), title: "Renamed", price: 11 }], kept: true },
      { write: (shown) => [{ id: unmatched(shown), title: "Now in B", price: 11, category: "B" }], kept: false },
    ]);
    expect(last.variant?.experiment).toBe("lift");
  });
  it("keeps a product or cart page's list through changes to other items; drops it when the page's items change, or at any change while a cart names an unknown id", async () => {
    rt = await smallShop(testConfig({ listCacheSize: 100 }));
    const other = await freshProcess(rt);
    try {
      const pages = [{ placement: "product" as const, item: "a1" }, { placement: "cart" as const, items: ["a1", "b1"] }, { placement: "cart" as const, items: ["a1", "later"] }];
      const ask = async () => {
        await past(300);
        const lists = [];
        for (const page of pages) lists.push(await rt!.recommender.recommend("u1", 3, false, page));
        return lists;
      };
      const fresh = async () => Promise.all(pages.map((page) => other.recommender.recommend("u1", 3, false, page)));
      const first = await ask();
      expect(first.map(ids)).toEqual((await fresh()).map(ids));
      const shown = new Set(first.flatMap(ids));
      const unrelated = ["a2", "a3", "b2", "b3", "pop", "new"].find((id) => !shown.has(id))!;
      const hitsBefore = await hits();

      await other.catalogue.upsertItems([{ id: unrelated, title: "Renamed", price: 11 }]);
      expect((await ask()).map(ids)).toEqual((await fresh()).map(ids));
      expect(await hits()).toBe(hitsBefore + 2); // the cart naming an unknown id goes

      await other.catalogue.upsertItems([{ id: "a1", title: "The page's item, renamed", price: 10 }]);
      expect((await ask()).map(ids)).toEqual((await fresh()).map(ids));
      expect(await hits()).toBe(hitsBefore + 2);
    } finally {
      await other.close();
    }
  });
});
