// The admin routes the dashboard reads: /stats, /stats/catalogue, /items (browse) and
// /users/{id}/events, on the small shop of helpers.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createApp } from "../server/http/app.js";
import type { AppEnv } from "../server/http/auth.js";
import type { Runtime } from "../server/runtime.js";
import { smallShop } from "./helpers.js";
import { overview } from "../server/analytics/overview.js";

let rt: Runtime;
let app: OpenAPIHono<AppEnv>;
beforeAll(async () => {
  rt = await smallShop();
  app = createApp(rt);
});
afterAll(() => rt.close());

const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: await res.json() };
};

describe("the dashboard's data", () => {
  it("/stats: counts, purchases per day ending at the newest event, the model and its history", async () => {
    const { status, body } = await get("/stats?days=3");
    expect(status).toBe(200);
    expect(body).toMatchObject({ items: 8, shoppers: 12, events: 30 });
    expect(body.events_per_day.days).toEqual(["2023-12-30", "2023-12-31", "2024-01-01"]);
    expect(body.events_per_day.counts).toEqual({ purchase: [0, 0, 30] });
    expect(body.model.version).toBe(rt.recommender.version);
    expect(body.model.age_seconds).toBeGreaterThanOrEqual(0);
    expect(body.history.map((h: { version: string }) => h.version)).toEqual([rt.recommender.version]);
    expect(body.history[0]).toMatchObject({ events: 30, shoppers: 12 });
    expect(Object.keys(body.history[0].weights)).toContain("itemKnn");
    // One day of events: validated on shoppers' held-out items (random-user), not by time.
    expect(body.history[0].fit.cases).toBeGreaterThan(0);
    expect(rt.recommender.loaded!.manifest.params.fit).toMatchObject({ protocol: "random-user", cutoff: null });
  });

  it("/stats: a version's validation figures, NDCG null for models trained before it was measured", async () => {
    const manifest = rt.recommender.loaded!.manifest;
    const base = { protocol: "time" as const, cutoff: null, rounds: 2, recall: 0.2, bestRecall: 0.21, coverage: 0.3, cases: 40 };
    const fitted = (fit: typeof base & { ndcg?: number }) => ({ ...manifest, params: { ...manifest.params, fit } });
    const { history } = await overview(rt.store, [fitted({ ...base, ndcg: 0.15 }), fitted(base)], manifest.version, 3);
    expect(history.map((h) => h.fit)).toEqual([
      { recall: 0.2, ndcg: 0.15, best_recall: 0.21, coverage: 0.3, cases: 40 },
      { recall: 0.2, ndcg: null, best_recall: 0.21, coverage: 0.3, cases: 40 },
    ]);
  });

  it("/stats/catalogue: coverage and the most recommended items in the sampled lists", async () => {
    const { status, body } = await get("/stats/catalogue?sample=12&n=3");
    expect(status).toBe(200);
    expect(body).toMatchObject({ sampled_shoppers: 12, list_length: 3, live_items: 8 });
    expect(body.coverage).toBeGreaterThan(0);
    expect(body.coverage).toBeLessThanOrEqual(1);
    expect(body.top[0].lists).toBeGreaterThanOrEqual(body.top.at(-1).lists);
  });

  it("/items pages the catalogue and searches it", async () => {
    const first = await get("/items?limit=3");
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual(["a1", "a2", "a3"]);
    expect(first.body.next).toBe("a3");
    const second = await get(`/items?limit=3&after=${first.body.next}`);
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual(["b1", "b2", "b3"]);
    expect((await get("/items?q=item%20p")).body).toEqual({ items: [expect.objectContaining({ id: "pop" })], next: null });
    expect((await get("/items?limit=0")).status).toBe(400);
  });

  it("/users/{id}/events: newest first, paged; an unknown shopper is a 404", async () => {
    const first = await get("/users/u2/events?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.events.map((e: { item_id: string; type: string }) => [e.item_id, e.type])).toEqual([["pop", "purchase"], ["a3", "purchase"]]);
    const rest = await get(`/users/u2/events?limit=2&before=${first.body.next}`);
    expect(rest.body.events.map((e: { item_id: string }) => e.item_id)).toEqual(["a2"]);
    expect(rest.body.next).toBeNull();
    expect((await get("/users/nobody/events")).status).toBe(404);
    expect((await get("/users/u2/events?before=yesterday")).status).toBe(400);
  });
});

describe("the dashboard's files", () => {
  it("are served with their content types; the page holds no data and calls nothing elsewhere", async () => {
    const page = await app.request("/dashboard");
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    for (const [path, type] of [["app.js", /javascript/], ["pages/overview.js", /javascript/], ["style.css", /css/], ["uPlot.iife.min.js", /javascript/], ["uPlot.min.css", /css/]] as const) {
      const res = await app.request(`/dashboard/assets/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(type);
    }
    expect((await app.request("/dashboard/assets/index.html")).status).toBe(404);
    expect((await app.request("/dashboard/assets/../package.json")).status).toBe(404);
  });
});
