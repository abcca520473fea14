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

/** reach as arrays: row h (a known item) lists the slots of the cold items scored from it, and h's shares. */
interface ReachIndex {
  rowPtr: Int32Array;
  slots: Int32Array;
  shares: Float64Array;
  /** Slot → cold item. */
  items: Int32Array;
  /** Per slot, scratch of one request (seen is all 0 between requests). */
  seen: Uint8Array;
  scores: Float64Array;
  best: Float64Array;
  because: Int32Array;
  touched: Int32Array;
}

export class ColdItems {
  /** Known item h → the cold items that have h among their nearest, with h's share. */
  private readonly reach = new Map<number, { item: number; share: number }[]>();
  private readonly cold = new Set<number>();
  /** The known items cold items are scored from (reach's keys), rebuilt after a set(). */
  private sourceList?: Int32Array;
  /** reach as arrays (scores()), rebuilt after a set(). */
  private index?: ReachIndex;

  /** The model's items (0 … n-1): only they have scores to be made of. */
  private readonly n: number;

  /** @param content row j: j's most similar items; rows of items `isCold` selects are used. */
  constructor(content: ItemNeighbours | undefined, isCold: (j: number) => boolean) {
    this.n = content?.n ?? 0;
    for (let j = 0; content && j < content.n; j++) {
      if (isCold(j)) this.set(j, content.cols.subarray(content.rowPtr[j], content.rowPtr[j + 1]), content.sims.subarray(content.rowPtr[j], content.rowPtr[j + 1]));
    }
  }

  get size(): number {
    return this.cold.size;
  }

  /** The model's items whose scores the cold items' scores are made of. */
  sources(): Int32Array {
    this.sourceList ??= Int32Array.from([...this.reach.keys()].filter((h) => h < this.n));
    return this.sourceList;
  }

  /** Sets (or replaces) a cold item's nearest known items and their similarities. */
  set(item: number, nearest: ArrayLike<number>, sims: ArrayLike<number>): void {
    this.sourceList = undefined;
    this.index = undefined;
    if (this.cold.delete(item)) for (const [h, list] of this.reach) this.reach.set(h, list.filter((r) => r.item !== item));
    let total = 0;
    for (let r = 0; r < nearest.length; r++) if (sims[r] > 0) total += sims[r];
    if (total === 0) return;
    this.cold.add(item);
    for (let r = 0; r < nearest.length; r++) {
      if (!(sims[r] > 0)) continue;
      const entry = { item, share: sims[r] / total };
      this.reach.get(nearest[r])?.push(entry) ?? this.reach.set(nearest[r], [entry]);
    }
  }

  /**
   * Cold items' scores from a request's scores of (some of) the sources; `history`: the
   * shopper's items. Typed arrays over a slot per cold item: a catalogue's long tail may
   * hold most of its items, and a shopper's scored items reach tens of thousands of them.
   */
  scores(known: { items: Int32Array; scores: Float32Array }, history: ReadonlySet<number>): ColdScores {
    const ix = (this.index ??= this.indexed());
    const { rowPtr, slots, shares, seen, scores, best, because, touched } = ix;
    const n = this.n;
    let count = 0;
    for (let q = 0; q < known.items.length; q++) {
      const h = known.items[q];
      const r = known.scores[q];
      if (!(r > 0) || h < 0 || h >= n) continue;
      const end = rowPtr[h + 1];
      let p = rowPtr[h];
      if (p === end) continue;
      const own = history.has(h);
      for (; p < end; p++) {
        const slot = slots[p];
        const c = shares[p] * r;
        if (seen[slot] === 0) {
          seen[slot] = 1;
          touched[count++] = slot;
          scores[slot] = c;
          because[slot] = own ? h : REASON_NEW_ITEM;
          best[slot] = own ? c : 0;
        } else {
          scores[slot] += c;
          if (own && c > best[slot]) {
            because[slot] = h;
            best[slot] = c;
          }
        }
      }
    }
    const out = { items: new Int32Array(count), scores: new Float64Array(count), because: new Int32Array(count) };
    for (let t = 0; t < count; t++) {
      const slot = touched[t];
      out.items[t] = ix.items[slot];
      out.scores[t] = scores[slot];
      out.because[t] = because[slot];
      seen[slot] = 0;
    }
    return out;
  }

  /** reach laid out as arrays, rows in the model's item order, each row's entries in the order they were set. */
  private indexed(): ReachIndex {
    const slotOf = new Map<number, number>();
    for (const item of this.cold) slotOf.set(item, slotOf.size);
    const rowPtr = new Int32Array(this.n + 1);
    for (const [h, list] of this.reach) if (h < this.n) rowPtr[h + 1] = list.length;
    for (let h = 0; h < this.n; h++) rowPtr[h + 1] += rowPtr[h];
    const slots = new Int32Array(rowPtr[this.n]);
    const shares = new Float64Array(rowPtr[this.n]);
    for (const [h, list] of this.reach) {
      if (h >= this.n) continue;
      list.forEach(({ item, share }, i) => {
        slots[rowPtr[h] + i] = slotOf.get(item)!;
        shares[rowPtr[h] + i] = share;
      });
    }
    const c = slotOf.size;
    return {
      rowPtr, slots, shares, items: Int32Array.from(slotOf.keys()),
      seen: new Uint8Array(c), scores: new Float64Array(c), best: new Float64Array(c), because: new Int32Array(c), touched: new Int32Array(c),
    };
  }
}
