// Lists kept until what shaped them changes (serving/list-cache.ts): a shopper's next
// event, in any process, changes their next list at once; so do catalogue and rule
// changes (the lists kept through catalogue changes: list-cache-catalogue.test.ts).
import { afterEach, describe, expect, it } from "vitest";
import { openRuntime, storeUrl, type Runtime } from "../server/runtime.js";
import { openStore } from "../server/store/open.js";
import { eraseUser } from "../server/access/privacy.js";
import { smallShop, TEST_BACKEND, testConfig } from "./helpers.js";
import { trainModels } from "../server/train.js";
import { call, servingPids, startWorkers } from "./serve-process.js";
import { registry } from "../server/platform/metrics.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const buy = (user: string, item: string) => ({ user_id: user, item_id: item, type: "purchase" as const, timestamp: Date.now() });
const ids = (list: { items: { id: string }[] }) => list.items.map((i) => i.id);
const hits = async () => Number(/outcome="hit"\} (\d+)/.exec(await registry.getSingleMetricAsString("tuijian_list_cache_requests_total"))?.[1] ?? 0);
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

  it("keeps few of the lists it makes while those it kept are seldom asked for again, every one again once they are, and every one at a minimum of 0", async () => {
    for (const minReuse of [10, 0]) {
      rt = await smallShop(testConfig({ listCacheSize: 5, listCacheMinReusePercent: minReuse }));
      const ask = (u: number, n: number, visit = 0) => rt!.recommender.recommend(`u${u}`, n, false, { attributes: { visit } });
      // 1,080 lists asked for once each (a list per shopper and length): none served again.
      for (let n = 1; n <= 90; n++) for (let u = 1; u <= 12; u++) await ask(u, n);
      expect(rt.recommender.keepsEveryList).toBe(minReuse === 0);
      const before = await hits();
      for (let u = 1; u <= 12; u++) expect(ids(await ask(u, 91))).toEqual(ids(await ask(u, 91)));
      // One miss in 8 keeps its list: at most 3 of the 12 second asks are hits.
      const served = (await hits()) - before;
      if (minReuse === 0) expect(served).toBe(12);
      else expect(served).toBeLessThanOrEqual(3);
      // Shoppers come back: each list asked for three times in a row.
      for (let visit = 1; visit <= 2 && !rt.recommender.keepsEveryList; visit++) {
        for (let n = 1; n <= 200; n++) for (let u = 1; u <= 12; u++) for (let i = 0; i < 3; i++) await ask(u, n, visit);
      }
      expect(rt.recommender.keepsEveryList).toBe(true);
      await rt.close();
      rt = undefined;
    }
  });
});

describe("the list cache across serving processes", () => {
  // PostgreSQL stores have no event feed, hence no shared histories.
  it.skipIf(TEST_BACKEND === "postgres")("reads new shoppers from the machine's shared histories on every worker, with the events stored since (SQLite)", async () => {
    const config = testConfig({ listCacheSize: 100 });
    await (await smallShop(config)).close();
    const serve = await startWorkers(config, ["--list-cache-size", "100"]);
    try {
      await expect.poll(() => serve.log().includes('"msg":"shared histories built"'), { timeout: 10_000 }).toBe(true);
      // A purchase after the build: no list on either worker shows the item again, whether the
      // worker held the shopper already or reads them from the file and the events since.
      const shoppers = ["u3", "u4", "u5", "u8", "u9", "u10"];
      let stale = 0;
      for (const user of shoppers) {
        const [top] = ids(await call(serve.port, `/recommend?user=${user}&n=3`));
        expect(top).toBeDefined();
        expect(await call(serve.port, "/events", "POST", [{ ...buy(user, top), timestamp: new Date().toISOString() }])).toMatchObject({ accepted: 1 });
        for (let view = 0; view < 4; view++) if (ids(await call(serve.port, `/recommend?user=${user}&n=3`)).includes(top)) stale++;
      }
      expect(stale).toBe(0);
      const metrics = async () => {
        const text = await (await fetch(`http://127.0.0.1:${serve.port}/metrics`)).text();
        const reads = (source: string) => Number(new RegExp(`tuijian_history_reads_total\\{source="${source}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
        return { shared: reads("shared"), store: reads("store") };
      };
      expect(await metrics()).toMatchObject({ store: 0 });
      expect((await metrics()).shared).toBeGreaterThanOrEqual(shoppers.length);
      await expect.poll(() => servingPids(serve.log()).size, { timeout: 5_000 }).toBe(2);
    } finally {
      serve.child.kill("SIGTERM");
      await serve.exited;
    }
  });

  it("shows no stale list on any worker after an event, their lists shared: events and requests interleaved", async () => {
    const config = testConfig({ listCacheSize: 100 });
    await (await smallShop(config)).close();
    // Lists shared between the workers too (serving/list-sharing.ts): the primary's file handed to each.
    const serve = await startWorkers(config, ["--list-cache-size", "100", "--shared-list-cache-mb", "1"]);
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
      // Some of them made by the other worker.
      expect(Number(/tuijian_shared_lists_total\{outcome="taken"\} (\d+)/.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
      await expect.poll(() => servingPids(serve.log()).size, { timeout: 5_000 }).toBe(2);
    } finally {
      serve.child.kill("SIGTERM");
      await serve.exited;
    }
  });
});
