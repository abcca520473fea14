// The /recommend lane (server/http/recommend-lane.ts) on a real node server beside the app
// it stands in for: the same answers, refusals, rate limit, request ids and records, and
// every request it does not take handed to the app unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { accessOf, createApp, type Services } from "../server/http/app.js";
import { laneQuery, recommendLane } from "../server/http/recommend-lane.js";
import { httpRequests } from "../server/platform/metrics.js";
import type { Runtime } from "../server/runtime.js";
import { openRuntime } from "../server/runtime.js";
import { smallShop, testConfig } from "./helpers.js";

const config = { defaultResults: 10, maxResults: 100, logShopperIds: false, corsOrigins: [] };

describe("laneQuery: the requests the lane takes as written", () => {
  it("takes user, n, include_purchased and placement=home, with the app's defaults", () => {
    expect(laneQuery("/recommend?user=u1", config)).toEqual({ user: "u1", n: 10, includePurchased: false, placement: "home" });
    expect(laneQuery("/recommend?user=u1&n=5&include_purchased=1&placement=home", config)).toEqual({ user: "u1", n: 5, includePurchased: true, placement: "home" });
    expect(laneQuery("/recommend", config)).toEqual({ n: 10, includePurchased: false, placement: "home" });
    expect(laneQuery("/recommend?n=100&include_purchased=false", config)).toEqual({ n: 100, includePurchased: false, placement: "home" });
    expect(laneQuery("/recommend?user=u1&placement=product&item=a1", config)).toEqual({ user: "u1", n: 10, includePurchased: false, placement: "product", item: "a1" });
    expect(laneQuery("/recommend?placement=trending&n=4", config)).toEqual({ n: 4, includePurchased: false, placement: "trending" });
    expect(laneQuery("/recommend?user=u1&placement=cart&items=a1,b2", config)).toEqual({ user: "u1", n: 10, includePurchased: false, placement: "cart", items: ["a1", "b2"] });
  });

  it("takes a category page's filters, the category decoded as the app decodes it", () => {
    const page = (query: string) => laneQuery(`/recommend?user=u1&${query}`, config);
    expect(page("category=Classic+Candles")).toEqual({ user: "u1", n: 10, includePurchased: false, placement: "home", category: "Classic Candles" });
    expect(page("category=Classic%20Candles&in_stock=true")?.category).toBe("Classic Candles");
    expect(page("category=Tea%2BCoffee%20%E2%9C%93")?.category).toBe("Tea+Coffee ✓");
    expect(page("category=Mugs&price_min=5&price_max=20.5&in_stock=0")).toEqual({
      user: "u1", n: 10, includePurchased: false, placement: "home", category: "Mugs", priceMin: 5, priceMax: 20.5, inStock: false,
    });
    expect(page("placement=product&item=a1&price_max=9")).toEqual({ user: "u1", n: 10, includePurchased: false, placement: "product", item: "a1", priceMax: 9 });
    for (const query of [
      "category=%ZZ", "category=+Mugs", "category=Mugs%20", "category=", "category=a%0Ab", `category=${"x".repeat(201)}`, "category=Mugs&category=Cups",
      "price_min=", "price_min=-1", "price_min=1e3", "price_max=0x10", "price_max=%35", "in_stock=yes", "category=Mugs&region=eu", "cat%65gory=Mugs",
      "category=Mugs&exclude=a1", "category=Mugs&filter=price%20%3C%205",
    ]) expect(page(query), query).toBeUndefined();
  });

  it("leaves to the app whatever it would decode, default differently, refuse or route elsewhere", () => {
    for (const url of [
      "/recommend?user=a%20b", "/recommend?user=a+b", "/recommend?user=", "/recommend?user=u1&user=u2", "/recommend?user",
      "/recommend?n=0", "/recommend?n=101", "/recommend?n=05", "/recommend?n=1.0", "/recommend?include_purchased=yes",
      "/recommend?include_purchased=toString", "/recommend?include_purchased=constructor", "/recommend?include_purchased=__proto__",
      "/recommend?placement=product", "/recommend?item=a1", "/recommend?placement=trending&item=a1", "/recommend?placement=cart", "/recommend?items=a1",
      "/recommend?placement=cart&items=a1,,b2", "/recommend?placement=cart&items=a1,", `/recommend?placement=cart&items=${"x,".repeat(100)}y`, "/recommend?placement=product&item=a1&items=b1",
      "/recommend?placement=product&item=a%201", "/recommend?placement=product&item=a1&item=a2", "/recommend?category=Garden&user=a+b", "/recommend?region=eu", "/recommend?explain=true",
      "/recommend/why-not?user=u1&item=a1", "/recommendations?user=u1", "/recommend?user=u1&", `/recommend?user=${"x".repeat(257)}`,
    ]) expect(laneQuery(url, config), url).toBeUndefined();
  });
});

