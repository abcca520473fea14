// `tuijian eval --placements`: each placement measured where the split has what its
// protocol needs.
//   cart     test baskets (a shopper's purchases at one time) of at least two items: each
//            item in turn (up to 5 a basket) is held out and the rest is the cart; hit if
//            the cart list holds it. Against the shopper's home list and popularity.
//   product  the same baskets: the page is one item, the rest of the basket is relevant.
//   buy_again shoppers who bought some item on two or more days in train: relevant are
//            the test purchases of items they bought in train; against their train items
//            ordered by how often they bought them.
//   trending the main protocol's shoppers and relevant items (test purchases of train items
//            they had not bought), the trending list against the popularity list: both
//            lists are the same for everyone, so this asks which names the test period's
//            sellers better. (scenario has no protocol here: no split has themes.)
// Held-out items must occur in train; as in the main protocol, the lists leave out the
// shopper's train items (except buy_again, which is about them). Splits without baskets
// (one timestamp for everything, or no two purchases at one time) or without purchases
// report none.
import type { Runtime } from "../runtime.js";
import { MetricsAccumulator, type RankingMetrics } from "../../models/metrics.js";
import { dueItems } from "../serving/placements/buy-again.js";
import { SEED_WEIGHT } from "../serving/placements/placement.js";
import { PURCHASE } from "../../models/event-types.js";

export interface TestRow {
  user: string;
  item: string;
  ts: number;
}

export interface PlacementReport {
  cart?: { cases: number; cart: RankingMetrics; home: RankingMetrics; popularity: RankingMetrics };
  product?: { cases: number; product: RankingMetrics; home: RankingMetrics; popularity: RankingMetrics };
  buyAgain?: { shoppers: number; buyAgain: RankingMetrics; byFrequency: RankingMetrics };
  trending?: { trending: RankingMetrics; popularity: RankingMetrics };
}

/** Items held out per basket, at most. */
const PER_BASKET = 5;

export async function evaluatePlacements(rt: Runtime, rows: TestRow[], trainItems: Set<number>, k: number): Promise<PlacementReport> {
  const idOf = new Map<string, number | undefined>();
  const id = async (ext: string) => (idOf.has(ext) ? idOf.get(ext) : idOf.set(ext, await rt.store.items.idOf(ext)).get(ext));
  const baskets = new Map<string, { user: string; items: Set<number> }>();
  for (const r of rows) {
    const item = await id(r.item);
    if (item === undefined || !trainItems.has(item)) continue;
    const key = `${r.user}\u0000${r.ts}`;
    const b = baskets.get(key) ?? baskets.set(key, { user: r.user, items: new Set() }).get(key)!;
    b.items.add(item);
  }
  const distinctTimes = new Set(rows.map((r) => r.ts)).size;
  const report: PlacementReport = {};
  if (distinctTimes > 1) Object.assign(report, await basketPlacements(rt, [...baskets.values()].filter((b) => b.items.size >= 2), trainItems, k));
  const buyAgain = await buyAgainPlacement(rt, rows, id, trainItems, k);
  if (buyAgain) report.buyAgain = buyAgain;
  if (distinctTimes > 1) report.trending = await trendingPlacement(rt, rows, id, trainItems, k);
  return report;
}

async function trendingPlacement(
  rt: Runtime, rows: TestRow[], id: (ext: string) => Promise<number | undefined>, trainItems: Set<number>, k: number,
): Promise<PlacementReport["trending"]> {
  const trending = new MetricsAccumulator<number>(k, trainItems.size);
  const popularity = new MetricsAccumulator<number>(k, trainItems.size);
  const byUser = new Map<string, Set<number>>();
  for (const r of rows) {
    const item = await id(r.item);
    if (item !== undefined && trainItems.has(item)) (byUser.get(r.user) ?? byUser.set(r.user, new Set()).get(r.user)!).add(item);
  }
  for (const [user, items] of byUser) {
    const userId = await rt.store.users.idOf(user);
    if (userId === undefined) continue;
    const seen = await rt.store.events.interactedItems(userId);
    const bought = new Set(seen);
    const relevant = new Set([...items].filter((j) => !bought.has(j)));
    if (relevant.size === 0) continue;
    const listed = await rt.recommender.recommend(user, k, false, { placement: "trending", exclude: [] });
    const ids: number[] = [];
    for (const item of listed.items) {
      const j = await id(item.id);
      if (j !== undefined && !bought.has(j)) ids.push(j);
    }
    trending.add(ids, relevant);
    popularity.add((await rt.recommender.rank(userId, k, seen, { personal: false })).items, relevant);
  }
  return { trending: trending.result(), popularity: popularity.result() };
}

