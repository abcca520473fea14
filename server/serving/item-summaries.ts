// External id, title and recommendability of the items a list shows, cached per process;
// an item's summary is dropped when the item changes (any process's write: followed by
// catalogue-changes.ts), so a request usually reads nothing from the store for them.
import type { ItemSummary, Store } from "../store/types.js";
import type { CatalogueChanges } from "./catalogue-changes.js";

/** Bounds the cache (about 150 bytes an item). */
const MAX_CACHED = 200_000;
/** Items a read-ahead reads at a time (~10 ms). */
const READ_AHEAD_SLICE = 5_000;

export class ItemSummaries {
  /**
   * By item id (ids are small dense integers): a list's lookups in a Map of 100,000 items
   * cost ~10 µs under load, each a few cache misses through its hash table.
   */
  private byId: (ItemSummary | undefined)[] = [];
  private count = 0;
  private stopped = false;
  /**
   * Moves at every change the catalogue reports: summaries read before a change that was
   * reported while the read was under way (a PostgreSQL read awaits) may be older than it,
   * and are then served to the request that asked but not kept.
   */
  private changes = 0;

  constructor(private readonly store: Store, private readonly catalogue: CatalogueChanges) {
    catalogue.onChange((ids) => {
      this.changes++;
      if (ids === "all") this.clear();
      else for (const id of ids) this.drop(id);
    });
  }

  async of(ids: ArrayLike<number>): Promise<Map<number, ItemSummary>> {
    await this.catalogue.current();
    if (this.count > MAX_CACHED) this.clear();
    const out = new Map<number, ItemSummary>();
    const missing: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const s = this.byId[ids[i]];
      if (s) out.set(ids[i], s);
      else missing.push(ids[i]);
    }
    if (missing.length === 0) return out;
    const changes = this.changes;
    for (const [id, s] of await this.store.items.summaries(missing)) {
      if (changes === this.changes) this.keep(id, s);
      out.set(id, s);
    }
    return out;
  }

  /**
   * Reads ahead the summaries of the catalogue's items from the first (at most half the
   * cache's bound), a slice at a time between requests, so that the lists made after a
   * start do not each read their new items from the store while the cache fills.
   */
  async readAhead(): Promise<void> {
    const last = Math.min(await this.store.items.maxId(), MAX_CACHED / 2);
    for (let first = 1; first <= last && !this.stopped; first += READ_AHEAD_SLICE) {
      await this.catalogue.current();
      const ids = Array.from({ length: Math.min(READ_AHEAD_SLICE, last - first + 1) }, (_, i) => first + i).filter((id) => this.byId[id] === undefined);
      const changes = this.changes;
      const read = await this.store.items.summaries(ids);
      if (changes === this.changes) for (const [id, s] of read) this.keep(id, s);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Ends a read-ahead under way (the store is closing). */
  stop(): void {
    this.stopped = true;
  }

  private keep(id: number, s: ItemSummary): void {
    if (id >= this.byId.length) {
      // Grown by copying into a packed array: assigning far past the end would make it a dictionary.
      const grown = new Array<ItemSummary | undefined>(Math.max(id + 1, 2 * this.byId.length, 1024)).fill(undefined);
      for (let j = 0; j < this.byId.length; j++) grown[j] = this.byId[j];
      this.byId = grown;
    }
    if (this.byId[id] === undefined) this.count++;
    this.byId[id] = s;
  }

  private drop(id: number): void {
    if (this.byId[id] === undefined) return;
    this.byId[id] = undefined;
    this.count--;
  }

  private clear(): void {
    this.byId = [];
    this.count = 0;
  }
}
