import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { SqliteStore } from "../server/store/sqlite/store.js";
import { contextKeys, loadSegments, type SegmentOptions } from "../server/segments.js";
import {
  decayByAge, rankBySegments, segmentArrays, segmentFromArrays, SegmentPopularityBuilder, type SegmentPopularity,
} from "../models/segment-popularity.js";
import { ArtefactError, decodeArtefact, encodeArtefact } from "../models/artefact.js";
import { DEFAULT_EVENT_WEIGHTS, eventCode, eventStrength, weightsByCode } from "../models/event-types.js";
import { seededRandom } from "../models/random.js";
import { tempDir } from "./helpers.js";

const DAY = 86_400_000;
const T0 = Date.parse("2024-06-01T00:00:00Z");
const BY_CODE = weightsByCode(DEFAULT_EVENT_WEIGHTS);
const PURCHASE = eventCode("purchase");

/** A store on disk, and a second connection to it as training would read segments. */
function openShop() {
  const file = join(tempDir(), "tuijian.db");
  const store = SqliteStore.open(file);
  const item = (id: string, category?: string) => store.items.upsert({ id, category });
  const user = (id: string, attributes: Record<string, unknown>) => store.users.upsert({ id, attributes });
  const buy = (userId: number, itemId: number, ts = T0) => store.events.insert({ userId, itemId, type: PURCHASE, value: null, ts, context: null });
  const train = async (segmentOpts: SegmentOptions = { userAttributes: "auto" }, halfLifeMs = 7 * DAY) => {
    const reader = SqliteStore.open(file);
    const segments = await loadSegments(reader, segmentOpts);
    await reader.close();
    const builder = new SegmentPopularityBuilder({
      numItems: (await store.items.maxId()) + 1, weightsByCode: BY_CODE, halfLifeMs, referenceTs: (await store.events.timeProfile(0.1)).latest ?? T0, minEvents: 1,
    });
    for await (const page of store.events.byUser()) for (const [u, i, type, value, ts] of page) {
      builder.add(segments.userSegments(u), i, type, value, ts);
      builder.add(segments.itemSegments(i), i, type, value, ts);
    }
    const model = builder.build(segments.keys);
    const row = (key: string) => {
      const s = model.keys.indexOf(key);
      const at = (r: number) => ({ item: model.items[r], score: model.scores[r] });
      return s < 0 ? undefined : Array.from({ length: model.rowPtr[s + 1] - model.rowPtr[s] }, (_, r) => at(model.rowPtr[s] + r));
    };
    return { segments, model, row };
  };
  return { store, item, user, buy, train };
}

/** Four EU shoppers buy mug1 (all) and lamp1 (three); four US shoppers buy lamp2 (all) and mug2 (two). */
async function twoRegions() {
  const shop = openShop();
  const [mug1, mug2, lamp1, lamp2] = [await shop.item("mug1", "Mugs"), await shop.item("mug2", "Mugs"), await shop.item("lamp1", " Lamps "), await shop.item("lamp2", "Lamps")];
  for (let u = 0; u < 4; u++) {
    const eu = await shop.user(`eu${u}`, { region: "EU", tier: "gold" });
    const us = await shop.user(`us${u}`, { region: "US", tier: "basic" });
    await shop.buy(eu, mug1);
    if (u < 3) await shop.buy(eu, lamp1);
    await shop.buy(us, lamp2);
    if (u < 2) await shop.buy(us, mug2);
  }
  return { ...shop, mug1, mug2, lamp1, lamp2 };
}

