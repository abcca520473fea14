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

export interface ColdScore {
  score: number;
  /**
   * The item of the shopper's history contributing most, or REASON_NEW_ITEM when none of
   * the known items it is scored from is theirs: a reason never names an item the shopper
   * did not touch.
   */
  because: number;
}

export class ColdItems {
  /** Known item h → the cold items that have h among their nearest, with h's share. */
  private readonly reach = new Map<number, { item: number; share: number }[]>();
  private readonly cold = new Set<number>();
  /** The known items cold items are scored from (reach's keys), rebuilt after a set(). */
  private sourceList?: Int32Array;

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

  /** Cold items' scores from a request's scores of (some of) the sources; `history`: the shopper's items. */
  scores(known: { items: Int32Array; scores: Float32Array }, history: ReadonlySet<number>): Map<number, ColdScore> {
    const out = new Map<number, ColdScore & { best: number }>();
    for (let q = 0; q < known.items.length; q++) {
      const h = known.items[q];
      const r = known.scores[q];
      if (!(r > 0)) continue;
      const own = history.has(h);
      for (const { item, share } of this.reach.get(h) ?? []) {
        const c = share * r;
        const s = out.get(item);
        if (!s) out.set(item, { score: c, because: own ? h : REASON_NEW_ITEM, best: own ? c : 0 });
        else {
          s.score += c;
          if (own && c > s.best) Object.assign(s, { because: h, best: c });
        }
      }
    }
    return out;
  }
}
