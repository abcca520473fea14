// Content and cold start through the HTTP API, end to end: the generated word-vector model
// loaded through transformers.js, the item embeddings in SQLite, the content index, and
// segment popularity, all trained by the real `train`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { train } from "../server/train.js";
import { testConfig } from "./helpers.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;

const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: await res.json() };
};
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

const ITEMS = [
  { id: "mug-red", title: "Red ceramic coffee mug", category: "Kitchen" },
  { id: "mug-white", title: "White stoneware coffee mug", category: "Kitchen" },
  { id: "teapot", title: "Porcelain teapot with infuser", category: "Kitchen" },
  { id: "chair", title: "Wooden garden chair", category: "Garden" },
  { id: "bench", title: "Teak garden bench", category: "Garden" },
  { id: "hose", title: "Expandable garden hose", category: "Garden" },
  { id: "cup-zh", title: "白色陶瓷咖啡杯", category: "厨房" },
  { id: "cup-zh-2", title: "陶瓷咖啡杯 大号", category: "厨房" },
  { id: "helmet-zh", title: "儿童自行车头盔", category: "运动" },
  // Never bought: a new product, known only by its text.
  { id: "cup-new", title: "Blue porcelain coffee cup", category: "Kitchen" },
];

beforeAll(async () => {
  const config = testConfig({ factors: 8 });
  rt = await openRuntime(config, { serving: true });
  await rt.catalogue.upsertItems(ITEMS);
  await rt.catalogue.upsertUsers([{ id: "g1", attributes: { region: "north" } }]);
  const t0 = Date.parse("2024-03-01T00:00:00Z");
  const events: { user_id: string; item_id: string; type: "purchase"; timestamp: number }[] = [];
  const buy = (user: string, items: string[]) => items.forEach((item) => events.push({ user_id: user, item_id: item, type: "purchase", timestamp: t0 + events.length * 60_000 }));
  for (let u = 0; u < 10; u++) buy(`k${u}`, ["mug-red", "mug-white", u % 2 ? "teapot" : "cup-zh"]);
  for (let u = 0; u < 10; u++) buy(`g${u}`, ["chair", "bench", u % 2 ? "hose" : "helmet-zh"]);
  buy("zh", ["cup-zh", "cup-zh-2"]);
  await rt.catalogue.recordEvents(events);
  await rt.catalogue.upsertUsers([{ id: "g0", attributes: { region: "north" } }, { id: "g2", attributes: { region: "north" } }]);
  await rt.content!.idle();
  await train(rt.store, rt.registry, config);
  await rt.recommender.refresh();
  app = createApp(rt);
}, 120_000);

afterAll(() => rt.close());

describe("GET /items/:id/similar", () => {
  it("blends co-purchase and text neighbours and names each one's source", async () => {
    const { status, body } = await get("/items/mug-red/similar?n=4");
    expect(status).toBe(200);
    expect(ids(body)[0]).toBe("mug-white");
    const cup = body.items.find((i: { id: string }) => i.id === "cup-new");
    const without = ids((await get("/items/mug-red/similar?n=4&exclude=mug-white,cup-new")).body);
    expect(without).toHaveLength(4);
    expect(without).not.toContain("mug-white");
    expect(without).not.toContain("cup-new");
    expect(cup).toMatchObject({ source: "content" });
    expect(body.items.find((i: { id: string }) => i.id === "mug-white").source).toBe("co_purchase");
    expect(ids(body)).not.toContain("mug-red");
  });

  it("relates Chinese titles through shared characters", async () => {
    const { body } = await get("/items/cup-zh-2/similar?n=3");
    expect(ids(body)[0]).toBe("cup-zh");
    expect(ids(body)).not.toContain("helmet-zh");
  });

  it("answers 404 for a deleted item, as GET /items/:id does", async () => {
    await rt.catalogue.upsertItems([{ id: "mug-old", title: "Red ceramic coffee mug, last year's glaze", category: "Kitchen" }]);
    await rt.content!.idle();
    expect((await get("/items/mug-old/similar")).status).toBe(200);
    expect((await app.request("/items/mug-old", { method: "DELETE" })).status).toBe(204);
    expect((await get("/items/mug-old")).status).toBe(404);
    expect(await get("/items/mug-old/similar")).toMatchObject({ status: 404, body: { error: { code: "unknown_item" } } });
    expect(ids((await get("/items/mug-red/similar?n=9")).body)).not.toContain("mug-old");
  });

  it("answers 404 for an unknown item and 400 for a bad n", async () => {
    expect((await get("/items/nope/similar")).status).toBe(404);
    expect((await get("/items/mug-red/similar?n=0")).body.error.message).toMatch(/n/);
  });
});