describe("segment popularity from the store", () => {
  it("ranks each segment by its own events only, best scaled to 1", async () => {
    const { store, train, mug1, mug2, lamp1, lamp2 } = await twoRegions();
    const { row } = await train();
    expect(row("region=EU")).toEqual([{ item: mug1, score: 1 }, { item: lamp1, score: 0.75 }]);
    expect(row("region=US")).toEqual([{ item: lamp2, score: 1 }, { item: mug2, score: 0.5 }]);
    expect(row("tier=gold")?.map((r) => r.item)).toEqual([mug1, lamp1]);
    // Categories hold their own items, whoever bought them; " Lamps " and "Lamps" are one.
    expect(row("category=Mugs")).toEqual([{ item: mug1, score: 1 }, { item: mug2, score: 0.5 }]);
    expect(row("category=Lamps")).toEqual([{ item: lamp2, score: 1 }, { item: lamp1, score: 0.75 }]);
    await store.close();
  });

  it("counts recent events more: one purchase now beats two from two half-lives ago", async () => {
    const shop = openShop();
    const [old, fresh] = [await shop.item("old"), await shop.item("fresh")];
    const users = [await shop.user("u0", { region: "EU" }), await shop.user("u1", { region: "EU" }), await shop.user("u2", { region: "EU" })];
    await shop.buy(users[0], old, T0 - 14 * DAY);
    await shop.buy(users[1], old, T0 - 14 * DAY);
    await shop.buy(users[2], fresh, T0);
    const { row } = await shop.train({ userAttributes: "auto" }, 7 * DAY);
    expect(row("region=EU")).toEqual([{ item: fresh, score: 1 }, { item: old, score: 0.5 }]);
    await shop.store.close();
  });

  it('"auto" keeps attributes with few values and drops ids, nested values and "category"', async () => {
    const shop = openShop();
    for (let u = 0; u < 150; u++) {
      await shop.user(`u${u}`, { region: ["north", "south", "east"][u % 3], tier: u % 2 ? "gold" : "basic", email: `u${u}@shop.test`, prefs: { a: 1 }, category: "Mugs" });
    }
    const auto = (await shop.train()).segments;
    expect([...auto.keys].sort()).toEqual(["region=east", "region=north", "region=south", "tier=basic", "tier=gold"]);
    const u7 = (await shop.store.users.idOf("u7"))!;
    expect([...auto.userSegments(u7)].map((s) => auto.keys[s])).toEqual(["region=south", "tier=gold"]);
    expect(auto.userSegments(9999)).toHaveLength(0);
    // Listed attributes are taken as they are, however many values they have.
    const listed = (await shop.train({ userAttributes: ["tier", "email"] })).segments;
    expect(listed.keys.filter((k) => k.startsWith("email="))).toHaveLength(150);
    expect(listed.keys.some((k) => k.startsWith("region="))).toBe(false);
    await shop.store.close();
  });

  it("names the same keys from a request's context as from the store", async () => {
    const shop = openShop();
    const item = await shop.item("m", " Mugs ");
    await shop.user("s", { " region ": " EU ", vip: true, level: 3, blank: "  " });
    const { segments } = await shop.train();
    expect([...segments.itemSegments(item)].map((s) => segments.keys[s])).toEqual(["category=Mugs"]);
    const keys = contextKeys({ category: "Mugs ", attributes: { region: "EU", vip: "true", level: 3, blank: "", nested: { a: 1 }, category: "Lamps" } });
    expect(keys).toEqual(["category=Mugs", "region=EU", "vip=true", "level=3"]);
    expect([...segments.keys].sort()).toEqual([...keys].sort());
    expect(contextKeys({})).toEqual([]);
    await shop.store.close();
  });
});

