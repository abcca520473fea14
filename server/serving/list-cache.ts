// Lists kept until anything that shaped them changes: a shopper who looks at several pages
// in a row gets the list made for the first, with a new recommendation_id each time (each
// view is an impression for attribution), until their next event. Never stale:
// - the shopper's events: their version (shopper-histories.ts: held histories are brought
//   up to date with the store's new events at every request, or the store is asked), so an
//   event stored by any process, or by an import, changes the next list at once;
// - the catalogue: a change to an item drops the lists that hold it, and an item that
//   becomes one a list may show drops them all (catalogue-changes.ts); a list made under
//   filter masks goes too when one of them lets another set of items through, or, for the
//   request's filter (its answer counts them), when an item it lets through changed (the
//   masks' counts, item-filter.ts), a diversified list when any item's category changed,
//   and a product or cart page's list when the page's items change; a list that the
//   catalogue shaped beyond those (a scenario's theme, a cart naming an unknown id:
//   MadeList.wide) goes at any change, and when the filter facets are brought up to it;
// - rules, experiments and shoppers: any move of their change counters empties the cache
//   (read through the ChangeWatcher, as the uncached path reads them), as do a new model
//   and new item embeddings taken in;
// - rules with a time window: a list is kept only until the next window opens or closes.
// Shoppers the store does not know (an id never seen, or no user= at all) share one list
// per request shape, kept apart (anonymousCapacity, on by default: nothing of the shopper
// shapes it), each served under the asking shopper's id.
// Not kept: explained lists, buy_again (it counts days since purchases), interleaved
// lists (each mixes anew) and known shoppers without events (their list follows their
// stored attributes). Bounded: the least recently used list goes first; while kept lists
// are seldom served again, one in 8 is kept (list-admission.ts). A list is kept as its
// items' JSON text (items-text.ts): a few objects for the collector instead of a hundred.
// Warm-up: when a new model loads, the most recently asked-for lists are made again in the
// background (warm()), so that the shoppers who come back find theirs kept.
// Shared (--shared-list-cache-mb): a list not kept here may be taken from another serving
// process of the machine, when it is the list this one would make now (list-sharing.ts).
import type { ChangeCounters, ServedList, ShopperVersion, Store } from "../store/types.js";
import type { ChangeWatcher } from "../store/change-watcher.js";
import type { PersonalLists } from "./personal-lists.js";
import type { ShopperEvents } from "./shopper-histories.js";
import type { KnownShopper, MadeList, Recommendation, RequestContext } from "./recommendation.js";
import type { Placement } from "./placements/placement.js";
import { maskHolds } from "./mask-state.js";
import type { Assignment } from "../analytics/experiments/experiments.js";
import { listId } from "./list-id.js";
import { itemsText, withKeptItems } from "./items-text.js";
import { countListCache, countListWarmed, type ListCacheOutcome } from "../platform/metrics.js";
import { errorFields, log } from "../platform/logger.js";
import { ShopperIds } from "./shopper-ids.js";
import type { CatalogueChanges } from "./catalogue-changes.js";
import { Lru } from "./lru.js";
import { ListAdmission } from "./list-admission.js";
import type { RecommenderOptions } from "../recommender-options.js";
import type { Catalogue, Entry, ListSharing } from "./list-sharing.js";

export interface ListCacheDeps {
  store: Store;
  changes: ChangeWatcher;
  lists: PersonalLists;
  shopper(userId: number): Promise<ShopperEvents>;
  /** What every list depends on besides the counters: the model version and the item embeddings it has taken in. */
  generation(): Promise<string>;
  catalogue: CatalogueChanges;
  /** The filter facets' generation, brought up to the catalogue: what a wide list depends on besides the catalogue. */
  facets(): Promise<number>;
  served?: (list: ServedList) => void;
  assign?: (placement: Placement, shopper: string | undefined, userId: number | undefined) => Promise<Assignment | undefined>;
  /** Lists shared with the machine's other serving processes (list-sharing.ts). */
  sharing?: ListSharing;
}

/** How a list not served from the cache came: made on a miss, past the cache (bypass), or with the cache off. */
type Made = Exclude<ListCacheOutcome, "hit"> | "off";