describe("GET /search", () => {
  it("finds items by meaning, not only by shared words", async () => {
    const { status, body } = await get("/search?q=cup%20of%20tea&n=3");
    expect(status).toBe(200);
    // "cup" is the only shared word; "mug" comes from the word vectors.
    expect(ids(body)[0]).toBe("cup-new");
    expect(["mug-red", "mug-white", "teapot"]).toContain(ids(body)[1]);
    expect(ids((await get("/search?q=cup%20of%20tea&n=3&exclude=cup-new")).body)).not.toContain("cup-new");
  });

  it("reorders results by the shopper's taste", async () => {
    const anonymous = ids((await get("/search?q=garden&n=3")).body);
    expect(anonymous.every((id: string) => ["chair", "bench", "hose"].includes(id))).toBe(true);
    // A query that fits both worlds: each shopper's own comes first.
    const kitchen = ["mug-red", "mug-white", "teapot", "cup-new", "cup-zh", "cup-zh-2"];
    expect(kitchen).toContain(ids((await get("/search?q=gift%20for%20the%20home&user=k1&n=3")).body)[0]);
    expect(["chair", "bench", "hose"]).toContain(ids((await get("/search?q=gift%20for%20the%20home&user=g1&n=3")).body)[0]);
  });

  it("refuses an empty query", async () => {
    const { status, body } = await get("/search?q=%20");
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/q/);
  });
});

describe("cold start", () => {
  it("recommends a product with text and no events to shoppers whose history is like it", async () => {
    const { body } = await get("/recommend?user=k0&n=5");
    expect(ids(body)).toContain("cup-new");
    const score = (b: { items: { id: string; score: number }[] }) => b.items.find((i) => i.id === "cup-new")?.score ?? 0;
    expect(score(body)).toBeGreaterThan(score((await get("/recommend?user=g0&n=10")).body));
  });

  it("gives a new product a reason that names only an item of the shopper's own history", async () => {
    // "solo" bought the bench alone: the chair scores high for them (bought with benches)
    // though they never touched it, and the new cup's text is closer to the chair than to
    // the bench: its reason must still not name the chair.
    await rt.catalogue.recordEvents([{ user_id: "solo", item_id: "bench", type: "purchase", timestamp: Date.parse("2024-03-02T00:00:00Z") }]);
    const bought = (u: string) =>
      u === "solo" ? ["bench"] : u.startsWith("k") ? ["mug-red", "mug-white", Number(u.slice(1)) % 2 ? "teapot" : "cup-zh"] : ["chair", "bench", Number(u.slice(1)) % 2 ? "hose" : "helmet-zh"];
    let cold = 0;
    for (const user of ["solo", ...Array.from({ length: 10 }, (_, u) => [`k${u}`, `g${u}`]).flat()]) {
      const { body } = await get(`/recommend?user=${user}&n=10&include_purchased=true`);
      for (const item of body.items as { id: string; reason: { type: string; item?: string } }[]) {
        if (item.id === "cup-new") cold++;
        if (item.reason.type === "item_to_item") expect(bought(user), `${user}: ${item.id} because of ${item.reason.item}`).toContain(item.reason.item);
      }
    }
    expect(cold).toBeGreaterThan(0);
    const solo = (await get("/recommend?user=solo&n=10")).body.items.find((i: { id: string }) => i.id === "cup-new");
    expect(solo?.reason).toMatchObject({ type: "item_to_item", item: "bench" });
  });

  it("recommends and finds a product posted after training, once its text is embedded in the background", async () => {
    const before = ids((await get("/recommend?user=k1&n=10")).body);
    await rt.catalogue.upsertItems([{ id: "mug-later", title: "Green ceramic coffee mug", category: "Kitchen" }]);
    await rt.content!.idle();
    const list = (await get("/recommend?user=k1&n=10")).body;
    expect(before).not.toContain("mug-later");
    expect(ids(list)).toContain("mug-later");
    expect(list.items.find((i: { id: string }) => i.id === "mug-later").reason.type).toBe("item_to_item");
    expect(ids((await get("/search?q=green%20mug&n=1")).body)).toEqual(["mug-later"]);
    expect(ids((await get("/items/mug-later/similar?n=2")).body)).toContain("mug-red");
    const later = (b: { items: { id: string; score: number }[] }) => b.items.find((i) => i.id === "mug-later")?.score ?? 0;
    expect(later(list)).toBeGreaterThan(later((await get("/recommend?user=g1&n=10")).body));
  });

  it("takes a large upload in slices, each product searchable once the background run is over", async () => {
    // More items than one embedding batch (32) and one hand-over slice (16).
    const colours = ["red", "blue", "green", "black", "white", "grey", "pink", "gold"];
    const upload = Array.from({ length: 40 }, (_, i) => ({ id: `lamp-${i}`, title: `${colours[i % 8]} desk lamp model ${i}`, category: "Lighting" }));
    await rt.catalogue.upsertItems(upload);
    await rt.content!.idle();
    for (const i of [0, 17, 39]) expect(ids((await get(`/search?q=${encodeURIComponent(upload[i].title)}&n=1`)).body)).toEqual([`lamp-${i}`]);
  });

  it("gives a new shopper the popular items of the page's category", async () => {
    const { body } = await get("/recommend?user=newcomer&category=Garden&n=3");
    expect(ids(body).sort()).toEqual(["bench", "chair", "hose"].sort());
    expect(body.items[0].reason).toEqual({ type: "popular_in", segments: ["category=Garden"] });
    expect(body.personalized).toBe(false);
  });

  it("personalises from the first event", async () => {
    await rt.catalogue.recordEvents([{ user_id: "fresh", item_id: "bench", type: "purchase", timestamp: Date.parse("2024-03-02T00:00:00Z") }]);
    const { body } = await get("/recommend?user=fresh&n=2");
    expect(ids(body)).toContain("chair");
    expect(body.personalized).toBe(true);
  });
});

