// buy_again: the items a shopper buys repeatedly, ranked by how due they are. Each item
// bought on at least two distinct days has its own interval (the median gap between
// those days); it is due when the time since its last purchase reaches that interval.
// Score = purchase days × closeness, where closeness rises as the item comes due (elapsed
// / interval) and falls slowly once it is overdue (1 / √(elapsed / interval)).
import { PURCHASE } from "../../../models/event-types.js";
import type { HistoryEvent } from "../../store/types.js";

const DAY_MS = 86_400_000;

export interface DueItem {
  item: number;
  score: number;
  /** Median days between purchases, days since the last. */
  everyDays: number;
  sinceDays: number;
}

/** The shopper's repeat purchases (events newest first), most due first. `now`: the time to measure from. */
export function dueItems(events: readonly HistoryEvent[], now: number): DueItem[] {
  const days = new Map<number, Set<number>>();
  for (const e of events) {
    if (e.type !== PURCHASE) continue;
    let set = days.get(e.itemId);
    if (!set) days.set(e.itemId, (set = new Set()));
    set.add(Math.floor(e.ts / DAY_MS));
  }
  const out: DueItem[] = [];
  for (const [item, set] of days) {
    if (set.size < 2) continue;
    const sorted = [...set].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((d, i) => d - sorted[i]).sort((a, b) => a - b);
    const everyDays = gaps[Math.floor((gaps.length - 1) / 2)];
    const sinceDays = Math.max(0, now / DAY_MS - sorted.at(-1)!);
    const due = sinceDays / everyDays;
    const closeness = due <= 1 ? due : 1 / Math.sqrt(due);
    out.push({ item, score: set.size * closeness, everyDays, sinceDays });
  }
  return out.sort((a, b) => b.score - a.score || a.item - b.item);
}
