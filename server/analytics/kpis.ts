// The shop's KPIs over a date range, per day or week: the funnel (shoppers who were
// active → carted → bought, and the conversion at each step), orders, revenue and average
// order value, the repeat-purchase rate, retention by first-purchase cohort, and the share
// of revenue attributed to recommendations (attribution.ts). One pass over the events in
// shopper order: a shopper's whole history is at hand, so "bought before" and "first
// purchase" need no second read.
import type { Store } from "../store/types.js";
import { eventCode } from "../../models/event-types.js";
import { attributedEvents } from "./attribution.js";

const DAY = 86_400_000;
const CART = eventCode("cart");
const PURCHASE = eventCode("purchase");
export const INTERVALS = ["day", "week"] as const;
export type Interval = (typeof INTERVALS)[number];

export interface KpiQuery {
  from: number;
  to: number;
  interval: Interval;
  /** Purchases this long after a click or cart from a list count for it. */
  windowMs: number;
}

export interface Kpis {
  /** Shoppers with any event, with a cart or purchase, with a purchase (each stage holds the next). */
  funnel: { active: number; carted: number; bought: number; cart_rate: number | null; purchase_after_cart: number | null; conversion: number | null };
  /** An order is a shopper's purchases of one UTC day. */
  orders: number;
  revenue: number;
  average_order_value: number | null;
  /** Buyers of the period who have bought on at least two days by its end. */
  repeat_purchase_rate: number | null;
  attributed_revenue: number;
  attributed_share: number | null;
}

export interface KpiReport {
  from: string;
  to: string;
  interval: Interval;
  attribution_window_hours: number;
  total: Kpis;
  periods: (Kpis & { start: string })[];
  /** Shoppers whose first purchase fell in each period, and the share of them buying again k periods later (k = 1, 2, …). */
  cohorts: { start: string; shoppers: number; retention: number[] }[];
}

/** Period index of a time: days since the epoch, or weeks starting on Mondays. */
const periodOf = (interval: Interval) => (ts: number) => {
  const day = Math.floor(ts / DAY);
  return interval === "day" ? day : Math.floor((day + 3) / 7);
};
const startOf = (interval: Interval, p: number) => new Date((interval === "day" ? p : p * 7 - 3) * DAY).toISOString();

class Tally {
  active = 0;
  carted = 0;
  bought = 0;
  orders = 0;
  revenue = 0;
  repeaters = 0;
  attributed = 0;

  kpis(): Kpis {
    const ratio = (a: number, b: number) => (b > 0 ? Number((a / b).toFixed(4)) : null);
    const money = (x: number) => Number(x.toFixed(2));
    return {
      funnel: { active: this.active, carted: this.carted, bought: this.bought, cart_rate: ratio(this.carted, this.active), purchase_after_cart: ratio(this.bought, this.carted), conversion: ratio(this.bought, this.active) },
      orders: this.orders, revenue: money(this.revenue), average_order_value: this.orders > 0 ? money(this.revenue / this.orders) : null,
      repeat_purchase_rate: ratio(this.repeaters, this.bought), attributed_revenue: money(this.attributed), attributed_share: ratio(this.attributed, this.revenue),
    };
  }
}

/** What one shopper did in one period (or the whole range). */
interface Seen {
  stage: number;
  days: Set<number>;
  revenue: number;
}

export async function kpis(store: Store, q: KpiQuery): Promise<KpiReport> {
  const period = periodOf(q.interval);
  const [first, last] = [period(q.from), period(q.to - 1)];
  const periods = Array.from({ length: Math.max(0, last - first + 1) }, () => new Tally());
  const total = new Tally();
  const cohorts = new Map<number, { shoppers: number; again: number[] }>();
  const prices = new Map<number, number>();
  for (const [id, , price] of await store.items.facets()) if (price !== null) prices.set(id, price);

  const flush = (byPeriod: Map<number, Seen>, whole: Seen | undefined, purchaseDays: number[]) => {
    const daysBy = (end: number) => purchaseDays.filter((d) => d * DAY < end).length;
    for (const [p, seen] of byPeriod) count(periods[p - first], seen, daysBy(Math.min(q.to, (q.interval === "day" ? p + 1 : p * 7 + 4) * DAY)));
    if (whole) count(total, whole, daysBy(q.to));
    // Cohorts: by the period of the shopper's first purchase ever, if it lies in the range.
    if (purchaseDays.length === 0) return;
    const start = period(purchaseDays[0] * DAY);
    if (start < first || start > last) return;
    let c = cohorts.get(start);
    if (!c) cohorts.set(start, (c = { shoppers: 0, again: new Array(last - start).fill(0) }));
    c.shoppers++;
    const later = new Set(purchaseDays.map((d) => period(d * DAY)).filter((p) => p > start && p <= last));
    for (const p of later) c.again[p - start - 1]++;
  };
  // A shopper's events may span two pages: their state is flushed when the next shopper starts.
  let user = -1;
  let byPeriod = new Map<number, Seen>();
  let whole: Seen | undefined;
  let purchaseDays: number[] = [];
  for await (const page of store.events.byUser()) {
    for (const [u, item, type, value, ts] of page) {
      if (u !== user) {
        if (user >= 0) flush(byPeriod, whole, purchaseDays);
        [user, byPeriod, whole, purchaseDays] = [u, new Map(), undefined, []];
      }
      const day = Math.floor(ts / DAY);
      if (type === PURCHASE && ts < q.to && purchaseDays.at(-1) !== day) purchaseDays.push(day);
      if (ts < q.from || ts >= q.to) continue;
      const stage = type === PURCHASE ? 2 : type === CART ? 1 : 0;
      const worth = type === PURCHASE ? (value ?? 1) * (prices.get(item) ?? 0) : 0;
      for (const seen of [(whole ??= { stage: 0, days: new Set(), revenue: 0 }), at(byPeriod, period(ts))]) {
        seen.stage = Math.max(seen.stage, stage);
        if (type === PURCHASE) seen.days.add(day), (seen.revenue += worth);
      }
    }
  }
  if (user >= 0) flush(byPeriod, whole, purchaseDays);
  for await (const e of attributedEvents(store, q.from, q.to, q.windowMs)) {
    if (e.type !== PURCHASE) continue;
    const worth = (e.value ?? 1) * (e.price ?? 0);
    total.attributed += worth;
    periods[period(e.ts) - first].attributed += worth;
  }
  return {
    from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), interval: q.interval, attribution_window_hours: q.windowMs / 3_600_000,
    total: total.kpis(),
    periods: periods.map((t, i) => ({ start: startOf(q.interval, first + i), ...t.kpis() })),
    cohorts: [...cohorts].sort(([a], [b]) => a - b).map(([p, c]) => ({ start: startOf(q.interval, p), shoppers: c.shoppers, retention: c.again.map((n) => Number((n / c.shoppers).toFixed(4))) })),
  };
}

function at(byPeriod: Map<number, Seen>, p: number): Seen {
  let seen = byPeriod.get(p);
  if (!seen) byPeriod.set(p, (seen = { stage: 0, days: new Set(), revenue: 0 }));
  return seen;
}

function count(t: Tally, seen: Seen, purchaseDaysByEnd: number): void {
  t.active++;
  if (seen.stage >= 1) t.carted++;
  if (seen.stage < 2) return;
  t.bought++;
  t.orders += seen.days.size;
  t.revenue += seen.revenue;
  if (purchaseDaysByEnd >= 2) t.repeaters++;
}