async function basketPlacements(rt: Runtime, baskets: { user: string; items: Set<number> }[], trainItems: Set<number>, k: number): Promise<PlacementReport> {
  const acc = () => new MetricsAccumulator<number>(k, trainItems.size);
  const cart = { cart: acc(), home: acc(), popularity: acc() };
  const product = { product: acc(), home: acc(), popularity: acc() };
  let cases = 0;
  for (const b of baskets) {
    const userId = await rt.store.users.idOf(b.user);
    if (userId === undefined) continue;
    const seen = await rt.store.events.interactedItems(userId);
    const bought = new Set(seen);
    const items = [...b.items].filter((j) => !bought.has(j)).sort((x, y) => x - y);
    if (items.length < 2) continue;
    const home = (await rt.recommender.rank(userId, k, seen)).items;
    const popular = (await rt.recommender.rank(userId, k, seen, { personal: false })).items;
    for (const held of items.slice(0, PER_BASKET)) {
      const rest = items.filter((j) => j !== held);
      const relevant = new Set([held]);
      cases++;
      cart.cart.add((await rt.recommender.rank(userId, k, [...seen, ...rest], { seed: { items: rest, weight: SEED_WEIGHT } })).items, relevant);
      cart.home.add(home, relevant);
      cart.popularity.add(popular, relevant);
      // The page is the held-out item; what else the basket holds is relevant.
      const others = new Set(rest);
      product.product.add((await rt.recommender.rank(userId, k, [...seen, held], { seed: { items: [held], weight: SEED_WEIGHT } })).items, others);
      product.home.add(home.filter((j) => j !== held), others);
      product.popularity.add(popular.filter((j) => j !== held), others);
    }
  }
  if (cases === 0) return {};
  const done = <T extends Record<string, MetricsAccumulator<number>>>(m: T) => Object.fromEntries(Object.entries(m).map(([name, a]) => [name, a.result()])) as Record<keyof T, RankingMetrics>;
  return { cart: { cases, ...done(cart) }, product: { cases, ...done(product) } };
}

async function buyAgainPlacement(
  rt: Runtime, rows: TestRow[], id: (ext: string) => Promise<number | undefined>, trainItems: Set<number>, k: number,
): Promise<PlacementReport["buyAgain"]> {
  const now = Math.min(...rows.map((r) => r.ts));
  const testItems = new Map<string, Set<number>>();
  for (const r of rows) {
    const item = await id(r.item);
    if (item !== undefined) (testItems.get(r.user) ?? testItems.set(r.user, new Set()).get(r.user)!).add(item);
  }
  const buyAgain = new MetricsAccumulator<number>(k, trainItems.size);
  const byFrequency = new MetricsAccumulator<number>(k, trainItems.size);
  for (const [user, items] of testItems) {
    const userId = await rt.store.users.idOf(user);
    if (userId === undefined) continue;
    // What buy_again reads when serving: the newest --max-history events.
    const events = await rt.store.events.history(userId, rt.config.maxHistory);
    const due = dueItems(events, now);
    const counts0 = new Map<number, Set<number>>();
    for (const e of events) if (e.type === PURCHASE) (counts0.get(e.itemId) ?? counts0.set(e.itemId, new Set()).get(e.itemId)!).add(Math.floor(e.ts / 86_400_000));
    if (![...counts0.values()].some((d) => d.size >= 2)) continue;
    const counts = new Map<number, number>();
    for (const e of events) if (e.type === PURCHASE) counts.set(e.itemId, (counts.get(e.itemId) ?? 0) + 1);
    const relevant = new Set([...items].filter((j) => counts.has(j)));
    if (relevant.size === 0) continue;
    buyAgain.add(due.map((d) => d.item), relevant);
    byFrequency.add([...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([j]) => j), relevant);
  }
  const r = buyAgain.result();
  return r.users > 0 ? { shoppers: r.users, buyAgain: r, byFrequency: byFrequency.result() } : undefined;
}
