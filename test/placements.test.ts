import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import type { Runtime } from "../server/runtime.js";
import { trainModels } from "../server/train.js";
import { smallShop } from "./helpers.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;

type List = { placement: string; items: { id: string; score: number; reason: { type: string }; explain?: { contributions: Record<string, number> } }[] };
const call = async (query: string) => {
  const res = await app.request(`/recommend?${query}`);
  return { status: res.status, body: await res.json() };
};
const list = async (query: string): Promise<List> => {
  const { status, body } = await call(query);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
};
const ids = async (query: string) => (await list(query)).items.map((i) => i.id);
const DAY = 86_400_000;
const t0 = Date.parse("2024-01-01T00:00:00Z");

beforeEach(async () => {
  rt = await smallShop();
  app = createApp(rt);
  return () => rt.close();
});

describe("placements", () => {
  it("product: what is like the page's item and bought with it, for this shopper, never the item itself", async () => {
    const anonymous = await ids("placement=product&item=a1&n=3");
    expect(anonymous.slice(0, 2).sort()).toEqual(["a2", "a3"]);
    // A shopper of cluster b on a1's page: a1's cluster (and pop, bought with it too) before their own.
    const u7 = await ids("user=u7&placement=product&item=a1&n=3");
    expect(u7.sort()).toEqual(["a2", "a3", "pop"]);
    expect(u7).not.toContain("a1");
    expect((await call("placement=product")).status).toBe(400);
    expect((await call("placement=product&item=nope")).status).toBe(404);
    const explained = await list("user=u7&placement=product&item=a1&n=3&explain=true");
    for (const i of explained.items) expect(Math.abs(Object.values(i.explain!.contributions).reduce((s, x) => s + x, 0) - i.score)).toBeLessThan(1e-4);
  });

  it("cart: bought together with the cart's items, which are left out", async () => {
    const got = await ids("placement=cart&items=b1,b2&n=3");
    expect(got[0]).toBe("b3");
    expect(got).not.toContain("b1");
    expect((await call("placement=cart")).status).toBe(400);
  });

  it("buy_again: items bought on several days first, most due first, then those bought once: the purchases the other lists leave out", async () => {
    // u2 (who bought a2, a3 and pop on one day) buys pop again 10 and 20 days later, and a1 once.
    await rt.catalogue.recordEvents([
      { user_id: "u2", item_id: "pop", type: "purchase", timestamp: t0 + 10 * DAY },
      { user_id: "u2", item_id: "pop", type: "purchase", timestamp: t0 + 20 * DAY },
      { user_id: "u2", item_id: "a1", type: "purchase", timestamp: t0 + 20 * DAY },
    ]);
    const got = await list("user=u2&placement=buy_again&n=5");
    expect(got.items[0].id).toBe("pop");
    // Then what was bought once, the newest first.
    expect(got.items[1].id).toBe("a1");
    expect(got.items.map((i) => i.id).sort()).toEqual(["a1", "a2", "a3", "pop"]);
    expect(got.items[0].reason).toEqual({ type: "buy_again" });
    expect(await ids("user=u2&n=8")).not.toContain("pop");
  });

  it("trending: what rises lately above what is popular all along", async () => {
    // pop sold well two months ago; b2 sells now.
    const events = [];
    for (let u = 0; u < 20; u++) events.push({ user_id: `old${u}`, item_id: "pop", type: "purchase" as const, timestamp: t0 - 60 * DAY + u });
    for (let u = 0; u < 4; u++) events.push({ user_id: `new${u}`, item_id: "b2", type: "purchase" as const, timestamp: t0 + u });
    await rt.catalogue.recordEvents(events);
    await trainModels(rt.store, rt.registry, rt.config);
    await rt.recommender.refresh();
    const trending = await list("placement=trending&n=8");
    expect(trending.items[0]).toMatchObject({ id: "b2", reason: { type: "trending" } });
    // pop sells more than b2 over the month, and is first by popularity; b2 sells more lately.
    expect(trending.items.map((i) => i.id)).toContain("pop");
  });

  it("take their own rules", async () => {
    await rt.rules.put("no-b3-in-carts", { action: "exclude", match: { items: ["b3"] }, placement: "cart", enabled: true }, "test", "create");
    expect(await ids("placement=cart&items=b1,b2&n=3")).not.toContain("b3");
    expect(await ids("user=u7&n=8&include_purchased=true")).toContain("b3");
  });
});
