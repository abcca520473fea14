// Lists kept until anything that shaped them changes: a shopper who looks at several pages
// in a row gets the list made for the first, with a new recommendation_id each time (each
// view is an impression for attribution), until their next event. Never stale:
// - the shopper's events: their version (count and newest id, EventRepository.versionOf)
//   is read from the store on every request, so an event stored by any process, or by an
//   import, changes the next list at once;
// - the catalogue, rules, experiments and shoppers: any move of the store's change
//   counters empties the cache (read through the ChangeWatcher, as the uncached path
//   reads them), as do a new model, new item embeddings taken in, and rebuilt filter facets;
// - rules with a time window: a list is kept only until the next window opens or closes.
// Not kept: explained lists, buy_again (it counts days since purchases), interleaved
// lists (each mixes anew), shoppers without events (their list follows their stored
// attributes) and unknown ones. Bounded: the least recently used list goes first.
import type { ServedList, ShopperVersion, Store } from "../store/types.js";
import type { ChangeWatcher } from "../store/change-watcher.js";
import type { PersonalLists } from "./personal-lists.js";
import type { KnownShopper, Recommendation, RequestContext } from "./recommendation.js";
import type { Placement } from "./placements/placement.js";
import type { Assignment } from "../analytics/experiments/experiments.js";
import { listId } from "./list-id.js";
import { countListCache, type ListCacheOutcome } from "../platform/metrics.js";

export interface ListCacheDeps {
  store: Store;
  changes: ChangeWatcher;
  lists: PersonalLists;
  /** What every list depends on besides the counters: the model version, the item embeddings it has taken in, the filter facets' generation. */
  generation(): Promise<string>;
  served?: (list: ServedList) => void;
  assign?: (placement: Placement, shopper: string | undefined, userId: number | undefined) => Promise<Assignment | undefined>;
}

interface Entry {
  recommendation: Recommendation;
  served: ServedList;
  version: ShopperVersion | undefined;
  validUntil: number;
}

export class ListCache {
  private readonly entries = new Map<string, Entry>();
  private generation = "";

  constructor(private readonly d: ListCacheDeps, private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  async recommend(userExtId: string | undefined, n: number, includePurchased: boolean, context: RequestContext): Promise<Recommendation> {
    if (this.capacity === 0) return this.d.lists.recommend(userExtId, n, includePurchased, context);
    const made = await this.lookup(userExtId, n, includePurchased, context);
    countListCache(made.outcome);
    if (made.outcome === "hit") return this.again(made.entry, Date.now());
    const { recommendation, served } = made.entry;
    this.d.served?.(served);
    return recommendation;
  }

  private async lookup(userExtId: string | undefined, n: number, includePurchased: boolean, context: RequestContext): Promise<{ outcome: ListCacheOutcome; entry: Entry }> {
    const make = async (outcome: ListCacheOutcome, key?: string, version?: ShopperVersion, known?: KnownShopper) => {
      const made = await this.d.lists.make(userExtId, n, includePurchased, context, known);
      const entry = { ...made, version };
      if (key !== undefined && made.validUntil > Date.now()) this.put(key, entry);
      return { outcome, entry };
    };
    const placement = context.placement ?? "home";
    if (context.explain || placement === "buy_again") return make("bypass");
    await this.sync();
    const userId = userExtId === undefined ? undefined : await this.d.store.users.idOf(userExtId);
    if (userExtId !== undefined && userId === undefined) return make("bypass");
    const version = userId === undefined ? undefined : await this.d.store.events.versionOf(userId);
    if (version?.count === 0) return make("bypass");
    const assignment = await this.d.assign?.(placement, userExtId, userId);
    if (assignment && assignment.variants.length > 1) return make("bypass");
    const key = JSON.stringify([userId ?? null, n, includePurchased, assignment?.key ?? null, context]);
    const entry = this.entries.get(key);
    if (entry && sameVersion(entry.version, version) && Date.now() < entry.validUntil) {
      // Most recently used last: the first key is the one to evict.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return { outcome: "hit", entry };
    }
    return make("miss", key, version, { userId, assignment });
  }

  /** Empties the cache when a counter, the model or the facets moved since the last request. */
  private async sync(): Promise<void> {
    const generation = JSON.stringify([await this.d.changes.current(), await this.d.generation()]);
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** A kept list served again: a new impression, under a new id. */
  private again(entry: Entry, now: number): Recommendation {
    const id = listId(now);
    this.d.served?.({ ...entry.served, id, ts: now });
    return { ...entry.recommendation, recommendation_id: id };
  }
}

const sameVersion = (a: ShopperVersion | undefined, b: ShopperVersion | undefined) => a?.count === b?.count && a?.last === b?.last;
