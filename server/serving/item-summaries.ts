// External id, title and recommendability of the items a list shows, cached per process;
// an item's summary is dropped when the item changes (any process's write: followed by
// catalogue-changes.ts), so a request usually reads nothing from the store for them.
import type { ItemSummary, Store } from "../store/types.js";
import type { CatalogueChanges } from "./catalogue-changes.js";

/** Bounds the cache (about 150 bytes an item). */
const MAX_CACHED = 200_000;

export class ItemSummaries {
  private readonly cached = new Map<number, ItemSummary>();

  constructor(private readonly store: Store, private readonly catalogue: CatalogueChanges) {
    catalogue.onChange((ids) => {
      if (ids === "all") this.cached.clear();
      else for (const id of ids) this.cached.delete(id);
    });
  }

  async of(ids: ArrayLike<number>): Promise<Map<number, ItemSummary>> {
    await this.catalogue.current();
    if (this.cached.size > MAX_CACHED) this.cached.clear();
    const out = new Map<number, ItemSummary>();
    const missing: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const s = this.cached.get(ids[i]);
      if (s) out.set(ids[i], s);
      else missing.push(ids[i]);
    }
    if (missing.length === 0) return out;
    for (const [id, s] of await this.store.items.summaries(missing)) {
      this.cached.set(id, s);
      out.set(id, s);
    }
    return out;
  }
}
