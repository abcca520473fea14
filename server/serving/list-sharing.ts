// Kept lists shared by the serving processes of one machine (serve --workers 2 or more): a
// list one worker made is written to the shared slots (shared-slots.ts), and another worker
// that has no list of its own for the request takes it — a shopper's next view reaches
// either worker, and finds the list their last view made. Never stale: a list is taken only
// when the taking process would make the same one now:
// - what shapes every list (store counters, model version, item embeddings taken in) is the
//   same string in both processes;
// - the shopper's events are the same: the digest of the events the list was made from
//   (shopper-histories.ts) is the one this process holds now;
// - none of the list's or its page's items changed, and no item became showable, since the
//   catalogue counter it was made at, as this process has followed the catalogue
//   (catalogue-changes.ts marks a change with at least its stamp, so counters compare across
//   processes);
// - the rules' next window has not come.
// Lists made under filter masks (a filter, rules' matches, diversity) or shaped by the whole
// catalogue (MadeList.wide) stay in their process: the counts they hold by are its own.
import type { ServedList, ShopperVersion } from "../store/types.js";
import type { MadeList, Recommendation, RequestContext } from "./recommendation.js";
import type { ShopperEvents } from "./shopper-histories.js";
import type { CatalogueChanges } from "./catalogue-changes.js";
import type { SharedSlots } from "./shared-slots.js";
import { countSharedList } from "../platform/metrics.js";

/** What a list was asked with: what warm-up makes it again from. */
export interface Asked {
  userExtId: string | undefined;
  n: number;
  includePurchased: boolean;
  context: RequestContext;
}

/** The catalogue as this process sees it: the counter it followed to, and the filter facets' generation. */
export interface Catalogue {
  version: number;
  facets: number;
}

/** A kept list: what it was asked with, its answer with the items as their JSON text and reason types (items-text.ts), its served record, and what it is valid for. */
export interface Entry {
  asked: Asked;
  head: Omit<Recommendation, "items">;
  items: string;
  reasons: string[];
  served: ServedList;
  version: ShopperVersion | undefined;
  validUntil: number;
  /** The catalogue as the list was made: its counter, the facets' generation, whether more than its own items and masks shaped it, and its masks. */
  catalogue: Catalogue & Pick<MadeList, "wide" | "masks" | "watched">;
}

/** A kept list as another process reads it: what it holds by there. */
interface Shared {
  generation: string;
  digest: string | null;
  /** validUntil null: no rule's window ahead (Infinity, which JSON cannot hold). The items' JSON text is the slot's text. */
  list: Pick<Entry, "asked" | "head" | "reasons" | "served"> & { validUntil: number | null; catalogue: number; watched: readonly number[] };
}

export class ListSharing {
  constructor(private readonly slots: SharedSlots, private readonly catalogue: CatalogueChanges) {}

  /** Offers a list this process made and keeps; one shaped by its masks or the whole catalogue, or of a shopper whose events have no digest here, stays here. */
  share(key: string, entry: Entry, generation: string, shopper: ShopperEvents | undefined): void {
    const digest = shopper ? shopper.digest : null;
    const { catalogue, version: _, validUntil, items, ...rest } = entry;
    if (digest === undefined || catalogue.wide || catalogue.masks.length > 0) return;
    const list = { ...rest, validUntil: Number.isFinite(validUntil) ? validUntil : null, catalogue: catalogue.version, watched: catalogue.watched };
    const shared: Shared = { generation, digest, list };
    countSharedList(this.slots.put(key, { json: shared, text: items }) ? "written" : "too_large");
  }

  /** Another process's list for `key`, as this one would keep it, if it is the list this one would make now. */
  take(key: string, generation: string, shopper: ShopperEvents | undefined, now: Catalogue): Entry | undefined {
    const slot = this.slots.get(key);
    const found = slot?.json as Shared | undefined;
    if (!found || found.generation !== generation) return undefined;
    const digest = shopper ? shopper.digest : null;
    if (digest === undefined || found.digest !== digest) return undefined;
    const { catalogue: version, watched, validUntil: until, ...list } = found.list;
    const validUntil = until ?? Infinity;
    if (Date.now() >= validUntil || !this.catalogue.unchangedSince(list.served.items, version) || !this.catalogue.unchangedSince(watched, version)) {
      return undefined;
    }
    countSharedList("taken");
    return { ...list, items: slot!.text, validUntil, version: shopper?.version, catalogue: { version, facets: now.facets, wide: false, masks: [], watched } };
  }
}
