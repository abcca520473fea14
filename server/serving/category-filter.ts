// A request's category filter: the items of a category as a byte per item id, the form the
// scoring core takes (ScoringCore.score's filter) and the other lists test item by item.
// Built from the store's (item, category) pairs, cached per category, and rebuilt when the
// catalogue changes (any process's write moves its counter), at most once a second.
import type { Store } from "../store/types.js";
import type { ChangeWatcher } from "../store/change-watcher.js";

/** How long a changed catalogue may keep serving the previous categories. */
const REBUILD_MS = 1000;
/** Masks kept (one byte per item each); past this the cache starts again. */
const MAX_MASKS = 256;

export interface CategoryFilter {
  category: string;
  /** allows[j] is 1 when item j is in the category. */
  allows: Uint8Array;
  /** The category's items (internal ids), deleted or not. */
  items: readonly number[];
}

export class CategoryFilters {
  private version = -1;
  private builtAt = -Infinity;
  private byCategory = new Map<string, number[]>();
  private maxId = 0;
  private readonly masks = new Map<string, CategoryFilter>();
  private building?: Promise<void>;

  constructor(private readonly store: Store, private readonly changes: ChangeWatcher) {}

  async of(category: string): Promise<CategoryFilter> {
    const { catalogue } = await this.changes.current();
    if (catalogue !== this.version && Date.now() - this.builtAt >= REBUILD_MS) {
      this.building ??= this.rebuild(catalogue).finally(() => (this.building = undefined));
      await this.building;
    }
    let filter = this.masks.get(category);
    if (!filter) {
      if (this.masks.size >= MAX_MASKS) this.masks.clear();
      const items = this.byCategory.get(category) ?? [];
      const allows = new Uint8Array(this.maxId + 1);
      for (const j of items) allows[j] = 1;
      this.masks.set(category, (filter = { category, allows, items }));
    }
    return filter;
  }

  private async rebuild(version: number): Promise<void> {
    const byCategory = new Map<string, number[]>();
    let maxId = 0;
    for (const [id, category] of await this.store.items.categories()) {
      (byCategory.get(category) ?? byCategory.set(category, []).get(category)!).push(id);
      if (id > maxId) maxId = id;
    }
    this.byCategory = byCategory;
    this.maxId = maxId;
    this.masks.clear();
    this.version = version;
    this.builtAt = Date.now();
  }
}
