// A shopper with no events, in a known context (the page's category, their region,
// tier…): the context's own popular items, boosted by the rules, topped up from global
// popularity within what the list may hold.
import { rankBySegments, type SegmentPopularity } from "../../models/segment-popularity.js";
import { REASON_POPULAR_IN } from "../../core-wasm/shared/reason-codes.js";
import type { ItemBoosts } from "../wasm/scoring-core.js";
import type { RankedList } from "./list-rules.js";

export interface ContextRequest {
  keys: string[];
  k: number;
  exclude: number[];
  /** Whether the list may show item j (available, allowed by filters and rules). */
  admits(j: number): boolean;
  boosts?: ItemBoosts;
}

/**
 * The context's popular items (reason REASON_POPULAR_IN) and the segments that matched,
 * with `fill` ranking popular items for any places left; undefined when no segment of
 * the context has any.
 */
export async function inContext(
  segments: SegmentPopularity, req: ContextRequest, fill: (exclude: number[], k: number) => Promise<RankedList>,
): Promise<{ list: RankedList; matched: string[] } | undefined> {
  const b = req.boosts;
  const boost = b ? (j: number, s: number) => (j < b.mul.length ? s * b.mul[j] + b.add[j] : s) : undefined;
  const ranked = rankBySegments(segments, req.keys, req.k, new Set(req.exclude), req.admits, boost);
  if (ranked.items.length === 0) return undefined;
  const list: RankedList = { items: ranked.items, scores: ranked.scores, reasons: ranked.items.map(() => REASON_POPULAR_IN) };
  if (list.items.length < req.k) {
    const more = await fill([...req.exclude, ...list.items], req.k - list.items.length);
    list.items.push(...more.items);
    list.scores.push(...more.scores);
    list.reasons.push(...more.reasons);
  }
  return { list, matched: req.keys.filter((k) => segments.keys.includes(k)) };
}
