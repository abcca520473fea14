// A request's item filter — a category, a price range, in stock only, an expression
// (filter-expression.ts) — as a byte per item
// id, the form the scoring core takes (ScoringCore.score's filter) and the other lists test
// item by item. Built from the store's item facets (category, price, stock) held in typed
// arrays, a mask per distinct filter cached, all rebuilt when the catalogue changes (any
// process's write moves its counter), at most once a second.
import type { Store } from "../store/types.js";
import type { ChangeWatcher } from "../store/change-watcher.js";
import type { FilterExpression, ItemFacets } from "./filter-expression.js";

/** How long a changed catalogue may keep serving the previous facets. */
const REBUILD_MS = 1000;
/** Masks kept (one byte per item each); past this the cache starts again. */
const MAX_MASKS = 256;

/** What a list may hold. Items without a price fail a price bound; in stock means a stock above 0 was sent. */
export interface FilterSpec {
  category?: string;
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
  expression?: FilterExpression;
}

export interface ItemFilter {
  spec: FilterSpec;
  /** allows[j] is 1 when item j passes. */
  allows: Uint8Array;
  /** The items that pass (internal ids), deleted or not. */
  items: readonly number[];
}

export const isFiltering = (spec: FilterSpec): boolean =>
  spec.category !== undefined || spec.priceMin !== undefined || spec.priceMax !== undefined || spec.inStock === true || spec.expression !== undefined;

interface Facets {
  /** Category code per item id; -1: none. */
  category: Int32Array;
  codes: Map<string, number>;
  /** Category names by code. */
  names: string[];
  /** Attributes as JSON text; parsed only for expressions that read them. */
  attributes: string[];
  /** NaN where unknown. */
  price: Float64Array;
  stock: Float64Array;
}

export class ItemFilters {
  private version = -1;
  private builtAt = -Infinity;
  private facets: Facets = { category: new Int32Array(0), codes: new Map(), names: [], attributes: [], price: new Float64Array(0), stock: new Float64Array(0) };
  private readonly masks = new Map<string, ItemFilter>();
  private building?: Promise<void>;

  constructor(private readonly store: Store, private readonly changes: ChangeWatcher) {}

  /** Counts the facets rebuilt so far: what was built from an older generation is stale. */
  generation = 0;

  /** How many item ids the facets cover (every mask's length). */
  get size(): number {
    return this.facets.category.length;
  }

  /** Item j's category code (-1: none or unknown); codes are stable until the next rebuild. */
  categoryOf(j: number): number {
    return j >= 0 && j < this.facets.category.length ? this.facets.category[j] : -1;
  }

  /** Rebuilds the facets if the catalogue changed (at most once a second). */
  async refresh(): Promise<void> {
    const { catalogue } = await this.changes.current();
    if (catalogue !== this.version && Date.now() - this.builtAt >= REBUILD_MS) {
      this.building ??= this.rebuild(catalogue).finally(() => (this.building = undefined));
      await this.building;
    }
  }

  async of(spec: FilterSpec): Promise<ItemFilter> {
    await this.refresh();
    const key = JSON.stringify([spec.category, spec.priceMin, spec.priceMax, spec.inStock === true, spec.expression?.text]);
    let filter = this.masks.get(key);
    if (!filter) {
      if (this.masks.size >= MAX_MASKS) this.masks.clear();
      this.masks.set(key, (filter = this.build(spec)));
    }
    return filter;
  }

  private build(spec: FilterSpec): ItemFilter {
    const { category, codes, names, attributes, price, stock } = this.facets;
    const code = spec.category === undefined ? undefined : codes.get(spec.category) ?? -2;
    const min = spec.priceMin ?? -Infinity;
    const max = spec.priceMax ?? Infinity;
    const priced = spec.priceMin !== undefined || spec.priceMax !== undefined;
    const allows = new Uint8Array(category.length);
    const items: number[] = [];
    for (let j = 0; j < category.length; j++) {
      if (code !== undefined && category[j] !== code) continue;
      // NaN (no price, no stock) fails every comparison.
      if (priced && !(price[j] >= min && price[j] <= max)) continue;
      if (spec.inStock && !(stock[j] > 0)) continue;
      if (spec.expression && !spec.expression.test(facetsOf(j))) continue;
      allows[j] = 1;
      items.push(j);
    }
    return { spec, allows, items };

    function facetsOf(j: number): ItemFacets {
      return {
        category: category[j] >= 0 ? names[category[j]] : null,
        price: Number.isNaN(price[j]) ? null : price[j],
        stock: Number.isNaN(stock[j]) ? null : stock[j],
        attributes: () => parseAttributes(attributes[j]),
      };
    }
  }

  private async rebuild(version: number): Promise<void> {
    const rows = await this.store.items.facets();
    const size = rows.reduce((m, [id]) => Math.max(m, id + 1), 0);
    const facets: Facets = {
      category: new Int32Array(size).fill(-1), codes: new Map(), names: [], attributes: new Array<string>(size).fill("{}"),
      price: new Float64Array(size).fill(NaN), stock: new Float64Array(size).fill(NaN),
    };
    for (const [id, category, price, stock, attributes] of rows) {
      if (category !== null) {
        let code = facets.codes.get(category);
        if (code === undefined) {
          facets.codes.set(category, (code = facets.names.length));
          facets.names.push(category);
        }
        facets.category[id] = code;
      }
      if (attributes !== "{}") facets.attributes[id] = attributes;
      if (price !== null) facets.price[id] = price;
      if (stock !== null) facets.stock[id] = stock;
    }
    this.facets = facets;
    this.generation++;
    this.masks.clear();
    this.version = version;
    this.builtAt = Date.now();
  }
}

function parseAttributes(text: string | undefined): Record<string, unknown> {
  if (!text || text === "{}") return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