describe("SegmentPopularityBuilder", () => {
  const builder = (opts: { perSegment?: number; minEvents?: number; numItems?: number } = {}) =>
    new SegmentPopularityBuilder({ numItems: 10, weightsByCode: BY_CODE, halfLifeMs: 7 * DAY, referenceTs: T0, ...opts });

  it("drops segments with fewer than minEvents events", async () => {
    const b = builder({ minEvents: 20 });
    for (let e = 0; e < 19; e++) b.add([0], e % 3, PURCHASE, null, T0);
    for (let e = 0; e < 20; e++) b.add([1], e % 3, PURCHASE, null, T0);
    expect(b.build(["thin", "kept", "empty"]).keys).toEqual(["kept"]);
  });

  it("keeps perSegment items, the best ones", async () => {
    const b = builder({ perSegment: 2, minEvents: 1 });
    for (const [item, n] of [[1, 1], [2, 4], [3, 2], [4, 3]]) for (let e = 0; e < n; e++) b.add([0], item, PURCHASE, null, T0);
    expect(b.build(["s"])).toMatchObject({ rowPtr: Int32Array.of(0, 2), items: Int32Array.of(2, 4), scores: Float32Array.of(1, 0.75) });
  });

  it("holds a segment of few items in a table, not a row over the whole catalogue", async () => {
    const b = builder({ numItems: 1_000_000, minEvents: 1 });
    for (let e = 0; e < 1000; e++) b.add([0, 1], (e % 50) * 20_000, PURCHASE, null, T0);
    expect(b.bytes()).toBeLessThanOrEqual(2 * 128 * 12);
    expect(b.build(["a", "b"]).items).toHaveLength(100);
  });

  it("matches a plain reference, sparse, dense and interleaved segments alike", async () => {
    const numItems = 200;
    const random = seededRandom(11);
    const b = builder({ numItems, perSegment: numItems, minEvents: 1 });
    const sums = [0, 1, 2, 3].map(() => new Map<number, number>());
    for (let e = 0; e < 5000; e++) {
      const item = Math.floor(random() * numItems);
      const [type, ts] = [1 + Math.floor(random() * 7), T0 - Math.floor(random() * 60 * DAY)];
      const value = type === eventCode("rating") ? 1 + Math.floor(random() * 5) : null;
      // 0 and 3 see every item (dense, one block); 1 every 7th (a strided table); 2 a few.
      const segments = [0, 3, ...(item % 7 === 0 ? [1] : []), ...(item < 20 ? [2] : [])];
      b.add(segments, item, type, value, ts);
      const w = eventStrength(type, value, BY_CODE) * Math.pow(2, -(T0 - ts) / (7 * DAY));
      for (const s of segments) if (w > 0) sums[s].set(item, (sums[s].get(item) ?? 0) + w);
    }
    const model = b.build(["a", "b", "c", "d"]);
    sums.forEach((m, s) => {
      const max = Math.max(...m.values());
      const expected = [...m].map(([item, sum]) => [item, Math.fround(sum / max)]).sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      const [from, to] = [model.rowPtr[s], model.rowPtr[s + 1]];
      expect(Array.from(model.items.subarray(from, to))).toEqual(expected.map(([item]) => item));
      model.scores.subarray(from, to).forEach((score, r) => expect(score).toBeCloseTo(expected[r][1], 6));
    });
  });

  it("decays by table exactly as 2^(-age / half-life)", async () => {
    for (const halfLife of [7 * DAY, 20_000 * DAY]) {
      const decay = decayByAge(halfLife, T0);
      for (const age of [0, 1, 1023, 1024, 86_399_999, 14 * DAY, 2 ** 30 + 12345, 400 * DAY, 2 ** 40 - 1, 2 ** 40 + 7]) {
        const exact = Math.pow(2, -age / halfLife);
        if (exact > 1e-300) expect(decay(T0 - age) / exact).toBeCloseTo(1, 12);
      }
      expect(decay(T0 + DAY)).toBe(1);
    }
  });

  it("round-trips through an artefact file's typed arrays", async () => {
    const { store, train } = await twoRegions();
    const { model } = await train();
    const { entry, data } = encodeArtefact("segments.bin", segmentArrays(model));
    const keys = JSON.parse(JSON.stringify(model.keys)) as string[];
    const back = segmentFromArrays(keys, decodeArtefact(entry, data));
    expect(back).toEqual(model);
    expect(rankBySegments(back, ["region=EU"], 5, undefined)).toEqual(rankBySegments(model, ["region=EU"], 5, undefined));
    expect(() => segmentFromArrays(keys.slice(1), segmentArrays(model))).toThrow(ArtefactError);
    await store.close();
  });
});

describe("rankBySegments", () => {
  const p: SegmentPopularity = {
    keys: ["category=Mugs", "region=EU", "tier=gold"],
    rowPtr: Int32Array.of(0, 3, 5, 6),
    items: Int32Array.of(1, 2, 3, 4, 2, 5),
    scores: Float32Array.of(1, 0.5, 0.5, 1, 0.75, 1),
  };
  const rank = (keys: string[], k = 10, exclude?: Set<number>, accept?: (i: number) => boolean) => rankBySegments(p, keys, k, exclude, accept);

  it("sums the named segments' scores, ties to the lower item id", async () => {
    expect(rank(["category=Mugs", "region=EU"])).toEqual({ items: [2, 1, 4, 3], scores: [1.25, 1, 1, 0.5] });
    expect(rank(["category=Mugs", "region=EU"], 2).items).toEqual([2, 1]);
    expect(rank(["tier=gold", "tier=gold"])).toEqual({ items: [5], scores: [1] });
  });

  it("honours exclude and accept", async () => {
    expect(rank(["category=Mugs", "region=EU"], 10, new Set([2])).items).toEqual([1, 4, 3]);
    expect(rank(["category=Mugs", "region=EU"], 10, undefined, (i) => i % 2 === 1).items).toEqual([1, 3]);
  });

  it("ignores unknown keys and gives nothing when none is known", async () => {
    expect(rank(["region=Mars", "tier=gold"]).items).toEqual([5]);
    expect(rank(["region=Mars"])).toEqual({ items: [], scores: [] });
    expect(rank([])).toEqual({ items: [], scores: [] });
  });
});
