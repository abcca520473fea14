import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { smallShop, testConfig } from "./helpers.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};
const send = async (path: string, init: RequestInit) => {
  const res = await app.request(path, init);
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

beforeEach(async () => {
  rt = await smallShop();
  app = createApp(rt);
  return () => rt.close();
});

describe("GET /recommend", () => {
  it("recommends the user's cluster, with reasons, excluding what they bought", async () => {
    const { status, body } = await get("/recommend?user=u1&n=3");
    expect(status).toBe(200);
    expect(body).toMatchObject({ user: "u1", model_version: "v000001", personalized: true });
    expect(body.recommendation_id).toMatch(/^[0-9a-f-]{36}$/);
    // u1 bought a1 and a3: a2 is the one item of its cluster left.
    expect(body.items[0]).toMatchObject({ id: "a2", title: "Item A2", reason: { type: "item_to_item" } });
    expect(["a1", "a3"]).toContain(body.items[0].reason.item);
    expect(ids(body)).not.toContain("a1");
    expect(ids(body)).not.toContain("a3");
  });

  it("excludes every purchase, also those older than the history a request scores", async () => {
    await rt.close();
    rt = await smallShop(testConfig({ maxHistory: 1 }));
    app = createApp(rt);
    // u1 bought a1, then a3: only a3 is in a one-event history; a1 must stay out too.
    const { body } = await get("/recommend?user=u1&n=8");
    expect(ids(body)).not.toContain("a1");
    expect(ids(body)).not.toContain("a3");
    expect(ids(body)).toContain("a2");
  });

  it("includes purchased items when asked", async () => {
    const { body } = await get("/recommend?user=u1&n=8&include_purchased=true");
    expect(ids(body)).toEqual(expect.arrayContaining(["a1", "a2", "a3", "pop"]));
  });

  it("leaves out the items a request excludes (the cart, the page), and still fills the list", async () => {
    const full = ids((await get("/recommend?user=u1&n=3")).body);
    const { status, body } = await get(`/recommend?user=u1&n=3&exclude=${full[0]},${full[1]},no-such-item`);
    expect(status).toBe(200);
    expect(ids(body)).toHaveLength(3);
    expect(ids(body)).not.toContain(full[0]);
    expect(ids(body)).not.toContain(full[1]);
    // The same for a shopper with no events, and for anyone on a popular list.
    for (const user of ["stranger", ""]) expect(ids((await get(`/recommend?${user && `user=${user}&`}n=2&exclude=pop`)).body)).not.toContain("pop");
    const tooMany = await get(`/recommend?user=u1&exclude=${Array.from({ length: 101 }, (_, i) => `x${i}`).join(",")}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0]).toMatchObject({ path: "exclude", message: "at most 100 ids" });
  });

  it("filters by price and stock, for shoppers with and without history, and says how many items passed", async () => {
    await rt.catalogue.upsertItems([{ id: "a2", price: 30 }, { id: "b1", stock: 5, price: 10 }, { id: "pop", stock: 2, price: 5 }, { id: "new" }]);
    const cheap = await get("/recommend?user=u1&n=8&price_max=20");
    expect(cheap.status).toBe(200);
    expect(ids(cheap.body)).not.toContain("a2");
    expect(ids(cheap.body)).not.toContain("new"); // no price: fails a price bound
    // a1, a3 (bought by u1, yet they pass), b1, b2, b3, pop.
    expect(cheap.body.filter).toEqual({ price_max: 20, passed: 6 });
    const stocked = await get("/recommend?n=8&in_stock=true");
    expect(ids(stocked.body).sort()).toEqual(["b1", "pop"]);
    expect(stocked.body.filter).toEqual({ in_stock: true, passed: 2 });
    const both = await get("/recommend?user=u1&n=8&in_stock=1&price_min=1&price_max=6");
    expect(ids(both.body)).toEqual(["pop"]);
    const none = await get("/recommend?user=u1&price_min=1000");
    expect(none.body).toMatchObject({ items: [], filter: { price_min: 1000, passed: 0 } });
    for (const q of ["price_min=-1", "price_max=abc", "in_stock=maybe"]) expect((await get(`/recommend?user=u1&${q}`)).status, q).toBe(400);
  });

  it("filters by an expression over attributes, and answers a syntax error with a 400 naming its position", async () => {
    await rt.catalogue.upsertItems([{ id: "b1", price: 10, attributes: { colour: "red" } }, { id: "b2", price: 10, attributes: { colour: "blue" } }]);
    const q = encodeURIComponent(`attributes.colour IN ("red", "blue") AND NOT attributes.colour = "blue"`);
    const { status, body } = await get(`/recommend?user=u1&n=8&filter=${q}`);
    expect(status).toBe(200);
    expect(ids(body)).toEqual(["b1"]);
    expect(body.filter).toEqual({ expression: decodeURIComponent(q), passed: 1 });
    const bad = await get(`/recommend?user=u1&filter=${encodeURIComponent("price <")}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: "filter", message: expect.stringMatching(/^expected a value .* at the end$/) });
  });

  it("gives unknown and anonymous users the popular list, never an error", async () => {
    for (const path of ["/recommend?user=stranger&n=2", "/recommend?n=2"]) {
      const { status, body } = await get(path);
      expect(status).toBe(200);
      expect(body.personalized).toBe(false);
      expect(body.items[0]).toMatchObject({ id: "pop", reason: { type: "popular" } });
    }
  });

  it("rejects bad parameters with a 400 naming them", async () => {
    for (const q of ["n=0", "n=abc", "n=100000", "include_purchased=maybe", "user="]) {
      const { status, body } = await get(`/recommend?${q}`);
      expect(status, q).toBe(400);
      expect(body.error.code).toBe("bad_request");
      expect(body.error.details[0].path).toBe(q.split("=")[0]);
    }
  });

  it("answers 503 before any model is trained", async () => {
    const empty = await openRuntime(testConfig());
    const bare = createApp(empty);
    const res = await bare.request("/recommend?user=u1");
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe("model_not_ready");
    expect((await bare.request("/readyz")).status).toBe(503);
    await empty.close();
  });
});