describe("the lane on a node server", () => {
  let rt: Runtime;
  let services: Services;
  let server: Server;
  let port: number;
  let app: ReturnType<typeof createApp>;
  /** Requests the lane handed to the app. */
  let handedOn = 0;

  const start = (s: Services): Promise<void> => {
    const access = accessOf(s);
    app = createApp(s, access);
    const appListener = getRequestListener(app.fetch);
    const counting: RequestListener = (req, res) => {
      handedOn++;
      void appListener(req, res);
    };
    server = createServer(recommendLane({ recommender: s.recommender, authorize: access.authorize, config: s.config }, counting));
    return new Promise((done) => server.listen(0, "127.0.0.1", () => {
      port = (server.address() as AddressInfo).port;
      done();
    }));
  };
  const stop = () => new Promise<void>((done) => server.close(() => done()));
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const before = handedOn;
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
    return { status: res.status, headers: res.headers, body: await res.json(), lane: handedOn === before };
  };
  const withoutId = (body: { recommendation_id?: string }) => ({ ...body, recommendation_id: undefined });

  beforeAll(async () => {
    rt = await smallShop();
    services = rt;
    await start(services);
  });
  afterAll(async () => {
    await stop();
    await rt.close();
  });

  it("answers a storefront's list as the app does, in the lane", async () => {
    for (const [query, appQuery] of [
      ["user=u1", "user=u1&explain=false"],
      ["user=u7&n=3", "user=u7&n=3&explain=false"],
      ["user=u2&include_purchased=true&placement=home", "user=u2&include_purchased=true&placement=home&explain=false"],
      ["user=nobody", "user=nobody&explain=false"],
      ["", "explain=false"],
      ["user=u1&placement=product&item=a1", "user=u1&placement=product&item=a1&explain=false"],
      ["placement=product&item=b2&n=3", "placement=product&item=b2&n=3&explain=false"],
      ["user=u3&placement=trending", "user=u3&placement=trending&explain=false"],
      ["user=u1&placement=cart&items=a1,b2", "user=u1&placement=cart&items=a1,b2&explain=false"],
      ["placement=cart&items=a1,nope", "placement=cart&items=a1,nope&explain=false"],
    ]) {
      const lane = await get(`/recommend?${query}`);
      expect(lane.lane, query).toBe(true);
      expect(lane.status, query).toBe(200);
      expect(lane.headers.get("content-type")).toBe("application/json");
      const viaApp = await get(`/recommend?${appQuery}`);
      expect(viaApp.lane, appQuery).toBe(false);
      expect(withoutId(lane.body), query).toEqual(withoutId(viaApp.body));
      expect(lane.body.items.length, query).toBeGreaterThan(0);
    }
    // A product page of an item the store does not know: whatever the app answers.
    const [lane, viaApp] = [await get("/recommend?placement=product&item=nope"), await get("/recommend?placement=product&item=nope&explain=false")];
    expect(lane.lane).toBe(true);
    expect([lane.status, withoutId(lane.body)]).toEqual([viaApp.status, withoutId(viaApp.body)]);
  });

  it("answers a category page's list as the app does, in the lane", async () => {
    await rt.catalogue.upsertItems([{ id: "a2", title: "Item A2", price: 10, category: "Cups & Mugs" }, { id: "b2", title: "Item B2", price: 12, category: "Cups & Mugs", stock: 0 }]);
    await new Promise((r) => setTimeout(r, 1100)); // past the filter facets' rebuild interval
    for (const query of [
      "user=u1&category=Cups+%26+Mugs", "user=u7&category=Cups%20%26%20Mugs&in_stock=false", "category=Cups+%26+Mugs&in_stock=true", "user=u2&price_max=10",
      "user=u3&price_min=10.5&price_max=20", "user=u1&placement=product&item=a1&category=Cups+%26+Mugs", "user=u4&category=Nothing+here",
    ]) {
      const lane = await get(`/recommend?${query}`);
      expect(lane.lane, query).toBe(true);
      const viaApp = await get(`/recommend?${query}&explain=false`);
      expect(viaApp.lane, query).toBe(false);
      expect([lane.status, withoutId(lane.body)], query).toEqual([viaApp.status, withoutId(viaApp.body)]);
      expect(lane.body.filter, query).toBeDefined();
    }
    expect((await get("/recommend?user=u1&category=Cups+%26+Mugs")).body.filter).toEqual({ category: "Cups & Mugs", passed: 1 }); // b2 is out of stock
  });

  it("hands every other request to the app, whose schema answers it", async () => {
    const bad = await get("/recommend?user=u1&n=0");
    expect(bad.lane).toBe(false);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("n");
    const cart = await get("/recommend?user=u1&placement=cart&items=a1,,b2");
    expect(cart.lane).toBe(false);
    expect(cart.body.placement).toBe("cart");
    const noItem = await get("/recommend?user=u1&placement=product");
    expect(noItem.lane).toBe(false);
    expect(noItem.status).toBe(400);
    expect((await get("/healthz")).lane).toBe(false);
  });

  it("echoes a plain X-Request-Id, makes one otherwise, and counts the request under its route", async () => {
    const counted = async () => (await httpRequests.get()).values.find((v) => v.labels.route === "/recommend" && v.labels.status === "200")?.value ?? 0;
    const before = await counted();
    const echoed = await get("/recommend?user=u1", { "x-request-id": "order-42" });
    expect(echoed.lane).toBe(true);
    expect(echoed.headers.get("x-request-id")).toBe("order-42");
    const made = await get("/recommend?user=u1", { "x-request-id": "has spaces" });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await counted()).toBe(before + 2);
  });

  it("refuses as the app does without a key once one exists, and shares the key's rate limit with it", async () => {
    const { secret } = await rt.keys.create({ name: "lane", scope: "read", ratePerSecond: 2 }, "test");
    const anonymous = await get("/recommend?user=u1");
    expect(anonymous.lane).toBe(true);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual((await get("/recommend?user=u1&explain=false")).body);
    // Burst: rateLimitBurstSeconds (2) × 2 requests, taken by the lane and the app alike.
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await get(`/recommend?user=u1${i % 2 ? "&explain=false" : ""}`, { authorization: `Bearer ${secret}` });
      expect(res.lane).toBe(i % 2 === 0);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.slice(4)).toContain(429);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited!.body.error.code).toBe("rate_limited");
  });

  it("answers 503 as the app does while no model exists", async () => {
    await stop();
    const empty = await openRuntime(testConfig());
    try {
      await start(empty);
      const lane = await get("/recommend?user=u1");
      expect(lane.lane).toBe(true);
      const viaApp = await get("/recommend?user=u1&explain=false");
      expect(lane.status).toBe(viaApp.status);
      expect(lane.status).toBe(503);
      expect(lane.body).toEqual(viaApp.body);
    } finally {
      await stop();
      await empty.close();
      await start(services);
    }
  });

  it("stands aside when CORS is configured: its headers are the app's", async () => {
    const listener: RequestListener = () => {};
    const lane = recommendLane({ recommender: rt.recommender, authorize: accessOf(services).authorize, config: { ...config, corsOrigins: ["https://shop.example"] } }, listener);
    expect(lane).toBe(listener);
  });
});
