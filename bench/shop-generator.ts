// A seeded generator of shops of any size, for benchmarks (training at scale, HTTP load,
// batch scoring): a catalogue in categories with Zipf-like popularity, shoppers with
// attributes and heavy-tailed activity, and their events grouped by shopper, oldest first.
// The same parameters always give the same shop; nothing is held per event, so a shop of
// 20 million events streams in a few megabytes.
import { seededRandom } from "../models/random.js";
import { Catalogue, type CatalogueItem } from "./shop/catalogue.js";
import { activityCounts, shopperEvents, shopperProfile, type BehaviourParams, type GeneratedEvent, type ShopperProfile } from "./shop/shoppers.js";

export type { CatalogueItem, GeneratedEvent, ShopperProfile };

export interface ShopSize {
  users: number;
  items: number;
  events: number;
  /** Default: about √items / 2 (158 for 100,000 items). */
  categories?: number;
  seed: number;
}

export interface ShopShape extends BehaviourParams {
  /** Exponent s of item popularity ∝ 1 / rank^s. */
  zipfExponent: number;
}

/** The standard large shop of the scale benchmarks. */
export const STANDARD_LARGE_SHOP = { users: 1_000_000, items: 100_000, events: 20_000_000, seed: 42 } as const satisfies ShopSize;

export const DEFAULT_SHAPE: ShopShape = {
  zipfExponent: 1,
  activitySigma: 1.4,
  favouriteShare: 0.75,
  sessionFocus: 0.8,
  sessionEvents: 6,
  days: 90,
  endMs: Date.UTC(2025, 0, 1),
};

export interface Shopper {
  profile: ShopperProfile;
  events: GeneratedEvent[];
}

export const defaultCategories = (items: number) => Math.max(1, Math.min(items, Math.round(Math.sqrt(items) / 2)));
export const itemId = (index: number) => `item-${index + 1}`;
export const userId = (index: number) => `user-${index + 1}`;

/** The size with its default filled in and checked: what identifies a generated shop. */
export function shopSize(size: ShopSize): Required<ShopSize> {
  const categories = size.categories ?? defaultCategories(size.items);
  if (size.users < 1 || size.items < 1 || categories < 1 || categories > size.items) {
    throw new Error(`a shop needs users ≥ 1 and 1 ≤ categories ≤ items (got ${size.users} users, ${size.items} items, ${categories} categories)`);
  }
  if (size.events < size.users) throw new Error(`every shopper has at least one event: events (${size.events}) must be ≥ users (${size.users})`);
  return { users: size.users, items: size.items, events: size.events, categories, seed: size.seed };
}

export class ShopGenerator {
  readonly size: Required<ShopSize>;
  readonly shape: ShopShape;
  readonly catalogue: Catalogue;
  /** Events of each shopper, known up front so that totals are exact. */
  private readonly counts: Uint32Array;

  constructor(size: ShopSize, shape: Partial<ShopShape> = {}) {
    this.size = shopSize(size);
    this.shape = { ...DEFAULT_SHAPE, ...shape };
    // Independent streams: a catalogue does not change when the number of events does.
    this.catalogue = new Catalogue(size.items, this.size.categories, this.shape.zipfExponent, stream(size.seed, 1));
    this.counts = activityCounts(size.users, size.events, this.shape.activitySigma, seededRandom(stream(size.seed, 2)));
  }

  items(): Generator<CatalogueItem> {
    return this.catalogue.items();
  }

  /** Every shopper with their events, in user index order. */
  *shoppers(): Generator<Shopper> {
    const random = seededRandom(stream(this.size.seed, 3));
    const mean = this.size.events / this.size.users;
    for (let u = 0; u < this.size.users; u++) {
      const profile = shopperProfile(u, this.counts[u] / mean, random);
      yield { profile, events: shopperEvents(this.counts[u], this.catalogue, this.shape, random) };
    }
  }
}

/** A seed per purpose, derived from the shop's seed (golden-ratio spacing). */
const stream = (seed: number, purpose: number) => (seed + Math.imul(purpose, 0x9e3779b9)) >>> 0;
