// Shopper segments: the training pass's per-shopper figures (days, spend, scores, named
// segment), the API and CLI that read them, and experiments targeted by segment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ShopperValueBuilder } from "../models/shopper-value.js";
import { DEFAULT_SEGMENT_THRESHOLDS, SEGMENT_NAMES } from "../models/rfm.js";
import { createApp } from "../server/http/app.js";
import type { Runtime } from "../server/runtime.js";
import { trainModels } from "../server/train.js";
import { smallShop } from "./helpers.js";

const DAY = 86_400_000;
const PURCHASE = 5;

describe("shopper values", () => {
  it("sum each shopper's purchase days and spend as of a time, score them among buyers and name their segment", () => {
    const b = new ShopperValueBuilder(5, Float32Array.of(10, 5), PURCHASE, 400 * DAY);
    b.add(0, 0, PURCHASE, 2, 0);
    b.add(0, 1, PURCHASE, null, 0.5 * DAY); // the same day: one purchase day
    b.add(0, 1, 1, null, 50 * DAY); // a view: not a purchase
    b.add(0, 1, PURCHASE, 3, 100 * DAY);
    b.add(0, 0, PURCHASE, 1, 390 * DAY);
    b.add(1, 0, PURCHASE, 1, 395 * DAY);
    b.add(2, 1, PURCHASE, 1, 10 * DAY);
    b.add(2, 1, PURCHASE, 1, 20 * DAY);
    b.add(3, 0, PURCHASE, 1, 401 * DAY); // after the time: left out
    const { arrays, params } = b.build({ thresholds: { ...DEFAULT_SEGMENT_THRESHOLDS, atRiskChurn: 2 }, churnDays: 90, clvDays: 365 });
    expect(Array.from(arrays.purchaseDays)).toEqual([3, 1, 2, 0, 0]);
    expect(Array.from(arrays.spend)).toEqual([20 + 5 + 15 + 10, 10, 10, 0, 0]);
    expect([arrays.firstDay[0], arrays.lastDay[0], arrays.lastDay[2]]).toEqual([0, 390, 20]);
    const names = Array.from(arrays.segment, (s) => (s < 0 ? null : SEGMENT_NAMES[s]));
    // u1 bought once, 5 days ago: new; u2 not for 380 days: lost; u0 spent most (monetary 5): high value.
    expect(names).toEqual(["high_value", "new", "lost", null, null]);
    expect(Math.floor(arrays.rfm[0] / 100)).toBeGreaterThan(Math.floor(arrays.rfm[2] / 100));
    expect(arrays.rfm[0] % 10).toBe(5);
    expect(params.shoppers).toBe(3);
    expect(params.segments.lost).toEqual({ shoppers: 1, spend: 10 });
    expect(params.asOf).toBe(new Date(400 * DAY).toISOString());
  });
});

describe("segments over HTTP", () => {
  let rt: Runtime;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    rt = await smallShop();
    // 100 days on, u3 and u5 buy again: the others have not bought for 100 days.
    const later = Date.parse("2024-04-10T00:00:00Z");
    await rt.catalogue.recordEvents(["u3", "u5"].map((user_id) => ({ user_id, item_id: "pop", type: "purchase" as const, timestamp: later })));
    await trainModels(rt.store, rt.registry, rt.config);
    await rt.recommender.refresh();
    app = createApp(rt);
  });
  afterAll(() => rt.close());

  it("GET /segments counts every buyer once; GET /users/:id/profile gives a shopper's scores, churn risk and value", async () => {
    const res = await app.request("/segments");
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.shoppers).toBe(12);
    expect(report.segments.find((r: { name: string }) => r.name === "at_risk").shoppers).toBe(10);
    // The training before had no purchase 100 days on: everyone was new then.
    expect(report.segments.find((r: { name: string }) => r.name === "new").previous.shoppers).toBe(12);
    expect(report.segments.reduce((s: number, r: { shoppers: number }) => s + r.shoppers, 0)).toBe(12);
    expect(report.segments.map((r: { name: string }) => r.name)).toEqual([...SEGMENT_NAMES]);
    const spend = report.segments.reduce((s: number, r: { spend: number }) => s + r.spend, 0);
    // 12 shoppers bought 2 or 3 items at 10 each, two of them one more.
    expect(spend).toBe(10 * (12 * 2 + 6 + 2));
    const profile = await (await app.request("/users/u2/profile")).json();
    expect(profile).toMatchObject({ user: "u2", model_version: report.model_version, as_of: report.as_of });
    expect(profile.profile).toMatchObject({ purchase_days: 1, total_spend: 30, first_purchase: "2024-01-01" });
    expect(SEGMENT_NAMES).toContain(profile.profile.segment);
    expect((await app.request("/users/nobody/profile")).status).toBe(404);
  });

  it("target an experiment at segments: only their shoppers take part", async () => {
    const segmentOf = async (u: string) => (await (await app.request(`/users/${u}/profile`)).json()).profile.segment as string;
    const target = await segmentOf("u3");
    const others = [];
    for (let u = 1; u <= 12; u++) if ((await segmentOf(`u${u}`)) !== target) others.push(`u${u}`);
    expect(others.length).toBeGreaterThanOrEqual(10);
    const experiment = { targeting: { segments: [target] }, variants: [{ name: "a" }, { name: "b" }] };
    const post = (path: string, body: unknown) => app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post("/experiments", { id: "by-segment", experiment })).status).toBe(201);
    expect((await post("/experiments/by-segment/start", {})).status).toBe(200);
    expect((await (await app.request("/recommend?user=u3")).json()).variant?.experiment).toBe("by-segment");
    for (const u of others) expect((await (await app.request(`/recommend?user=${u}`)).json()).variant, u).toBeUndefined();
  });

  it("apply a rule naming segments to their shoppers' lists only", async () => {
    const rule = { action: "pin", item: "new", position: 1, segments: ["at_risk"] };
    const res = await app.request("/rules", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: "win-back", rule }) });
    expect(res.status).toBe(201);
    const first = async (u: string) => (await (await app.request(`/recommend?user=${u}&n=3`)).json()).items[0].id;
    expect(await first("u1")).toBe("new");
    expect(await first("u3")).not.toBe("new");
  });
});
