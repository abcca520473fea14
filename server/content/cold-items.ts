// Products without events — new ones, or ones nobody has touched — have no co-purchase
// neighbours and no factor. A request scores each as the similarity-weighted mean of its
// own scores for the known items the product's text is closest to (the kernel reports
// those scores whether or not the items make the list): a new product is as relevant to
// a shopper as the known products it resembles. On a split of the Online Retail train
// file (events before 2011-10-01 against the month after; not the eval test file),
// ranking the 157 cold items this way gave recall@5 0.169, against 0.155 for summing
// text similarity to the shopper's own items.
import type { ItemNeighbours } from "../../models/item-knn.js";
import { REASON_NEW_ITEM } from "../../core-wasm/shared/reason-codes.js";
import type { BoundedProbes } from "../wasm/probe-arrays.js";

/**
 * The cold items a request reached, with their scores and reasons: `because` is the item of
 * the shopper's history contributing most, or REASON_NEW_ITEM when none of the known items
 * it is scored from is theirs (a reason never names an item the shopper did not touch).
 */
export interface ColdScores {
  items: Int32Array;
  scores: Float64Array;
  because: Int32Array;
}

/** The cold items as arrays, a slot each, rebuilt after a set(). */
interface ColdIndex {
  /** Slot → cold item. */
  items: Int32Array;
  /** Slot s's known items and their shares: entries srcPtr[s] … srcPtr[s+1]-1, in the order set. */
  srcPtr: Int32Array;
  srcItems: Int32Array;
  srcShares: Float64Array;
  /** Known item h → the slots scored from it: reachPtr[h] … reachPtr[h+1]-1. */
  reachPtr: Int32Array;
  reachSlots: Int32Array;
  /** Scratch of one request, all 0 between requests: whether an item is the shopper's (1) or its exact score is asked for (2), a slot reached. */
  own: Uint8Array;
  reached: Uint8Array;
  reachedList: Int32Array;
}

export class ColdItems {
  /** Cold item → its nearest known items (of the model's) and their shares of its score. */
  private readonly nearestOf = new Map<number, { items: number[]; shares: number[] }>();
  /** The known items cold items are scored from, rebuilt after a set(). */
  private sourceList?: Int32Array;
  private index?: ColdIndex;

  /** The model's items (0 … n-1): only they have scores to be made of. */
  private readonly n: number;

  /** @param content row j: j's most similar items; rows of items `isCold` selects are used. */
  constructor(content: ItemNeighbours | undefined, isCold: (j: number) => boolean) {
    this.n = content?.n ?? 0;
    for (let j = 0; content && j < content.n; j++) {
      if (isCold(j)) this.set(j, content.cols.subarray(content.rowPtr[j], content.rowPtr[j + 1]), content.sims.subarray(content.rowPtr[j], content.rowPtr[j + 1]));
    }
    // Laid out with the model (~0.2 s on a catalogue with 5,569 cold items), not by its first request.
    if (this.size > 0) this.index = this.indexed();
  }

  get size(): number {
    return this.nearestOf.size;
  }

  /** The model's items whose scores the cold items' scores are made of. */
  sources(): Int32Array {
    this.sourceList ??= Int32Array.from(new Set([...this.nearestOf.values()].flatMap((s) => s.items)));
    return this.sourceList;
  }

  /** Sets (or replaces) a cold item's nearest known items and their similarities. */
  set(item: number, nearest: ArrayLike<number>, sims: ArrayLike<number>): void {
    this.sourceList = undefined;
    this.index = undefined;
    this.nearestOf.delete(item);
    let total = 0;
    for (let r = 0; r < nearest.length; r++) if (sims[r] > 0) total += sims[r];
    if (total === 0) return;
    const own = { items: [] as number[], shares: [] as number[] };
    for (let r = 0; r < nearest.length; r++) {
      // Items the model does not know (newer than it) have no score: they add nothing.
      if (!(sims[r] > 0) || nearest[r] >= this.n) continue;
      own.items.push(nearest[r]);
      own.shares.push(sims[r] / total);
    }
    this.nearestOf.set(item, own);
  }

