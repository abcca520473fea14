// The shop's KPIs on a handful of events whose figures are worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { kpis } from "../server/analytics/kpis.js";
import { testConfig } from "./helpers.js";

const DAY = 86_400_000;
const D0 = Date.parse("2024-03-04T00:00:00Z"); // a Monday
const at = (day: number, hour = 10) => D0 + day * DAY + hour * 3_600_000;

describe("KPIs", () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openRuntime(testConfig({ demo: false }));
    await rt.catalogue.upsertItems([{ id: "a", price: 10 }, { id: "b", price: 5 }]);
    const ev = (user_id: string, item_id: string, type: "view" | "cart" | "purchase" | "click", day: number, more: Record<string, unknown> = {}) =>
      ({ user_id, item_id, type, timestamp: at(day), ...more });
    await rt.catalogue.recordEvents([
      ev("u3", "b", "purchase", -3), // before the range: u3 is a returning buyer
      ev("u1", "a", "view", 1), ev("u1", "a", "cart", 1), ev("u1", "a", "purchase", 1, { value: 2 }), ev("u1", "b", "purchase", 1),
      ev("u2", "a", "view", 1),
      ev("u3", "a", "purchase", 2),
      ev("u4", "b", "cart", 2),
      ev("u1", "b", "purchase", 8), // the next week: u1 comes back
    ]);
    // A list served to u2, clicked, then bought within the window: attributed revenue.
    const u2 = (await rt.store.users.idOf("u2"))!;
    const [a] = [(await rt.store.items.idOf("a"))!];
    await rt.store.served.append([{ id: "L1", ts: at(2, 9), userId: u2, placement: "home", variant: null, modelVersion: "v1", items: [a] }]);
    await rt.catalogue.recordEvents([ev("u2", "a", "click", 2, { recommendation_id: "L1" }), { ...ev("u2", "a", "purchase", 2), timestamp: at(2, 11) }]);
  });
  afterAll(() => rt.close());

  it("count the funnel, orders, revenue, order value, repeat buyers, cohorts and attributed revenue per day and in total", async () => {
    const r = await kpis(rt.store, { from: D0, to: D0 + 7 * DAY, interval: "day", windowMs: DAY });
    // Active u1 u2 u3 u4; carted (or bought) u1 u2 u3 u4; bought u1 u2 u3.
    expect(r.total.funnel).toEqual({ active: 4, carted: 4, bought: 3, cart_rate: 1, purchase_after_cart: 0.75, conversion: 0.75 });
    // Orders: u1 day 1, u2 day 2, u3 day 2. Revenue 2×10 + 5 + 10 + 10.
    expect(r.total).toMatchObject({ orders: 3, revenue: 45, average_order_value: 15, attributed_revenue: 10 });
    expect(r.total.attributed_share).toBeCloseTo(10 / 45, 4);
    // Only u3 had bought on two days by the range's end.
    expect(r.total.repeat_purchase_rate).toBeCloseTo(1 / 3, 4);
    expect(r.periods).toHaveLength(7);
    expect(r.periods[1]).toMatchObject({ start: new Date(D0 + DAY).toISOString(), orders: 1, revenue: 25, funnel: { active: 2, carted: 1, bought: 1 } });
    expect(r.periods[2]).toMatchObject({ orders: 2, revenue: 20, funnel: { active: 3, carted: 3, bought: 2 }, repeat_purchase_rate: 0.5 });
    // First purchases in the range: u1 (day 1), u2 (day 2); u3's first was before it.
    expect(r.cohorts.map((c) => [c.start.slice(0, 10), c.shoppers])).toEqual([["2024-03-05", 1], ["2024-03-06", 1]]);
  });

  it("per week, with retention of the first week's buyers into the next", async () => {
    const r = await kpis(rt.store, { from: D0, to: D0 + 14 * DAY, interval: "week", windowMs: DAY });
    expect(r.periods.map((p) => p.start.slice(0, 10))).toEqual(["2024-03-04", "2024-03-11"]);
    expect(r.periods[1]).toMatchObject({ orders: 1, revenue: 5, repeat_purchase_rate: 1 });
    // u1 and u2 first bought in week 1; u1 bought again in week 2.
    expect(r.cohorts).toEqual([{ start: new Date(D0).toISOString(), shoppers: 2, retention: [0.5] }]);
  });

  it("GET /kpis defaults to the shop's own dates and refuses bad ranges", async () => {
    const app = createApp(rt);
    const r = await (await app.request("/kpis?interval=week")).json();
    expect(r.to).toBe(new Date(D0 + 9 * DAY).toISOString());
    // 12 weeks back from there: u3's purchase before D0 is in.
    expect(r.total.orders).toBe(5);
    expect((await app.request("/kpis?from=2024-03-10&to=2024-03-01")).status).toBe(400);
    expect((await app.request("/kpis?from=yesterday")).status).toBe(400);
    expect((await app.request("/kpis?from=2000-01-01&to=2024-01-01")).status).toBe(400);
    expect((await app.request("/kpis?interval=month")).status).toBe(400);
  });
});
