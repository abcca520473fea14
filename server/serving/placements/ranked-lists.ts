// The placements whose candidates do not come from the scoring kernel — what is due again,
// what is rising — as ranked lists of at most k, within what the list may show, with the
// rules' boosts applied to their own scores (short lists: the kernel is not needed).
import type { ItemBoosts } from "../../wasm/scoring-core.js";
import type { HistoryEvent } from "../../store/types.js";
import type { RankedList } from "../list-rules.js";
import { REASON_BUY_AGAIN, REASON_TRENDING } from "../../../core-wasm/shared/reason-codes.js";
import { dueItems } from "./buy-again.js";

/** Each candidate's score boosted, the best k that `admits` lets through, with one reason code. */
export function boostedTop(candidates: { item: number; score: number }[], k: number, admits: (j: number) => boolean, boosts: ItemBoosts | undefined, reason: number): RankedList {
  const boost = (j: number, s: number) => (boosts && j < boosts.mul.length ? s * boosts.mul[j] + boosts.add[j] : s);
  const kept = candidates
    .filter((c) => admits(c.item))
    .map((c) => ({ item: c.item, score: boost(c.item, c.score) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.item - b.item)
    .slice(0, k);
  return { items: kept.map((c) => c.item), scores: kept.map((c) => c.score), reasons: kept.map(() => reason) };
}

/** buy_again: the shopper's repeat purchases, most due first (placements/buy-again.ts). */
export function buyAgainList(events: readonly HistoryEvent[], now: number, k: number, admits: (j: number) => boolean, boosts?: ItemBoosts): RankedList {
  return boostedTop(dueItems(events, now), k, admits, boosts, REASON_BUY_AGAIN);
}

/**
 * trending: rising popularity (models/trending.ts). The order is walked until k items are
 * admitted; items a rule boosts are candidates wherever they stand in it.
 */
export function trendingList(trending: { scores: Float32Array; order: Int32Array }, k: number, admits: (j: number) => boolean, boosts?: ItemBoosts): RankedList {
  const candidates: { item: number; score: number }[] = [];
  for (let q = 0, taken = 0; q < trending.order.length && taken < k; q++) {
    const j = trending.order[q];
    candidates.push({ item: j, score: trending.scores[j] });
    if (admits(j)) taken++;
  }
  const seen = new Set(candidates.map((c) => c.item));
  for (const j of boosts?.items ?? []) if (!seen.has(j) && trending.scores[j] > 0) candidates.push({ item: j, score: trending.scores[j] });
  return boostedTop(candidates, k, admits, boosts, REASON_TRENDING);
}