describe("category filter", () => {
  const category = (id: string) => ITEMS.find((i) => i.id === id)?.category;

  it("keeps a shopper's personal list to the category asked for, and says how many items it holds", async () => {
    // k0 buys kitchen things: asked for garden ones, they get garden ones only, still ranked for them.
    const { status, body } = await get("/recommend?user=k0&category=Garden&n=10");
    expect(status).toBe(200);
    expect(ids(body).length).toBeGreaterThan(0);
    expect(ids(body).every((id: string) => category(id) === "Garden")).toBe(true);
    expect(body.filter).toEqual({ category: "Garden", passed: 3 });
    const kitchen = await get("/recommend?user=g1&category=Kitchen&n=10&include_purchased=true");
    expect(ids(kitchen.body).every((id: string) => category(id) === "Kitchen" || id === "mug-later")).toBe(true);
    expect(ids(kitchen.body)).toContain("cup-new"); // a cold item of the category, too
  });

  it("never tops a new shopper's list up from other categories", async () => {
    const { body } = await get("/recommend?user=newcomer&category=Garden&n=10");
    expect(ids(body).sort()).toEqual(["bench", "chair", "hose"]);
    expect(body.filter.passed).toBe(3);
  });

  it("says so when no item passes, rather than returning an unexplained empty list", async () => {
    const { status, body } = await get("/recommend?user=k0&category=Nothing%20here&n=5");
    expect(status).toBe(200);
    expect(body.items).toEqual([]);
    expect(body.filter).toEqual({ category: "Nothing here", passed: 0 });
    expect((await get("/recommend?user=k0&n=5")).body.filter).toBeUndefined();
  });

  it("applies to similar items and search", async () => {
    const similar = await get("/items/mug-red/similar?n=10&category=Kitchen");
    expect(ids(similar.body).length).toBeGreaterThan(0);
    expect(ids(similar.body).every((id: string) => category(id) === "Kitchen" || id === "mug-later")).toBe(true);
    const found = await get("/search?q=cup&n=10&category=%E5%8E%A8%E6%88%BF"); // 厨房
    expect(ids(found.body).sort()).toEqual(["cup-zh", "cup-zh-2"]);
    expect(found.body.filter).toEqual({ category: "厨房", passed: 2 });
    const expr = encodeURIComponent(`category = "Garden" AND NOT category = "Kitchen"`);
    expect(ids((await get(`/items/chair/similar?n=10&filter=${expr}`)).body).sort()).toEqual(["bench", "hose"]);
  });
});

describe("placement=scenario", () => {
  it("lists the items closest in text to the theme, with the theme as their reason", async () => {
    const { status, body } = await get("/recommend?placement=scenario&theme=garden%20furniture&n=3");
    expect(status).toBe(200);
    expect(body.placement).toBe("scenario");
    expect(ids(body).filter((id) => ["chair", "bench", "hose"].includes(id)).length).toBeGreaterThanOrEqual(2);
    expect(body.items[0].reason).toEqual({ type: "theme", theme: "garden furniture" });
    expect((await get("/recommend?placement=scenario")).status).toBe(400);
  });
});