describe("events", () => {
  it("a posted event changes the user's next list without retraining", async () => {
    // A new shopper starts with the popular list...
    expect((await get("/recommend?user=newbie&n=3")).body.personalized).toBe(false);
    const posted = await send("/events", json({ user_id: "newbie", item_id: "b1", type: "view" }));
    expect(posted).toEqual({ status: 201, body: { accepted: 1, duplicates: 0 } });
    // ...and after one view gets the viewed item's cluster (the viewed item itself may
    // come back: only purchases are excluded).
    const { body } = await get("/recommend?user=newbie&n=3");
    expect(body.personalized).toBe(true);
    expect(ids(body)).toEqual(expect.arrayContaining(["b2", "b3"]));
    expect(ids(body).filter((id) => id.startsWith("a"))).toEqual([]);
  });

  it("accepts a batch, and rejects it whole when one event names an unknown item", async () => {
    const ok = await send("/events", json([
      { user_id: "x", item_id: "a1", type: "cart", timestamp: "2024-02-01T00:00:00Z", context: { page: "cart" } },
      { user_id: "x", item_id: "a2", type: "purchase", value: 1, timestamp: 1706745600 },
    ]));
    expect(ok.body).toEqual({ accepted: 2, duplicates: 0 });
    const before = await rt.store.events.count();
    const bad = await send("/events", json([
      { user_id: "y", item_id: "a1", type: "view" },
      { user_id: "y", item_id: "nope", type: "view" },
    ]));
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: "unknown_item", details: [{ index: 1, item_id: "nope" }] });
    expect(await rt.store.events.count()).toBe(before);
    expect(await rt.store.users.idOf("y")).toBeUndefined();
  });

  it("rejects invalid events, malformed JSON, wrong content types and oversize bodies", async () => {
    const invalid = await send("/events", json({ user_id: "x", item_id: "a1", type: "teleport" }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0]).toMatchObject({ path: "0.type", message: expect.stringMatching(/must be one of/) });
    const malformed = await send("/events", { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("malformed_json");
    const text = await send("/events", { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" });
    expect(text.status).toBe(415);
    const many = Array.from({ length: 1001 }, () => ({ user_id: "x", item_id: "a1", type: "view" }));
    expect((await send("/events", json(many))).body.error.code).toBe("batch_too_large");
    const huge = await send("/events", json({ user_id: "x", item_id: "a1", type: "view", context: { pad: "x".repeat(2_000_000) } }));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("body_too_large");
    expect(await send("/events", json([]))).toMatchObject({ status: 400 });
  });
});

describe("items and users", () => {
  it("upserts and reads items; a deleted item is gone from lists at once", async () => {
    const up = await send("/items", json([{ id: "c1", title: "Lamp", price: 12.5, tags: ["light"], stock: 4 }, { id: "c2" }]));
    expect(up).toEqual({ status: 200, body: { upserted: 2 } });
    expect((await get("/items/c1")).body).toMatchObject({ id: "c1", title: "Lamp", price: 12.5, tags: ["light"], stock: 4, available: true });

    expect(ids((await get("/recommend?user=u1&n=3")).body)[0]).toBe("a2");
    expect((await send("/items/a2", { method: "DELETE" })).status).toBe(204);
    expect(ids((await get("/recommend?user=u1&n=8")).body)).not.toContain("a2");
    expect(ids((await get("/recommend?n=8")).body)).not.toContain("a2");
    expect((await get("/items/a2")).status).toBe(404);
    expect((await send("/items/a2", { method: "DELETE" })).body.error.code).toBe("unknown_item");
  });

  it("stops recommending an item whose stock reaches zero", async () => {
    await send("/items", json({ id: "a2", title: "Item A2", stock: 0 }));
    expect(ids((await get("/recommend?user=u1&n=8")).body)).not.toContain("a2");
    await send("/items", json({ id: "a2", title: "Item A2", stock: 5 }));
    expect(ids((await get("/recommend?user=u1&n=8")).body)[0]).toBe("a2");
  });

  it("rejects invalid items and users with the field named", async () => {
    const bad = await send("/items", json({ id: "z", price: -1 }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: "0.price", message: "must not be negative" });
    expect((await send("/users", json({ attributes: {} }))).body.error.details[0].path).toBe("0.id");
  });

  it("upserts and reads users", async () => {
    expect((await send("/users", json({ id: "u1", attributes: { region: "EU", tier: "gold" } }))).body).toEqual({ upserted: 1 });
    expect((await get("/users/u1")).body).toMatchObject({ id: "u1", attributes: { region: "EU", tier: "gold" } });
    expect((await get("/users/nobody")).status).toBe(404);
  });
});

describe("health and errors", () => {
  it("reports liveness and readiness", async () => {
    expect(await get("/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await get("/readyz")).toEqual({ status: 200, body: { ready: true, model_version: "v000001" } });
  });

  it("answers unknown routes with a JSON 404", async () => {
    const { status, body } = await get("/nope");
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: "not_found", message: "no route for GET /nope" });
  });
});

describe("the shopper's own history as a source", () => {
  it("brings a viewed item back with reason your_history when weighted, never a bought one", async () => {
    const shop = await smallShop(testConfig({ hybridWeights: "itemKnn=1,recency=5" }));
    const own = createApp(shop);
    const post = (body: unknown) => own.request("/events", json(body));
    expect((await post({ user_id: "browser", item_id: "b1", type: "view" })).status).toBe(201);
    const viewed = await (await own.request("/recommend?user=browser&n=3")).json();
    expect(viewed.items[0]).toMatchObject({ id: "b1", reason: { type: "your_history" } });
    await post({ user_id: "browser", item_id: "b1", type: "purchase" });
    const bought = await (await own.request("/recommend?user=browser&n=8")).json();
    expect(ids(bought)).not.toContain("b1");
    await shop.close();
  });
});
