// The rules that act on a ranked list's places rather than its scores: share limits
// (at most, or at least, a share of the n places for the items a rule matches) and pins.
// They work on the first n + a few of a list (never re-sorting a long one); when those
// do not hold enough of what a share needs, `more` ranks further items.
import { REASON_PINNED } from "../../core-wasm/shared/reason-codes.js";
import type { Pin, Share } from "./rules/rule-set.js";

/** A ranked list of internal item ids, best first, with scores and reason codes. */
export interface RankedList {
  items: number[];
  scores: number[];
  reasons: number[];
}

/** Ranks up to k more items that `allow` lets through, none of `exclude`. */
export type RankMore = (allow: Uint8Array, exclude: number[], k: number) => Promise<RankedList>;

/** A scored list (typed arrays, from the kernel) as a RankedList. */
export const toRanked = (l: { items: ArrayLike<number>; scores: ArrayLike<number>; reasons: ArrayLike<number> }): RankedList => ({
  items: Array.from(l.items), scores: Array.from(l.scores), reasons: Array.from(l.reasons),
});

type Entry = { item: number; score: number; reason: number };

const entries = (l: RankedList): Entry[] => l.items.map((item, r) => ({ item, score: l.scores[r], reason: l.reasons[r] }));
const listOf = (es: Entry[]): RankedList => ({ items: es.map((e) => e.item), scores: es.map((e) => e.score), reasons: es.map((e) => e.reason) });

/**
 * Applies each share rule in turn to the first n of `list` (the rest is the reserve): a
 * cap drops the matching items past its share and fills their places with the next
 * others; a promotion puts the best matching items not shown in place of the
 * lowest-ranked others, in the last places. Returns the list, n long where items allow.
 * `promoted`: a promotion's best items, which the kernel listed apart while scoring.
 */
export async function applyShares(
  list: RankedList, n: number, shares: Share[], allow: Uint8Array | undefined, exclude: number[], more: RankMore, promoted?: { matches: Uint8Array; list: RankedList },
): Promise<RankedList> {
  let top = entries(list).slice(0, n);
  let reserve = entries(list).slice(n);
  const fetch = async (wanted: (j: number) => boolean, matches: Uint8Array, match: boolean, k: number): Promise<Entry[]> => {
    const got = reserve.filter((e) => wanted(e.item)).slice(0, k);
    reserve = reserve.filter((e) => !got.includes(e));
    if (got.length >= k) return got;
    // The kernel listed this promotion's best items apart: nothing further ranks above them.
    if (match && promoted?.matches === matches) {
      const taken = new Set([...top, ...got, ...reserve].map((e) => e.item));
      return [...got, ...entries(promoted.list).filter((e) => !taken.has(e.item)).slice(0, k - got.length)];
    }
    const mask = new Uint8Array(matches.length);
    for (let j = 0; j < mask.length; j++) mask[j] = (matches[j] === 1) === match && (!allow || allow[j] === 1) ? 1 : 0;
    const seen = [...exclude, ...top.map((e) => e.item), ...got.map((e) => e.item), ...reserve.map((e) => e.item)];
    return [...got, ...entries(await more(mask, seen, k - got.length))];
  };
  for (const share of shares) {
    const matches = (j: number) => share.matches[j] === 1;
    if (share.max !== undefined) {
      const cap = Math.floor(share.max * n + 1e-9);
      let kept = 0;
      const before = top.length;
      top = top.filter((e) => !matches(e.item) || kept++ < cap);
      if (top.length < before) top.push(...(await fetch((j) => !matches(j), share.matches, false, before - top.length)));
    }
    if (share.min !== undefined) {
      const need = Math.ceil(share.min * n - 1e-9) - top.filter((e) => matches(e.item)).length;
      if (need > 0) {
        const promoted = await fetch(matches, share.matches, true, need);
        // The lowest-ranked others give up their places (none while the list is short of n).
        let drop = Math.max(0, promoted.length - (n - top.length));
        for (let r = top.length - 1; r >= 0 && drop > 0; r--) {
          if (matches(top[r].item)) continue;
          top.splice(r, 1);
          drop--;
        }
        top.push(...promoted.slice(0, n - top.length));
      }
    }
  }
  return listOf(top.slice(0, n));
}

/**
 * Puts each pinned item at its place (1-based; past the end: last), moved there if the
 * list had it, skipped when `admits` refuses it; it takes the score of the item it
 * displaces, so scores never rise down the list. Returns at most n.
 */
export function applyPins(list: RankedList, n: number, pins: Pin[], admits: (j: number) => boolean): { list: RankedList; pinnedBy: Map<number, string> } {
  const out = entries(list);
  const pinnedBy = new Map<number, string>();
  for (const pin of pins) {
    if (pinnedBy.has(pin.item) || !admits(pin.item)) continue;
    const at = out.findIndex((e) => e.item === pin.item);
    if (at >= 0) out.splice(at, 1);
    const place = Math.min(pin.position - 1, out.length, n - 1);
    const score = out[place]?.score ?? out.at(-1)?.score ?? 0;
    out.splice(place, 0, { item: pin.item, score, reason: REASON_PINNED });
    pinnedBy.set(pin.item, pin.rule);
  }
  return { list: listOf(out.slice(0, n)), pinnedBy };
}
