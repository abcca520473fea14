// Lists kept until what shaped them changes (serving/list-cache.ts): a shopper's next
// event, in any process, changes their next list at once; so do catalogue and rule changes.
import { afterEach, describe, expect, it } from "vitest";
import { openRuntime, storeUrl, type Runtime } from "../server/runtime.js";
import { openStore } from "../server/store/open.js";
import { eraseUser } from "../server/access/privacy.js";
import { smallShop, testConfig } from "./helpers.js";
import { trainModels } from "../server/train.js";
import { call, servingPids, startWorkers } from "./serve-process.js";
import { registry } from "../server/platform/metrics.js";
import { ExperimentDefinition } from "../server/analytics/experiments/definition.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const buy = (user: string, item: string) => ({ user_id: user, item_id: item, type: "purchase" as const, timestamp: Date.now() });
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

describe("the list cache", () => {
  it("serves a shopper's list again under a new id until their next event", async () => {
    rt = await smallShop(testConfig({ listCacheSize: 100 }));
    const first = await rt.recommender.recommend("u1", 4, false);
    const again = await rt.recommender.recommend("u1", 4, false);
    expect(rt.recommender.cachedLists).toBe(1);
    expect(ids(again)).toEqual(ids(first));
    expect(again.recommendation_id).not.toBe(first.recommendation_id);

    await rt.catalogue.recordEvents([buy("u1", first.items[0].id)]);
    const after = await rt.recommender.recommend("u1", 4, false);
    expect(ids(after)).not.toContain(first.items[0].id);
  });

  it("serves an erased shopper as one it does not know at once, though it kept their id", async () => {
    const config = testConfig({ listCacheSize: 100 });
    await (await smallShop(config)).close();
    rt = await openRuntime(config, { serving: true });
    await rt.recommender.refresh();
    expect((await rt.recommender.recommend("u1", 4, false)).personalized).toBe(true);
    await eraseUser(rt.store, "u1", { actor: "test" });
    // Within the change counters' interval: the kept id (serving/shopper-ids.ts) has no events left.
    const after = await rt.recommender.recommend("u1", 4, false);
    expect(after.personalized).toBe(false);
    await rt.served!.flush();
    expect((await rt.store.served.get(after.recommendation_id))?.userId).toBeNull();
  });

  it("lets no list outlive a catalogue or rule change", async () => {
    rt = await smallShop(testConfig({ listCacheSize: 100 }));
    const first = await rt.recommender.recommend("u1", 4, false);
    await rt.catalogue.deleteItem(first.items[0].id, "test");
    expect(ids(await rt.recommender.recommend("u1", 4, false))).not.toContain(first.items[0].id);

    const shown = await rt.recommender.recommend("u1", 4, false);
    await rt.rules.put("hide", { action: "exclude", match: { items: [shown.items[0].id] }, enabled: true }, "test", "create");
    expect(ids(await rt.recommender.recommend("u1", 4, false))).not.toContain(shown.items[0].id);
  });

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

  it("keeps no explained list, buy_again list, or list of a known shopper without events", async () => {
    rt = await smallShop(testConfig({ listCacheSize: 100 }));
    await rt.catalogue.upsertUsers([{ id: "quiet", attributes: { tier: "gold" } }]);
    await rt.recommender.recommend("u1", 4, false, { explain: true });
    await rt.recommender.recommend("u1", 4, false, { placement: "buy_again" });
    await rt.recommender.recommend("quiet", 4, false);
    expect(rt.recommender.cachedLists).toBe(0);
  });

  it("shares one list per request among the shoppers it does not know, each under their own id, by default", async () => {
    rt = await smallShop(testConfig());
    const first = await rt.recommender.recommend("stranger-1", 4, false);
    const other = await rt.recommender.recommend("stranger-2", 4, false);
    const nobody = await rt.recommender.recommend(undefined, 4, false);
    expect(rt.recommender.cachedLists).toBe(1);
    expect([first.user, other.user, nobody.user]).toEqual(["stranger-1", "stranger-2", null]);
    expect(ids(other)).toEqual(ids(first));
    expect(ids(nobody)).toEqual(ids(first));
    expect(new Set([first, other, nobody].map((l) => l.recommendation_id)).size).toBe(3);
    // Another request shape is another list.
    await rt.recommender.recommend("stranger-2", 4, false, { attributes: { region: "north" } });
    expect(rt.recommender.cachedLists).toBe(2);

    await rt.rules.put("hide", { action: "exclude", match: { items: [first.items[0].id] }, enabled: true }, "test", "create");
    expect(ids(await rt.recommender.recommend("stranger-3", 4, false))).not.toContain(first.items[0].id);
    // A stranger's first event makes them known: their own list from then on.
    await rt.catalogue.recordEvents([buy("stranger-1", first.items[1].id)]);
    const known = await rt.recommender.recommend("stranger-1", 4, false);
    expect(known.personalized).toBe(true);
    expect(ids(known)).not.toContain(first.items[1].id);
  });

  it("makes the most recently asked-for lists again when a new model loads, without serving them", async () => {
    const config = testConfig({ listCacheSize: 100, listCacheWarmup: 3 });
    await (await smallShop(config)).close();
    rt = await openRuntime(config, { serving: true });
    await rt.recommender.refresh();
    const before = rt.recommender.version;
    for (const user of ["u1", "u2", "u3", "stranger"]) await rt.recommender.recommend(user, 4, false);
    await rt.recommender.recommend("u4", 4, false, { placement: "trending" });
    await rt.served!.flush();
    const served = await rt.store.served.count();

    await trainModels(rt.store, rt.registry, config);
    expect(await rt.recommender.refresh()).toBe(true);
    // The three asked for last: the strangers' shared list first, then u4's trending and u3's.
    expect(await rt.recommender.warming).toBe(3);
    expect(rt.recommender.cachedLists).toBe(3);
    const u3 = await rt.recommender.recommend("u3", 4, false);
    const u4 = await rt.recommender.recommend("u4", 4, false, { placement: "trending" });
    const stranger = await rt.recommender.recommend("someone-else", 4, false);
    expect(rt.recommender.cachedLists).toBe(3);
    for (const list of [u3, u4, stranger]) expect(list.model_version).not.toBe(before);
    expect(ids(u3)).toEqual(ids(await rt.recommender.recommend("u3", 4, false, { explain: true })));
    // u1's list was not among them: made when asked.
    await rt.recommender.recommend("u1", 4, false);
    expect(rt.recommender.cachedLists).toBe(4);
    await rt.served!.flush();
    expect(await rt.store.served.count()).toBe(served + 5);
  });

  it("is off at --list-cache-size 0 and --anonymous-list-cache-size 0", async () => {
    rt = await smallShop(testConfig({ listCacheSize: 0, anonymousListCacheSize: 0 }));
    await rt.recommender.recommend("u1", 4, false);
    await rt.recommender.recommend("stranger", 4, false);
    await rt.recommender.recommend(undefined, 4, false);
    expect(rt.recommender.cachedLists).toBe(0);
  });
});

