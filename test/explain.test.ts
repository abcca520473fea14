import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import type { Runtime } from "../server/runtime.js";
import { smallShop, testConfig } from "./helpers.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;

type Item = { id: string; score: number; reason: { type: string }; explain: { contributions: Record<string, number>; because: { item: string; contribution: number }[]; rank_before_rules: number | null } };
const explained = async (query: string): Promise<Item[]> => {
  const res = await app.request(`/recommend?${query}&explain=true`);
  expect(res.status).toBe(200);
  return (await res.json()).items;
};
const sum = (c: Record<string, number>) => Object.values(c).reduce((s, x) => s + x, 0);
const addsUp = (items: Item[]) => {
  for (const i of items) expect(Math.abs(sum(i.explain.contributions) - i.score), `${i.id}: ${JSON.stringify(i.explain.contributions)} vs ${i.score}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(i.score)));
};

beforeEach(async () => {
  rt = await smallShop();
  app = createApp(rt);
  return () => rt.close();
});

describe("explain=true", () => {
  it("takes every score apart into sources that add up to it, naming the history items behind the largest", async () => {
    const weights = rt.recommender.loaded!.manifest.params.hybrid as Record<string, number>;
    for (const user of ["u1", "u4", "u7", "u12"]) {
      const items = await explained(`user=${user}&n=5`);
      expect(items.length).toBeGreaterThanOrEqual(4);
      addsUp(items);
      items.forEach((item, r) => expect(item.explain.rank_before_rules).toBe(r + 1));
    }
    const [top] = await explained("user=u1&n=3");
    expect(top.id).toBe("a2");
    expect(top.explain.because.map((b) => b.item)).toEqual(expect.arrayContaining([expect.stringMatching(/^a[13]$/)]));
    const sparse = Object.entries(top.explain.contributions).filter(([k]) => ["item_knn", "linear", "text", "recency"].includes(k));
    expect(sparse.length).toBeGreaterThan(0);
    if (weights.factors > 0) expect(top.explain.contributions.factors).toBeDefined();
    const anonymous = await explained("n=3");
    addsUp(anonymous);
    expect(anonymous[0].explain.contributions.popularity ?? anonymous[0].explain.contributions.popular_in_context).toBe(anonymous[0].score);
    // Without explain=true there is none.
    expect((await (await app.request("/recommend?user=u1&n=3")).json()).items[0].explain).toBeUndefined();
  });

  it("still adds up where the item-to-item parts are compensated for popularity", async () => {
    await rt.close();
    rt = await smallShop(testConfig({ hybridWeights: "itemKnn=1,linear=1,content=1,recency=0.5,factors=0.2,popularity=0.1,compensation=0.5" }));
    app = createApp(rt);
    expect(rt.recommender.loaded!.manifest.params.hybrid.compensation).toBe(0.5);
    for (const user of ["u1", "u4", "u7", "u12"]) addsUp(await explained(`user=${user}&n=5`));
  });

  it("shows a rule's boost and a pin, still adding up, for shoppers with and without history", async () => {
    await rt.rules.put("lift", { action: "boost", match: { items: ["b2"] }, multiply: 3, add: 0.5, enabled: true }, "test", "create");
    await rt.rules.put("pin", { action: "pin", item: "new", position: 2, enabled: true }, "test", "create");
    const items = await explained("user=u1&n=5");
    addsUp(items);
    const b2 = items.find((i) => i.id === "b2")!;
    expect(b2.explain.contributions.rules).toBeGreaterThan(0.5);
    expect(items[1]).toMatchObject({ id: "new", explain: { contributions: { pin: items[1].score }, rank_before_rules: null } });
    addsUp(await explained("n=4"));
  });
});