  /**
   * Cold items' scores from a request's scores of the sources (`scoreOf`, by item: 0 for
   * none); `history`: the shopper's items. Only cold items that may score `floor` or more
   * are returned: a score is a weighted mean, never above its best source's, so only the
   * sources scoring at least `floor` (among `followed`) are followed to the cold items they
   * reach, whose scores are then summed over their own sources (on a 100k-item shop,
   * ~4,000 probed sources reach ~30,000 cold-item entries; ~20 score above a list's last
   * item). A negative score is minus an upper bound (ScoringCore.scoreBounded): a cold
   * item whose bound stays below `floor` is dropped, and `exactOf` gives the exact scores
   * the others need (written into `scoreOf`).
   */
  scores(probes: BoundedProbes, history: Iterable<number>, floor = -Infinity, exactOf?: (items: ArrayLike<number>) => Float32Array): ColdScores {
    const ix = (this.index ??= this.indexed());
    const { srcPtr, srcItems, srcShares, reachPtr, reachSlots, own, reached, reachedList } = ix;
    const { followed, scoreOf } = probes;
    const n = this.n;
    // Summing in floating point may put a mean a rounding above its best source.
    const follow = floor > 0 ? floor * (1 - 1e-9) : floor;
    let count = 0;
    for (let q = 0; q < followed.items.length; q++) {
      const h = followed.items[q];
      if (!(followed.scores[q] > 0 && followed.scores[q] >= follow) || h < 0 || h >= n) continue;
      for (let p = reachPtr[h], end = reachPtr[h + 1]; p < end; p++) {
        const slot = reachSlots[p];
        if (reached[slot] === 0) {
          reached[slot] = 1;
          reachedList[count++] = slot;
        }
      }
    }
    // Bounds first (a bound is the score itself where every source's is exact).
    let kept = 0;
    const need: number[] = [];
    for (let t = 0; t < count; t++) {
      const slot = reachedList[t];
      reached[slot] = 0;
      let bound = 0;
      for (let p = srcPtr[slot], end = srcPtr[slot + 1]; p < end; p++) bound += srcShares[p] * Math.abs(scoreOf[srcItems[p]]);
      if (bound < follow) continue;
      reachedList[kept++] = slot;
      for (let p = srcPtr[slot], end = srcPtr[slot + 1]; p < end; p++) {
        const h = srcItems[p];
        if (scoreOf[h] < 0 && own[h] !== 2) {
          own[h] = 2;
          need.push(h);
        }
      }
    }
    if (need.length > 0) {
      const exact = exactOf?.(need);
      need.forEach((h, i) => {
        if (exact) scoreOf[h] = exact[i];
        own[h] = 0;
      });
      if (!exact) throw new Error("cold items: bounded scores need exactOf");
    }
    for (const h of history) if (h >= 0 && h < n) own[h] = 1;
    const out = { items: new Int32Array(kept), scores: new Float64Array(kept), because: new Int32Array(kept) };
    for (let t = 0; t < kept; t++) {
      const slot = reachedList[t];
      let score = 0;
      let best = 0;
      let because = REASON_NEW_ITEM;
      for (let p = srcPtr[slot], end = srcPtr[slot + 1]; p < end; p++) {
        const h = srcItems[p];
        const c = srcShares[p] * scoreOf[h];
        score += c;
        if (own[h] === 1 && c > best) {
          best = c;
          because = h;
        }
      }
      out.items[t] = ix.items[slot];
      out.scores[t] = score;
      out.because[t] = because;
    }
    for (const h of history) if (h >= 0 && h < n) own[h] = 0;
    return out;
  }

  /** The cold items laid out as arrays, a slot each in the order they were set. */
  private indexed(): ColdIndex {
    const slots = [...this.nearestOf.values()];
    const c = slots.length;
    const srcPtr = new Int32Array(c + 1);
    slots.forEach((s, slot) => (srcPtr[slot + 1] = srcPtr[slot] + s.items.length));
    const srcItems = Int32Array.from(slots.flatMap((s) => s.items));
    const srcShares = Float64Array.from(slots.flatMap((s) => s.shares));
    const reachPtr = new Int32Array(this.n + 1);
    for (const h of srcItems) reachPtr[h + 1]++;
    for (let h = 0; h < this.n; h++) reachPtr[h + 1] += reachPtr[h];
    const reachSlots = new Int32Array(srcItems.length);
    const fill = reachPtr.slice(0, this.n);
    slots.forEach((s, slot) => s.items.forEach((h) => (reachSlots[fill[h]++] = slot)));
    return {
      items: Int32Array.from(this.nearestOf.keys()), srcPtr, srcItems, srcShares, reachPtr, reachSlots,
      own: new Uint8Array(this.n), reached: new Uint8Array(c), reachedList: new Int32Array(c),
    };
  }
}