export class ListCache {
  private readonly personal: Lru<Entry>;
  private readonly anonymous: Lru<Entry>;
  private readonly shopperIds: ShopperIds;
  /** Whether known shoppers' lists are worth keeping (list-admission.ts); anonymous ones serve every visitor. */
  private readonly admission: ListAdmission;
  private generation = "";
  /** What `generation` was made from: unchanged (most requests), it is not made again. */
  private generationOf?: { counters: ChangeCounters; model: string };
  private catalogue: Catalogue = { version: -1, facets: -1 };
  /** Set when the process closes its store: a warm-up under way stops. */
  private closing = false;

  /** The lists of known shoppers and of those the store does not know it keeps, the shoppers' ids it holds (shopper-ids.ts), and its admission (list-admission.ts). */
  constructor(private readonly d: ListCacheDeps, o: Pick<RecommenderOptions, "listCacheSize" | "anonymousListCacheSize" | "shopperIdCache" | "listCacheMinReusePercent">) {
    this.admission = new ListAdmission(o.listCacheMinReusePercent / 100);
    this.personal = new Lru(o.listCacheSize);
    this.anonymous = new Lru(o.anonymousListCacheSize);
    this.shopperIds = new ShopperIds(d.store, d.changes, o.shopperIdCache);
  }

  get size(): number {
    return this.personal.size + this.anonymous.size;
  }

  /** Whether every known shopper's list made on a miss is kept now (metrics). */
  get keepingAll(): boolean {
    return this.admission.keepingAll;
  }

  /** Starts reading every shopper's id into the process (at serving's start), where lists are kept. */
  async readShopperIds(): Promise<void> {
    if (this.personal.capacity > 0 || this.anonymous.capacity > 0) await this.shopperIds.start();
  }

  /** Shoppers' ids held (metrics). */
  get heldShopperIds(): number {
    return this.shopperIds.size;
  }

  async recommend(userExtId: string | undefined, n: number, includePurchased: boolean, context: RequestContext): Promise<Recommendation> {
    if (this.personal.capacity === 0 && this.anonymous.capacity === 0) return this.d.lists.recommend(userExtId, n, includePurchased, context);
    const found = await this.lookup(userExtId, n, includePurchased, context);
    if (found.outcome !== "off") countListCache(found.outcome);
    if ("entry" in found) return this.again(found.entry, userExtId, Date.now());
    const { recommendation, served } = found.made;
    this.d.served?.(served);
    return recommendation;
  }

  /** `warming`: a list warm() makes again, kept whatever the admission says. */
  private async lookup(
    userExtId: string | undefined, n: number, includePurchased: boolean, context: RequestContext, warming = false,
  ): Promise<{ outcome: "hit"; entry: Entry } | { outcome: Made; made: MadeList }> {
    const make = async (outcome: Made, known?: KnownShopper, kept?: { lists: Lru<Entry>; key: string; version?: ShopperVersion; catalogue: Catalogue; generation: string }) => {
      const made = await this.d.lists.make(userExtId, n, includePurchased, context, known);
      // Made under what shapes lists still (a new model may have come meanwhile).
      if (kept && made.validUntil > Date.now() && kept.generation === this.generation && (warming || kept.lists !== this.personal || this.admission.admit())) {
        const { items, ...head } = made.recommendation;
        const entry: Entry = {
          asked: { userExtId, n, includePurchased, context }, head, items: itemsText(items), reasons: items.map((i) => i.reason.type),
          served: made.served, version: kept.version, validUntil: made.validUntil, catalogue: { ...kept.catalogue, wide: made.wide, masks: made.masks, watched: made.watched },
        };
        kept.lists.put(kept.key, entry);
        this.d.sharing?.share(kept.key, entry, kept.generation, known?.shopper);
      }
      return { outcome, made };
    };
    const placement = context.placement ?? "home";
    if (context.explain || placement === "buy_again") return make("bypass");
    const catalogue = await this.sync();
    const generation = this.generation;
    let userId = userExtId === undefined ? undefined : await this.shopperIds.of(userExtId);
    let shopper = userId === undefined ? undefined : await this.d.shopper(userId);
    // A kept id without events may be an erased shopper's (shopper-ids.ts): the store's answer is final.
    if (shopper?.version.count === 0) {
      userId = await this.shopperIds.fresh(userExtId!);
      shopper = userId === undefined ? undefined : await this.d.shopper(userId);
    }
    const version = shopper?.version;
    const lists = userId === undefined ? this.anonymous : this.personal;
    const assignment = await this.d.assign?.(placement, userExtId, userId);
    const known = { userId, shopper, assignment };
    if (lists.capacity === 0) return make("off", known);
    if (version?.count === 0) return make("bypass", known);
    if (assignment && assignment.variants.length > 1) return make("bypass", known);
    const key = JSON.stringify([userId ?? null, n, includePurchased, assignment?.key ?? null, context]);
    const entry = lists.get(key);
    if (entry && sameVersion(entry.version, version) && Date.now() < entry.validUntil && this.sameCatalogue(entry, catalogue)) return this.hit(lists, entry);
    const taken = generation === this.generation ? this.d.sharing?.take(key, generation, shopper, catalogue) : undefined;
    if (taken) {
      lists.put(key, taken);
      return this.hit(lists, taken);
    }
    return make("miss", known, { lists, key, version, catalogue, generation });
  }

