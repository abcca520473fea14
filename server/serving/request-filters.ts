// What a request lets a list hold: not the items it excludes (by external id), and only
// those its filter (item-filter.ts) lets through; and the outcome the response reports.
import type { Store } from "../store/types.js";
import { isFiltering, type FilterSpec, type ItemFilters, type ItemFilter } from "./item-filter.js";

/** What a list may hold: not these items (by external id; unknown ids are ignored), and only those the spec lets through. */
export interface ListFilters extends FilterSpec {
  exclude?: readonly string[];
}

/** The filter a request named, and how many items passed it (that the model can show). */
export interface FilterOutcome {
  category?: string;
  price_min?: number;
  price_max?: number;
  in_stock?: boolean;
  expression?: string;
  passed: number;
}

/** A request's filters, read from the store: the internal ids it excludes and its item filter. */
export interface PreparedFilters {
  excluded: number[];
  filter?: ItemFilter;
}

/** What the model may show: item j is known and not masked, or posted since training (cold). */
export interface Showable {
  readonly n: number;
  isUnavailable(j: number): boolean;
}

export const showable = (core: Showable, j: number): boolean => j >= core.n || !core.isUnavailable(j);

export class RequestFilters {
  constructor(private readonly store: Store, private readonly items: ItemFilters) {}

  async prepare(filters: ListFilters): Promise<PreparedFilters> {
    const excluded = filters.exclude?.length ? [...(await this.store.items.idsOf(filters.exclude)).values()] : [];
    return { excluded, filter: isFiltering(filters) ? await this.items.of(filters) : undefined };
  }
}

/** Which items a similar or search list may show: showable, not excluded, passing the filter and `allow` (the rules' exclusions). */
export function admits({ excluded, filter }: PreparedFilters, core: Showable, allow?: Uint8Array): (j: number) => boolean {
  const hidden = new Set(excluded);
  return (j) => !hidden.has(j) && showable(core, j) && (!filter || filter.allows[j] === 1) && (!allow || allow[j] !== 0);
}

/** The filter as the request gave it, and how many of the items it lets through the model can show; none without a filter. */
export function outcomeOf(filter: ItemFilter | undefined, core: Showable): { filter: FilterOutcome } | undefined {
  if (!filter) return undefined;
  const { spec, items } = filter;
  return {
    filter: {
      category: spec.category, price_min: spec.priceMin, price_max: spec.priceMax, in_stock: spec.inStock || undefined, expression: spec.expression?.text,
      passed: items.filter((j) => showable(core, j)).length,
    },
  };
}