describe("the list cache across serving processes", () => {
  it("shows no stale list on any worker after an event: events and requests interleaved", async () => {
    const config = testConfig({ listCacheSize: 100 });
    await (await smallShop(config)).close();
    const serve = await startWorkers(config, ["--list-cache-size", "100"]);
    try {
      const bought = new Set<string>();
      let stale = 0;
      let lists = 0;
      // Several views on fresh connections (both workers make and keep the list), then a
      // purchase of its first item, which no list may show after it.
      const views = async () => {
        let top: string | undefined;
        for (let view = 0; view < 6; view++) {
          const list = await call(serve.port, "/recommend?user=u2&n=3");
          lists++;
          if (ids(list).some((id) => bought.has(id))) stale++;
          top ??= list.items[0]?.id;
        }
        return top;
      };
      for (let round = 0; round < 4; round++) {
        const top = await views();
        if (top === undefined) break;
        expect(await call(serve.port, "/events", "POST", [{ ...buy("u2", top), timestamp: new Date().toISOString() }])).toMatchObject({ accepted: 1 });
        bought.add(top);
      }
      await views();
      expect(bought.size).toBeGreaterThanOrEqual(3);
      expect(stale).toBe(0);
      // Every showing is an impression of its own, a kept list's too.
      const store = await openStore(storeUrl(config));
      try {
        await expect.poll(() => store.served.count(), { timeout: 5_000 }).toBe(lists);
      } finally {
        await store.close();
      }
      // Views between events were served from the workers' caches.
      const metrics = await (await fetch(`http://127.0.0.1:${serve.port}/metrics`)).text();
      const hits = Number(/tuijian_list_cache_requests_total\{outcome="hit"\} (\d+)/.exec(metrics)?.[1] ?? 0);
      expect(hits).toBeGreaterThan(lists / 2);
      await expect.poll(() => servingPids(serve.log()).size, { timeout: 5_000 }).toBe(2);
    } finally {
      serve.child.kill("SIGTERM");
      await serve.exited;
    }
  });
});
