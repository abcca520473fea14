// What each served list earned: the clicks, carts and purchases of its items by events
// that named it (recommendation_id), and purchases of a clicked or carted item within the
// attribution window after. Read in two passes, both bounded by time: the attributed
// events (few: only those that came from lists), then the lists served in the range.
import type { AttributedEvent, ServedList, Store } from "../store/types.js";
import { eventCode } from "../../models/event-types.js";
import { interleavingCredit, TEAM_A, TEAM_B } from "./interleave.js";

const CLICK = eventCode("click");
const CART = eventCode("cart");
const PURCHASE = eventCode("purchase");
const PAGE = 10_000;

export interface ListOutcome {
  list: ServedList;
  clicks: number;
  carts: number;
  purchases: number;
  /** Σ value × price of the attributed purchases (a purchase without a value is one unit). */
  revenue: number;
  /** Interleaved lists: the items each ranker placed that were clicked (each once), [a, b]. */
  credit: [number, number];
  /** The places (0-based) of the clicked items. */
  clickedAt: number[];
}

export interface OutcomeQuery {
  from: number;
  to: number;
  windowMs: number;
  /** Only lists whose variant starts with this ("<experiment>:"). */
  variantPrefix?: string;
}

/** The events in [from, to) attributed to a list, each once (a purchase to the latest click or cart before it). */
export async function* attributedEvents(store: Store, from: number, to: number, windowMs: number): AsyncIterable<AttributedEvent> {
  const seen = new Set<number>();
  for (let after = 0; ; ) {
    const page = await store.served.attributed(from, to, windowMs, after, PAGE);
    for (const e of page) {
      if (seen.has(e.eventId)) continue;
      seen.add(e.eventId);
      yield e;
    }
    if (page.length < PAGE) return;
    after = page.at(-1)!.eventId;
  }
}

/** The attributed events of lists served in [from, to), by list id. */
async function eventsByList(store: Store, q: OutcomeQuery): Promise<Map<string, AttributedEvent[]>> {
  const byList = new Map<string, AttributedEvent[]>();
  // A list's events can come up to the window after its last minute.
  for await (const e of attributedEvents(store, q.from, q.to + q.windowMs, q.windowMs)) {
    const list = byList.get(e.listId);
    if (list) list.push(e);
    else byList.set(e.listId, [e]);
  }
  return byList;
}

/** Every list served in [from, to) with what was attributed to it; events naming an item the list did not hold are not counted. */
export async function* listOutcomes(store: Store, q: OutcomeQuery): AsyncIterable<ListOutcome> {
  const events = await eventsByList(store, q);
  for (let after: { ts: number; id: string } | undefined; ; ) {
    const page = await store.served.page({ from: q.from, to: q.to, variantPrefix: q.variantPrefix, after, limit: PAGE });
    for (const list of page) yield outcomeOf(list, events.get(list.id) ?? []);
    if (page.length < PAGE) return;
    const last = page.at(-1)!;
    after = { ts: last.ts, id: last.id };
  }
}

export function outcomeOf(list: ServedList, events: readonly AttributedEvent[]): ListOutcome {
  const o: ListOutcome = { list, clicks: 0, carts: 0, purchases: 0, revenue: 0, credit: [0, 0], clickedAt: [] };
  for (const e of events) {
    const position = list.items.indexOf(e.itemId);
    if (position < 0) continue;
    if (e.type === CLICK) {
      o.clicks++;
      o.clickedAt.push(position);
    } else if (e.type === CART) o.carts++;
    else if (e.type === PURCHASE) {
      o.purchases++;
      o.revenue += (e.value ?? 1) * (e.price ?? 0);
    }
  }
  if (list.teams) {
    const credit = interleavingCredit(Uint8Array.from(list.teams, (t) => (t === "b" ? TEAM_B : TEAM_A)), o.clickedAt);
    o.credit = [credit.a, credit.b];
  }
  return o;
}
