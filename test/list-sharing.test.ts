// Lists shared by the serving processes of one machine (serving/shared-slots.ts,
// serving/list-sharing.ts): two runtimes on one store and one file of slots, as two workers
// of `serve --workers 2` are. A list one made is served by the other only while it is the
// list the other would make now.
import { afterEach, describe, expect, it } from "vitest";
import { closeSync, writeSync } from "node:fs";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { createSharedFile, SharedSlots, SLOT_BYTES } from "../server/serving/shared-slots.js";
import { registry } from "../server/platform/metrics.js";
import { trainModels } from "../server/train.js";
import { smallShop, testConfig } from "./helpers.js";

const files: number[] = [];
const runtimes: Runtime[] = [];
afterEach(async () => {
  for (const rt of runtimes.splice(0)) await rt.close();
  for (const fd of files.splice(0)) closeSync(fd);
});

/** A file of `mb` MB of slots, closed after the test. */
function sharedFile(mb = 1): { fd: number; slots: number } {
  const file = createSharedFile(mb)!;
  files.push(file.fd);
  return file;
}

describe("shared slots", () => {
  it("finds what any holder of the file put, until another key takes the slot", () => {
    const { fd, slots } = sharedFile();
    const [one, two] = [new SharedSlots(fd, slots), new SharedSlots(fd, slots)];
    const value = { json: { title: "Tee — 红", ids: [1, 2] }, text: '[{"id":"红"}]' };
    expect(one.put("k1", value)).toBe(true);
    expect(two.get("k1")).toEqual(value);
    expect(two.get("k2")).toBeUndefined();
    expect(one.put("k1", { json: [3], text: "" })).toBe(true);
    expect(two.get("k1")).toEqual({ json: [3], text: "" });

    const single = new SharedSlots(fd, 1);
    single.put("a", { json: 1, text: "a" });
    single.put("b", { json: 2, text: "b" });
    expect([single.get("a"), single.get("b")]).toEqual([undefined, { json: 2, text: "b" }]);
  });

  it("finds nothing in a slot half-written, and takes no value larger than a slot", () => {
    const { fd } = sharedFile();
    const slots = new SharedSlots(fd, 1);
    const value = { json: { n: 1 }, text: "x".repeat(3000) };
    expect(slots.put("k", value)).toBe(true);
    expect(slots.get("k")).toEqual(value);
    // Another process's write under way: its bytes over part of the slot.
    writeSync(fd, Buffer.from("y".repeat(500)), 0, 500, 2000);
    expect(slots.get("k")).toBeUndefined();
    // One byte: the checks see it.
    expect(slots.put("k", value)).toBe(true);
    writeSync(fd, Buffer.from("z"), 0, 1, 100);
    expect(slots.get("k")).toBeUndefined();

    expect(slots.put("big", { json: 1, text: "é".repeat(SLOT_BYTES / 2) })).toBe(false);
    expect(slots.put("big", { json: "x".repeat(SLOT_BYTES), text: "" })).toBe(false);
  });
});

const ids = (list: { items: { id: string }[] }) => list.items.map((i) => i.id);
const buy = (user: string, item: string) => ({ user_id: user, item_id: item, type: "purchase" as const, timestamp: Date.now() });
/** Lists taken from another process so far (the metric). */
const taken = async () => Number(/outcome="taken"\} (\d+)/.exec(await registry.getSingleMetricAsString("tuijian_shared_lists_total"))?.[1] ?? 0);
/** Past the change counters' interval: another process's write is seen. */
const past = () => new Promise((r) => setTimeout(r, 300));

/** Two serving processes' runtimes on the small shop's store, sharing one file of slots. */
async function twoProcesses(config = testConfig({ listCacheSize: 100 })): Promise<[Runtime, Runtime]> {
  await (await smallShop(config)).close();
  const { fd, slots } = sharedFile();
  const open = async () => {
    const rt = await openRuntime(config, { serving: true, shared: new SharedSlots(fd, slots) });
    runtimes.push(rt);
    await rt.recommender.refresh();
    await rt.recommender.readCatalogue(); // as a worker does at its start
    return rt;
  };
  return [await open(), await open()];
}

describe("lists shared between serving processes", () => {
  it("serves in one process the list another made, until the shopper's next event in either", async () => {
    const [a, b] = await twoProcesses();
    const first = await a.recommender.recommend("u1", 3, false);
    const before = await taken();
    const there = await b.recommender.recommend("u1", 3, false);
    expect(await taken()).toBe(before + 1);
    expect(ids(there)).toEqual(ids(first));
    expect(there.recommendation_id).not.toBe(first.recommendation_id);
    // Kept in b now: served from its own cache.
    await b.recommender.recommend("u1", 3, false);
    expect(await taken()).toBe(before + 1);

    await a.catalogue.recordEvents([buy("u1", first.items[0].id)]);
    // a's list was made before the purchase: b makes its own.
    const after = await b.recommender.recommend("u1", 3, false);
    expect(ids(after)).not.toContain(first.items[0].id);
    expect(await taken()).toBe(before + 1);
    // ... which a takes: its own list is from before the purchase.
    expect(ids(await a.recommender.recommend("u1", 3, false))).toEqual(ids(after));
    expect(await taken()).toBe(before + 2);
  });

  it("takes no list one of whose items changed, or before an item may enter, since it was made", async () => {
    const [a, b] = await twoProcesses();
    const ask = async (rt: Runtime, user: string) => (await past(), rt.recommender.recommend(user, 3, false));
    const first = await ask(a, "u1");
    const outside = ["a1", "a2", "a3", "b1", "b2", "b3", "pop", "new"].find((id) => !ids(first).includes(id))!;
    await a.catalogue.upsertItems([{ id: outside, title: "Renamed", price: 12 }]);
    const before = await taken();
    expect(ids(await ask(b, "u1"))).toEqual(ids(first));
    expect(await taken()).toBe(before + 1);

    const second = await ask(a, "u2");
    await a.catalogue.upsertItems([{ id: second.items[0].id, title: "Shown renamed", price: 10 }]);
    const renamed = await ask(b, "u2");
    expect(renamed.items.find((i) => i.id === second.items[0].id)?.title).toBe("Shown renamed");
    expect(await taken()).toBe(before + 1);

    await ask(a, "u3");
    await a.catalogue.upsertItems([{ id: "fresh", title: "New in", price: 9 }]);
    await ask(b, "u3");
    expect(await taken()).toBe(before + 1);
  });

  it("shares no list made under a filter, nor one made under another model", async () => {
    const [a, b] = await twoProcesses();
    await a.catalogue.upsertItems(["a1", "a2", "a3"].map((id) => ({ id, title: `Item ${id.toUpperCase()}`, price: 10, category: "A" })));
    await past();
    const before = await taken();
    await a.recommender.recommend("u1", 3, false, { category: "A" });
    await b.recommender.recommend("u1", 3, false, { category: "A" });
    expect(await taken()).toBe(before);

    await trainModels(a.store, a.registry, a.config);
    expect(await a.recommender.refresh()).toBe(true);
    const newer = await a.recommender.recommend("u4", 3, false);
    const older = await b.recommender.recommend("u4", 3, false);
    expect(await taken()).toBe(before);
    expect(older.model_version).not.toBe(newer.model_version);
  });
});
