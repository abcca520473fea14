// The recommendation service: holds the model in use (swapped whole when a new version is
// published) and the serving stages that build lists from it: /recommend's pipeline
// (serving/personal-lists.ts), similar items and search (serving/content-lists.ts). A
// shopper's recent history is held in memory and brought up to date with the store's new
// events at every request (serving/shopper-histories.ts), so an event posted a moment ago,
// by any process, already counts.
import type { HistoryEvent, Store } from "./store/types.js";
import type { ChangeWatcher } from "./store/change-watcher.js";
import { ItemSummaries } from "./serving/item-summaries.js";
import { ModelsRejected, type ModelRegistry } from "./model-registry.js";
import { activeModelInSlices, type ActiveModel } from "./serving/active-model.js";
import type { ModelManifest } from "../models/artefact.js";
import { AppError } from "./errors.js";
import { ContentLists, type SearchList, type SimilarList } from "./serving/content-lists.js";
import { takeInEmbeddings } from "./content/live-embeddings.js";
import { ItemFilters } from "./serving/item-filter.js";
import { CatalogueChanges } from "./serving/catalogue-changes.js";
import { RequestFilters, type ListFilters } from "./serving/request-filters.js";
import { scoreList, type Seed } from "./serving/score-list.js";
import { toRanked, type RankedList } from "./serving/list-rules.js";
import { diversify, diversityPool, type Diversity, type ItemTraits } from "./serving/diversity.js";
import { Rules } from "./serving/rules/rules.js";
import type { ShopperValues } from "./analytics/segments/shopper-values.js";
import { PinnedModels } from "./serving/pinned-models.js";
import { PersonalLists, type PersonalListDeps } from "./serving/personal-lists.js";
import type { Recommendation, RequestContext } from "./serving/recommendation.js";
import { ListCache } from "./serving/list-cache.js";
import { ListSharing } from "./serving/list-sharing.js";
import type { SharedSlots } from "./serving/shared-slots.js";
import type { RecommenderOptions } from "./recommender-options.js";
import { loadNewestIntactAsync, loadPinnedAsync } from "./model-loading.js";
import { WhyNot, type WhyNotAnswer } from "./serving/why-not.js";
import { ShopperHistories, type SharedHistories } from "./serving/shopper-histories.js";
import { errorFields, log } from "./platform/logger.js";

export type { Reason } from "./serving/reasons.js";
export type { RecommenderOptions } from "./recommender-options.js";
export type { FoundItem } from "./serving/content-lists.js";
export type { Explanation, Recommendation, RecommendedItem, RequestContext } from "./serving/recommendation.js";

export class Recommender {
  private active?: ActiveModel;
  /** How long loading and checking the model in use took (metrics). */
  private loadMs = 0;
  /** Versions that failed their checks. */
  private readonly rejected = new Set<string>();
  private readonly catalogue: CatalogueChanges;
  private readonly summaries: ItemSummaries;
  private readonly filters: RequestFilters;
  private readonly itemFilters: ItemFilters;
  /** The merchandising rules in force (serving/rules). */
  readonly rules: Rules;
  private readonly contentLists: ContentLists;
  private readonly personalLists: PersonalLists;
  private readonly listCache: ListCache;
  private readonly whyNots: WhyNot;
  private readonly histories: ShopperHistories;
  /** Versions experiment variants pin, loaded when first asked for. */
  private readonly pinned: PinnedModels;
  /** A refresh under way: polls that overlap it wait for it instead of loading twice. */
  private refreshing?: Promise<boolean>;
  /** The list cache's warm-up after the last model load: how many lists it made. */
  warming?: Promise<number>;
  private readingAhead?: Promise<void>;

