// A request's item filter — a category, a price range, in stock only, an expression
// (filter-expression.ts) — as a byte per item
// id, the form the scoring core takes (ScoringCore.score's filter) and the other lists test
// item by item. Built from the store's item facets (category, price, stock) held in typed
// arrays, a mask per distinct filter cached. When the catalogue changes (any process's
// write moves its counter), at most once a second, the items changed since are read and
// written over the facets, and each mask kept tests them again: its `flips` count moves
// when what it lets through changed, its `changes` count also when an item it lets through
// becomes one a list may show or stops being one (shownChanged: a request filter's answer
// counts those), so a list made under it is known to hold while the count it depends on
// stays. New item ids lengthen every mask (a copy) and are tested like changed items, so a
// new product moves only the masks it passes; a catalogue read whole again starts them again.
import type { Store } from "../store/types.js";
import type { ChangeWatcher } from "../store/change-watcher.js";
import type { FilterExpression, ItemFacets } from "./filter-expression.js";
import { bump, type Counted } from "./mask-state.js";

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

export interface ItemFilter extends Counted {
  spec: FilterSpec;
  /** allows[j] is 1 when item j passes. */
  allows: Uint8Array;
  /** The items that pass (internal ids), deleted or not. */
  items: readonly number[];
  /** Moves with `flips`, and whenever an item that passes becomes one a list may show or stops being one. */
  changes: number;
  /** Moves whenever an item starts or stops passing; and when the mask stops being kept. */
  flips: number;
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

const EMPTY = (): Facets => ({ category: new Int32Array(0), codes: new Map(), names: [], attributes: [], price: new Float64Array(0), stock: new Float64Array(0) });

export class ItemFilters {
  private version = -1;
  private builtAt = -Infinity;
  private facets: Facets = EMPTY();
  private readonly masks = new Map<string, ItemFilter>();
  private building?: Promise<void>;

  constructor(private readonly store: Store, private readonly changes: ChangeWatcher, private readonly rebuildMs = REBUILD_MS) {}

  /** Counts the facets rebuilt so far: what was built from an older generation is stale. */
  generation = 0;
  /** Moves when any item's category changed (or new item ids came, or the catalogue was read whole): what diversity reads. */
  readonly categories: Counted = { flips: 0, changes: 0 };

  /** How many item ids the facets cover (every mask's length). */
  get size(): number {
    return this.facets.category.length;
  }

  /** Item j's category code (-1: none or unknown); codes are stable until the next rebuild. */
  categoryOf(j: number): number {
    return j >= 0 && j < this.facets.category.length ? this.facets.category[j] : -1;
  }

  /** Brings the facets up to the catalogue if it changed (at most once a second). */
  async refresh(): Promise<void> {
    const { catalogue } = await this.changes.current();
    if (catalogue !== this.version && Date.now() - this.builtAt >= this.rebuildMs) {
      this.building ??= this.update(catalogue).finally(() => (this.building = undefined));
      await this.building;
    }
  }

  async of(spec: FilterSpec): Promise<ItemFilter> {
    await this.refresh();
    const key = JSON.stringify([spec.category, spec.priceMin, spec.priceMax, spec.inStock === true, spec.expression?.text]);
    let filter = this.masks.get(key);
    if (!filter) {
      if (this.masks.size >= MAX_MASKS) this.restartMasks();
      this.masks.set(key, (filter = this.build(spec)));
    }
    return filter;
  }

  private build(spec: FilterSpec): ItemFilter {
    const passes = tester(spec, this.facets);
    const allows = new Uint8Array(this.facets.category.length);
    const items: number[] = [];
    for (let j = 0; j < allows.length; j++) {
      if (!passes(j)) continue;
      allows[j] = 1;
      items.push(j);
    }
    return { spec, allows, items, changes: 0, flips: 0 };
  }

  /**
   * Each mask tests the changed items again; one that lets another set through, or is
   * shorter than the facets (new item ids), takes new arrays (never written in place: the
   * scoring core and AllowPairs keep copies by identity, and a request under way keeps the
   * arrays it read). Only a change of what it lets through moves its counts.
   */
  private retest(ids: number[]): void {
    const size = this.facets.category.length;
    for (const mask of this.masks.values()) {
      const passes = tester(mask.spec, this.facets);
      const old = mask.allows;
      let allows = old.length < size ? lengthened(old, size) : undefined;
      let flipped = false;
      for (const j of ids) {
        const [was, now] = [old[j] === 1, passes(j)];
        if (was === now) continue;
        (allows ??= old.slice())[j] = now ? 1 : 0;
        flipped = true;
      }
      if (!allows) continue;
      mask.allows = allows;
      if (flipped) {
        mask.items = allows.reduce<number[]>((out, a, j) => (a === 1 && out.push(j), out), []);
        bump(mask);
      }
    }
  }

