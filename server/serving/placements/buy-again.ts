// buy_again: what a shopper buys again. An item bought on two or more distinct days has
// its own interval (the median gap between those days) and is due when the time since
// its last purchase reaches it: score = purchase days × closeness, where closeness rises
// from 0.5 to 1 as the item comes due (0.5 + 0.5 · elapsed / interval) and falls slowly
// once it is overdue (1 / √(elapsed / interval)). Items bought on one day follow, most
// recent first (0.5 / √(1 + days since / 30)). Chosen on a validation split of the Online
// Retail train file (purchases from 2011-10-20 on against those before; never the test
// file): recall@20 0.528 with the items bought once, 0.388 without them; among repeat
// items, due-ness 0.396 against purchase count alone 0.386.
import { PURCHASE } from "../../../models/event-types.js";
import type { HistoryEvent } from "../../store/types.js";

const DAY_MS = 86_400_000;

export interface DueItem {
  item: number;
  score: number;
}

/** The shopper's purchases (events newest first) to buy again, most due first. `now`: the time to measure from. */
export function dueItems(events: readonly HistoryEvent[], now: number): DueItem[] {
  const days = new Map<number, Set<number>>();
  for (const e of events) {
    if (e.type !== PURCHASE) continue;
    let set = days.get(e.itemId);
    if (!set) days.set(e.itemId, (set = new Set()));
    set.add(Math.floor(e.ts / DAY_MS));
  }
  const today = now / DAY_MS;
  const out: DueItem[] = [];
  for (const [item, set] of days) {
    const sorted = [...set].sort((a, b) => a - b);
    const sinceDays = Math.max(0, today - sorted.at(-1)!);
    if (sorted.length < 2) {
      out.push({ item, score: 0.5 / Math.sqrt(1 + sinceDays / 30) });
      continue;
    }
    const gaps = sorted.slice(1).map((d, i) => d - sorted[i]).sort((a, b) => a - b);
    const due = sinceDays / gaps[Math.floor((gaps.length - 1) / 2)];
    out.push({ item, score: sorted.length * (due <= 1 ? 0.5 + 0.5 * due : 1 / Math.sqrt(due)) });
  }
  return out.sort((a, b) => b.score - a.score || a.item - b.item);
}