  /**
   * @param lists.served takes every list /recommend serves (the served-list recorder); lists.assign: experiments' assignment;
   *   lists.shared: slots shared with the machine's other serving processes (list-sharing.ts);
   *   lists.histories: the machine's shared histories (shopper-histories.ts).
   */
  constructor(
    private readonly store: Store, private readonly registry: ModelRegistry, changes: ChangeWatcher, private readonly opts: RecommenderOptions,
    { shared, histories, ...lists }: Pick<PersonalListDeps, "served" | "assign"> & { shared?: SharedSlots; histories?: SharedHistories } = {},
  ) {
    this.catalogue = new CatalogueChanges(store, changes);
    // Any process's change reaches the model's mask of what may be shown, not only this one's writes, and the filters' counts.
    this.catalogue.follow((j, shown) => this.setRecommendable(j, shown));
    this.catalogue.onShownChange((ids) => this.itemFilters.shownChanged(ids));
    this.summaries = new ItemSummaries(store, this.catalogue);
    this.itemFilters = new ItemFilters(store, changes);
    this.filters = new RequestFilters(store, this.itemFilters);
    this.rules = new Rules(store, changes, this.itemFilters);
    this.pinned = new PinnedModels(store, registry, opts);
    this.histories = new ShopperHistories(store, opts.maxHistory, opts.historyCacheEvents, histories);
    this.contentLists = new ContentLists({
      store, filters: this.filters, rules: this.rules, summaries: this.summaries, embedding: opts, model: () => this.model(), history: (id) => this.history(id),
    });
    const listDeps: PersonalListDeps = {
      store, filters: this.filters, rules: this.rules, summaries: this.summaries, model: () => this.model(),
      traits: (model) => this.traits(model), shopper: (id) => this.histories.of(id),
      segmentOf: (id) => (id === undefined ? undefined : this.active?.shopperValues?.segmentOf(id)),
      modelOf: async (version) => (version === this.version ? this.model() : this.pinned.of(version)),
      themed: (theme, history, k, accept) => this.contentLists.themed(theme, history, k, accept),
      ...lists,
    };
    this.personalLists = new PersonalLists(listDeps);
    this.listCache = new ListCache(
      {
        store, changes, lists: this.personalLists, shopper: listDeps.shopper, served: lists.served, assign: lists.assign, generation: async () => this.generation(),
        catalogue: this.catalogue, facets: async () => (await this.itemFilters.refresh(), this.itemFilters.generation),
        sharing: shared && new ListSharing(shared, this.catalogue),
      },
      opts,
    );
    this.whyNots = new WhyNot(listDeps, this.personalLists);
  }

  get version(): string | undefined {
    return this.active?.manifest.version;
  }

  /** The manifest of the model in use and how long it took to load. */
  get loaded(): { manifest: ModelManifest; loadMs: number } | undefined {
    return this.active && { manifest: this.active.manifest, loadMs: this.loadMs };
  }