  /** Items that became ones a list may show, or stopped being ones (catalogue-changes.ts): the masks letting one through count a change. */
  shownChanged(ids: number[] | "all"): void {
    if (ids === "all") return this.restartMasks();
    for (const mask of this.masks.values()) if (ids.some((j) => mask.allows[j] === 1)) mask.changes++;
  }

  /** Forgets every mask; lists made under one see its counts move. */
  private restartMasks(): void {
    for (const mask of this.masks.values()) bump(mask);
    this.masks.clear();
  }

  /**
   * Writes the items changed since the facets' version over them (all of them the first
   * time). `version` was read before the items: what changes after it is stamped above it
   * (the store's items.version), so nothing is missed; what is read twice is the same.
   */
  private async update(version: number): Promise<void> {
    // A counter that went back (a store restored under a running server): read whole again.
    const whole = version < this.version;
    const rows = await this.store.items.facets(whole ? -1 : this.version);
    if (rows.length > 0 || whole) {
      // Written in place: masks are built synchronously, so none is half-way through.
      const before = this.facets.category.length;
      const facets = grown(whole ? EMPTY() : this.facets, rows.reduce((m, [id]) => Math.max(m, id + 1), 0));
      let recategorised = whole || facets.category.length !== before;
      for (const [id, category, price, stock, attributes] of rows) {
        let code = -1;
        if (category !== null) {
          code = facets.codes.get(category) ?? -1;
          if (code < 0) {
            facets.codes.set(category, (code = facets.names.length));
            facets.names.push(category);
          }
        }
        if (facets.category[id] !== code) recategorised = true;
        facets.category[id] = code;
        facets.attributes[id] = attributes;
        facets.price[id] = price ?? NaN;
        facets.stock[id] = stock ?? NaN;
      }
      this.facets = facets;
      this.generation++;
      if (recategorised) bump(this.categories);
      if (whole) this.restartMasks();
      else this.retest(rows.map((r) => r[0]));
    }
    this.version = version;
    this.builtAt = Date.now();
  }
}

/** Whether item j passes `spec` under `facets`. */
function tester(spec: FilterSpec, { category, codes, names, attributes, price, stock }: Facets): (j: number) => boolean {
  const code = spec.category === undefined ? undefined : codes.get(spec.category) ?? -2;
  const min = spec.priceMin ?? -Infinity;
  const max = spec.priceMax ?? Infinity;
  const priced = spec.priceMin !== undefined || spec.priceMax !== undefined;
  const facetsOf = (j: number): ItemFacets => ({
    category: category[j] >= 0 ? names[category[j]] : null,
    price: Number.isNaN(price[j]) ? null : price[j],
    stock: Number.isNaN(stock[j]) ? null : stock[j],
    attributes: () => parseAttributes(attributes[j]),
  });
  return (j) =>
    (code === undefined || category[j] === code)
    // NaN (no price, no stock) fails every comparison.
    && (!priced || (price[j] >= min && price[j] <= max))
    && (!spec.inStock || stock[j] > 0)
    && (!spec.expression || spec.expression.test(facetsOf(j)));
}

/** A mask with room for `size` item ids, the new ones not let through. */
function lengthened(allows: Uint8Array, size: number): Uint8Array {
  const longer = new Uint8Array(size);
  longer.set(allows);
  return longer;
}

/** The facets with room for `size` item ids (the new ones unknown). */
function grown(f: Facets, size: number): Facets {
  if (size <= f.category.length) return f;
  const category = new Int32Array(size).fill(-1);
  const price = new Float64Array(size).fill(NaN);
  const stock = new Float64Array(size).fill(NaN);
  category.set(f.category);
  price.set(f.price);
  stock.set(f.stock);
  const attributes = f.attributes.concat(new Array<string>(size - f.attributes.length).fill("{}"));
  return { ...f, category, attributes, price, stock };
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