  /** A kept list served again (a known shopper's counted for the admission). */
  private hit(lists: Lru<Entry>, entry: Entry): { outcome: "hit"; entry: Entry } {
    if (lists === this.personal) this.admission.hit();
    return { outcome: "hit", entry };
  }

  /** Whether the catalogue, as it is now, would shape the kept list as it did. */
  private sameCatalogue(entry: Entry, now: Catalogue): boolean {
    const then = entry.catalogue;
    if (then.wide) return then.version === now.version && then.facets === now.facets;
    const changes = this.d.catalogue;
    return changes.unchangedSince(entry.served.items, then.version) && changes.unchangedSince(then.watched, then.version) && then.masks.every(maskHolds);
  }

  /**
   * Makes again the `limit` most recently asked-for lists (the anonymous shapes first: each
   * serves every visitor) under what shapes lists now, as requests would on a miss but
   * without serving them: one a turn of the event loop, with requests between. Called
   * when a new model loads, before anything asked for under it; stops when the cache is
   * emptied again. Resolves with how many it made (lists asked for meanwhile are not made twice).
   */
  async warm(limit: number): Promise<number> {
    const asked = [...this.anonymous.recent(limit), ...this.personal.recent(limit)].slice(0, limit).map((e) => e.asked);
    let made = 0;
    let generation: string | undefined;
    try {
      for (const a of asked) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.closing) break;
        await this.sync();
        if ((generation ??= this.generation) !== this.generation) break;
        if ((await this.lookup(a.userExtId, a.n, a.includePurchased, a.context, true)).outcome !== "miss") continue;
        made++;
        countListWarmed();
      }
    } catch (err) {
      log("warn", "list cache warm-up stopped", { made, ...errorFields(err) });
    }
    return made;
  }

  /** Stops a warm-up under way at its next list, and a read of shoppers' ids at its next page (before the store closes). */
  close(): void {
    this.closing = true;
    this.shopperIds.close();
  }

  /**
   * Empties the cache when a counter other than the catalogue's or the model moved since the
   * last request; returns the catalogue as it is now (what a kept list is checked against).
   */
  private async sync(): Promise<Catalogue> {
    const [counters, model] = [await this.d.changes.current(), await this.d.generation()];
    if (counters !== this.generationOf?.counters || model !== this.generationOf.model) {
      this.generationOf = { counters, model };
      const { catalogue: _, ...others } = counters;
      const generation = JSON.stringify([others, model]);
      if (generation !== this.generation) {
        this.clear();
        this.generation = generation;
      }
    }
    const [version, facets] = [await this.d.catalogue.current(), await this.d.facets()];
    if (version !== this.catalogue.version || facets !== this.catalogue.facets) {
      // A counter that went back (a store restored under a running server): lists kept under higher ones say nothing.
      if (version < this.catalogue.version) this.clear();
      this.catalogue = { version, facets };
    }
    return this.catalogue;
  }

  private clear(): void {
    this.personal.clear();
    this.anonymous.clear();
  }

  /** A kept list served again: a new impression, under a new id (and to the asking shopper, where it is shared). */
  private again(entry: Entry, userExtId: string | undefined, now: number): Recommendation {
    const id = listId(now);
    this.d.served?.({ ...entry.served, id, ts: now });
    return withKeptItems({ ...entry.head, items: [], user: userExtId ?? null, recommendation_id: id }, entry.items, entry.reasons);
  }
}

const sameVersion = (a: ShopperVersion | undefined, b: ShopperVersion | undefined) => a?.count === b?.count && a?.last === b?.last;