  /**
   * Serves the registry's newest intact version, or the one named (a batch run pins one),
   * if it is not the one in use, loaded off the event loop (model-loading.ts). Returns true on a
   * switch. Throws a ModelsRejected naming every version that failed its checks, after
   * switching to an intact one if it found one; a failed version is not tried again:
   * model folders never change.
   */
  refresh(pinned?: string): Promise<boolean> {
    this.refreshing ??= this.load(pinned).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async load(pinned?: string): Promise<boolean> {
    const wanted = pinned ?? this.registry.current();
    if (!wanted || wanted === this.version || this.rejected.has(wanted)) return false;
    const started = performance.now();
    const found = pinned
      ? await loadPinnedAsync(this.registry, pinned, this.store.id)
      : await loadNewestIntactAsync(this.registry, this.store.id, { skip: this.rejected, inUse: this.version });
    for (const f of found.failed) this.rejected.add(f.version);
    if (found.model) {
      this.active = await activeModelInSlices(found.model, () => this.store.items.unrecommendableIds(), this.opts);
      this.loadMs = performance.now() - started;
      if (this.opts.listCacheWarmup > 0) this.warming = this.listCache.warm(this.opts.listCacheWarmup);
    }
    if (found.failed.length > 0) throw new ModelsRejected(found.failed, this.version);
    return found.model !== undefined;
  }

  /**
   * Reads what lists need of the catalogue — the filter facets, which items may be shown —
   * so that the first request need not; the items' summaries and the shoppers' ids follow
   * in the background from now, not from the first requests (which a read they began would
   * hold up, a page at a time).
   */
  async readCatalogue(): Promise<void> {
    await Promise.all([this.itemFilters.refresh(), this.catalogue.current(), this.listCache.readShopperIds()]);
    this.readingAhead = this.summaries.readAhead().catch((err) => log("warn", "reading the items' summaries ahead failed", errorFields(err)));
  }

  /** Stops the list cache's warm-up, if one is under way, and waits for it: the store may then close. */
  async close(): Promise<void> {
    this.listCache.close();
    this.summaries.stop();
    await Promise.all([this.warming, this.readingAhead]);
  }

  /** Keeps the in-memory mask in step with the catalogue (delete, stock changes). */
  setRecommendable(itemId: number, recommendable: boolean): void {
    this.active?.core.setUnavailable(itemId, !recommendable);
  }

  /**
   * The top k internal item ids for a shopper (undefined: anonymous), never any of
   * `exclude`; with personal false, popularity alone. The ranking evaluation shares.
   */
  async rank(userId: number | undefined, k: number, exclude: ArrayLike<number>, opts: { personal?: boolean; diversity?: Diversity; seed?: Seed } = {}): Promise<RankedList & { version: string }> {
    this.model();
    const events = userId === undefined || opts.personal === false ? [] : await this.history(userId);
    if (opts.diversity) await this.itemFilters.refresh();
    const model = this.model();
    const list = toRanked(scoreList(model, events, model.historyParams, { k: opts.diversity ? diversityPool(k) : k, exclude, seed: opts.seed }));
    return { ...(opts.diversity ? diversify(list, k, opts.diversity, this.traits(model)) : list), version: model.manifest.version };
  }

  /** The model in use's version and its shoppers' values (segments, scores, churn risk, lifetime value), if it has them. */
  shopperValues(): { version: string; values?: ShopperValues } {
    const m = this.model();
    return { version: m.manifest.version, values: m.shopperValues };
  }

  /** What diversity reads of items: categories (the catalogue's facets) and text vectors (the model's). */
  traits(model = this.model()): ItemTraits {
    return { categoryOf: (j) => this.itemFilters.categoryOf(j), vectorOf: (j) => model.content?.unitVector(j), categories: this.itemFilters.categories };
  }

  /** Picks up item embeddings written since the last call, at most `limit` (content/live-embeddings.ts). Returns how many were added. */
  syncContent(limit = 10_000): Promise<number> {
    return this.active ? takeInEmbeddings(this.store, this.active, limit) : Promise.resolve(0);
  }

  /** `GET /recommend`: the shopper's list through the serving stages (serving/personal-lists.ts), kept until it changes (serving/list-cache.ts). */
  recommend(userExtId: string | undefined, n: number, includePurchased: boolean, context: RequestContext = {}): Promise<Recommendation> {
    return this.listCache.recommend(userExtId, n, includePurchased, context);
  }

  /** Lists the list cache holds (metrics). */
  get cachedLists(): number {
    return this.listCache.size;
  }

  /** Whether the list cache keeps every known shopper's list it makes now (metrics; serving/list-admission.ts). */
  get keepsEveryList(): boolean {
    return this.listCache.keepingAll;
  }

  /** Events of shoppers' histories and shoppers' ids held in memory (metrics). */
  get held(): { historyEvents: number; shopperIds: number } {
    return { historyEvents: this.histories.size, shopperIds: this.listCache.heldShopperIds };
  }

  /** What every list depends on besides the store's counters and the catalogue: the model and the item embeddings it took in. */
  private generation(): string {
    const model = this.model();
    return `${model.manifest.version}:${model.contentSeq}`;
  }

  /** `GET /recommend/why-not`: why an item is not in the shopper's list (serving/why-not.ts). */
  whyNot(userExtId: string | undefined, itemExtId: string, n: number, includePurchased: boolean, context: RequestContext = {}): Promise<WhyNotAnswer> {
    return this.whyNots.answer(userExtId, itemExtId, n, includePurchased, context);
  }

  /** `GET /items/:id/similar`: text neighbours and co-purchase neighbours, blended. */
  similar(itemExtId: string, n: number, filters: ListFilters = {}): Promise<SimilarList> {
    return this.contentLists.similar(itemExtId, n, filters);
  }

  /** `GET /search`: the items whose text is closest to the query, reordered by the shopper's taste. */
  search(query: string, userExtId: string | undefined, n: number, filters: ListFilters = {}): Promise<SearchList> {
    return this.contentLists.search(query, userExtId, n, filters);
  }

  /** The shopper's newest events, as many as a request scores. */
  private async history(userId: number): Promise<HistoryEvent[]> {
    return (await this.histories.of(userId)).events();
  }

  private model(): ActiveModel {
    if (!this.active) throw new AppError(503, "model_not_ready", "no trained model is loaded yet: run `tuijian train`");
    return this.active;
  }
}
