// The recommendation service: holds the model in use (swapped whole when a new version is
// published), reads the shopper's recent history from the store on every request — so an
// event posted a moment ago already counts — and scores it in the WASM core.
import { randomUUID } from "node:crypto";
import type { HistoryEvent, Store } from "./store/types.js";
import type { ChangeWatcher } from "./store/change-watcher.js";
import { ItemSummaries } from "./serving/item-summaries.js";
import { ModelsRejected, type ModelRegistry } from "./model-registry.js";
import { activeModel, type ActiveModel } from "./serving/active-model.js";
import type { FactorPrecision } from "./wasm/scoring-core.js";
import type { ScoredList } from "../core-wasm/reference/score-history.js";
import type { ModelManifest } from "../models/artefact.js";
import { AppError, notFound } from "./errors.js";
import { PURCHASE, weightsByCode, type EventWeights } from "../models/event-types.js";
import { foldInHistory, weightHistory } from "../models/history.js";
import type { ContentSearch, SimilarSource } from "./content/content-search.js";
import { wordEmbedder, type EmbeddingConfig } from "./content/word-embedder.js";
import { rankBySegments } from "../models/segment-popularity.js";
import { contextKeys } from "./segments.js";
import { textOfRow } from "./embedding/item-text.js";
import { reasonOf, type Reason } from "./serving/reasons.js";
import { withColdItems } from "./serving/cold-merge.js";
import type { ItemFilter } from "./serving/item-filter.js";
import { RequestFilters, admits, outcomeOf, type FilterOutcome, type ListFilters } from "./serving/request-filters.js";

export type { Reason };

/** What a request says about where the shopper is (the page's category, their attributes), and what the list may hold. */
export interface RequestContext extends ListFilters {
  attributes?: Record<string, unknown>;
}

export interface RecommendedItem {
  id: string;
  title: string | null;
  score: number;
  reason: Reason;
}

export interface Recommendation {
  user: string | null;
  model_version: string;
  recommendation_id: string;
  personalized: boolean;
  items: RecommendedItem[];
  /** Present when the request named a filter (category, price, stock): the list holds only what passed. */
  filter?: FilterOutcome;
}

export interface FoundItem {
  id: string;
  title: string | null;
  score: number;
}

export interface RecommenderOptions extends EmbeddingConfig {
  maxHistory: number;
  maxResults: number;
  historyHalfLifeDays: number;
  eventWeights: EventWeights;
  /** Factor candidates per request when the model has a factor index. */
  annCandidates: number;
  /** HNSW search effort for them. */
  annEf: number;
  factorPrecision: FactorPrecision;
}

export class Recommender {
  private active?: ActiveModel;
  /** How long loading and checking the model in use took (metrics). */
  private loadMs = 0;
  /** Versions that failed their checks. */
  private readonly rejected = new Set<string>();
  private readonly weights: Float64Array;
  private readonly summaries: ItemSummaries;
  private readonly filters: RequestFilters;
  /** A refresh under way: polls that overlap it wait for it instead of loading twice. */
  private refreshing?: Promise<boolean>;

  constructor(private readonly store: Store, private readonly registry: ModelRegistry, changes: ChangeWatcher, private readonly opts: RecommenderOptions) {
    this.weights = weightsByCode(opts.eventWeights);
    this.summaries = new ItemSummaries(store, changes);
    this.filters = new RequestFilters(store, changes);
  }

  get version(): string | undefined {
    return this.active?.manifest.version;
  }

  /** The manifest of the model in use and how long it took to load. */
  get loaded(): { manifest: ModelManifest; loadMs: number } | undefined {
    return this.active && { manifest: this.active.manifest, loadMs: this.loadMs };
  }

  /**
   * Serves the registry's newest intact version (ModelRegistry.loadNewestIntact), or the
   * one named (a batch run pins one), if it is not the one in use. Returns true on a
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
    const found = pinned ? this.registry.loadPinned(pinned, this.store.id) : this.registry.loadNewestIntact(this.store.id, { skip: this.rejected, inUse: this.version });
    for (const f of found.failed) this.rejected.add(f.version);
    if (found.model) {
      this.active = activeModel(found.model, await this.store.items.unrecommendableIds(), this.opts);
      this.loadMs = performance.now() - started;
    }
    if (found.failed.length > 0) throw new ModelsRejected(found.failed, this.version);
    return found.model !== undefined;
  }

  /** Keeps the in-memory mask in step with the catalogue (delete, stock changes). */
  setRecommendable(itemId: number, recommendable: boolean): void {
    this.active?.core.setUnavailable(itemId, !recommendable);
  }

  /**
   * The top k internal item ids for a shopper (undefined: anonymous), never any of
   * `exclude`, and with a `filter` only the items it allows; with personal false,
   * popularity alone. The ranking every caller shares. `events`: the shopper's history
   * when the caller has read it already.
   */
  async rank(
    userId: number | undefined, k: number, exclude: ArrayLike<number>,
    opts: { personal?: boolean; events?: HistoryEvent[]; filter?: ItemFilter } = {},
  ): Promise<ScoredList & { version: string }> {
    this.model();
    const events = userId === undefined || opts.personal === false ? [] : opts.events ?? (await this.history(userId));
    // From here on nothing awaits: the core's fold-in and scoring belong to this request alone.
    const model = this.model();
    const history = weightHistory(events, { ...this.opts, weightsByCode: this.weights });
    // With no history the list is popularity alone, and its scores are popularity's.
    const blend = events.length > 0 ? model.weights.popularity : 1;
    if (events.length > 0 && model.weights.factors > 0) {
      const fold = foldInHistory(events, this.weights, model.factorAlpha);
      model.core.foldIn(fold.items, fold.conf, model.weights.factors);
    }
    const kk = Math.min(k, model.core.limits.maxResults);
    const request = { histItems: history.items, histWeights: history.weights, exclude, popBlend: blend, filter: opts.filter?.allows };
    if (events.length === 0 || model.cold.size === 0) {
      return { ...model.core.score({ ...request, k: kk }), version: model.manifest.version };
    }
    // Cold items are scored from this request's scores of the known items they resemble,
    // the shopper's own (excluded from the list) among them: the kernel reports those too.
    const sources = model.cold.sources();
    const scored = model.core.score({ ...request, k: kk, probes: sources });
    const cold = model.cold.scores(scored.probed!, new Set(history.items));
    const allows = opts.filter?.allows;
    if (allows) for (const j of cold.keys()) if (allows[j] !== 1) cold.delete(j);
    return { ...withColdItems(scored, cold, new Set(Array.from(exclude)), kk), version: model.manifest.version };
  }

  /**
   * Picks up item embeddings written since the last call (by this process's embedding job
   * or another's), so that new and changed products are searchable and recommendable
   * before the next training: at most `limit` (each costs ~1.5 ms on a 100k catalogue,
   * so a caller that can wait takes them in slices). Returns how many were added.
   */
  async syncContent(limit = 10_000): Promise<number> {
    const model = this.active;
    if (!model?.content) return 0;
    const fresh = await this.store.embeddings.since(model.content.wordModel, model.contentSeq, limit);
    if (fresh.length === 0) return 0;
    const texts = new Map((await this.store.embeddings.textsOf(fresh.map((e) => e.itemId))).map((r) => [r.id, textOfRow(r)]));
    for (const e of fresh) {
      const text = texts.get(e.itemId);
      // An item the model knows keeps its trained place in lists; its new text counts for
      // search and similar now, and for lists at the next training.
      const nearest = text ? model.content.addItem(e.itemId, e.vector, text, e.itemId >= model.core.n ? NEIGHBOURS_OF_LIVE_ITEM : 0) : undefined;
      if (nearest) model.cold.set(e.itemId, nearest.labels, nearest.scores);
      model.contentSeq = e.seq;
    }
    return fresh.length;
  }

  async recommend(userExtId: string | undefined, n: number, includePurchased: boolean, context: RequestContext = {}): Promise<Recommendation> {
    this.model();
    const userId = userExtId === undefined ? undefined : await this.store.users.idOf(userExtId);
    const events = userId === undefined ? [] : await this.history(userId);
    const purchased = userId === undefined || includePurchased ? [] : await this.purchased(userId, events);
    const { excluded, filter } = await this.filters.prepare(context);
    const exclude = [...purchased, ...excluded];
    const core = this.model().core;
    const outcome = outcomeOf(filter, core);
    const inContext = events.length === 0 ? await this.inContext(userExtId, n, exclude, context, filter) : undefined;
    if (inContext) return { ...inContext, ...outcome };
    // The mask may lag a change made by another process; the store's answer is final, and
    // an item it refuses is masked here too, so one retry gives a full list.
    for (let attempt = 0; ; attempt++) {
      const scored = await this.rank(userId, n + Math.max(10, n >> 1), exclude, { events, filter });
      const ids = new Set<number>([...scored.items, ...scored.reasons.filter((r) => r >= 0)]);
      const summaries = await this.summaries.of([...ids]);
      const items: RecommendedItem[] = [];
      let refused = 0;
      for (let r = 0; r < scored.items.length && items.length < n; r++) {
        const s = summaries.get(scored.items[r]);
        if (!s?.recommendable) {
          core.setUnavailable(scored.items[r], true);
          refused++;
          continue;
        }
        items.push({
          id: s.extId,
          title: s.title,
          score: Number(scored.scores[r].toPrecision(6)),
          reason: reasonOf(scored.reasons[r], scored.items[r], summaries),
        });
      }
      if (items.length < n && refused > 0 && attempt === 0) continue;
      return {
        user: userExtId ?? null,
        model_version: scored.version,
        recommendation_id: randomUUID(),
        personalized: items.some((i) => i.reason.type !== "popular"),
        items,
        ...outcome,
      };
    }
  }

  /**
   * A shopper with no events, in a known context (category, region, tier…): the context's
   * own popular items, topped up from global popularity (within the category filter, if
   * any). Undefined otherwise.
   */
  private async inContext(userExtId: string | undefined, n: number, exclude: number[], context: RequestContext, filter?: ItemFilter): Promise<Recommendation | undefined> {
    const model = this.model();
    if (!model.segments) return undefined;
    const known = userExtId === undefined ? undefined : (await this.store.users.get(userExtId))?.attributes;
    const keys = contextKeys({ category: context.category, attributes: { ...known, ...context.attributes } });
    const ranked = rankBySegments(model.segments, keys, n, new Set(exclude), (j) => !model.core.isUnavailable(j) && (!filter || filter.allows[j] === 1));
    if (ranked.items.length === 0) return undefined;
    const matched = keys.filter((k) => model.segments!.keys.includes(k));
    const shown = await this.present(ranked.items.map((item, r) => ({ item, score: ranked.scores[r] })), n);
    const items: RecommendedItem[] = shown.map(({ shown: s }) => ({ ...s, reason: { type: "popular_in", segments: matched } }));
    if (items.length < n) {
      const seen = new Set([...exclude, ...shown.map((s) => s.from.item)]);
      const fill = await this.rank(undefined, n - items.length, [...seen], { personal: false, filter });
      const summaries = await this.summaries.of(fill.items);
      fill.items.forEach((j, r) => {
        const s = summaries.get(j);
        if (s?.recommendable) items.push({ id: s.extId, title: s.title, score: Number(fill.scores[r].toPrecision(6)), reason: { type: "popular" } });
      });
    }
    return { user: userExtId ?? null, model_version: model.manifest.version, recommendation_id: randomUUID(), personalized: false, items };
  }

  /** `GET /items/:id/similar`: text neighbours and co-purchase neighbours, blended. */
  async similar(itemExtId: string, n: number, filters: ListFilters = {}): Promise<{ item: string; model_version: string; items: (FoundItem & { source: SimilarSource })[]; filter?: FilterOutcome }> {
    this.model();
    // A deleted item is unknown here as at GET /items/:id.
    const item = await this.store.items.liveIdOf(itemExtId);
    const prepared = await this.filters.prepare(filters);
    const model = this.model();
    if (item === undefined) throw notFound("unknown_item", `no item with id "${itemExtId}"`);
    const found = this.contentOf(model).similar(item, n + 10, admits(prepared, model.core));
    const outcome = outcomeOf(prepared.filter, model.core);
    return { item: itemExtId, model_version: model.manifest.version, items: (await this.present(found, n)).map(({ shown, from }) => ({ ...shown, source: from.source })), ...outcome };
  }

  /** `GET /search`: the items whose text is closest to the query, reordered by the shopper's taste. */
  async search(query: string, userExtId: string | undefined, n: number, filters: ListFilters = {}): Promise<{ query: string; user: string | null; model_version: string; items: FoundItem[]; filter?: FilterOutcome }> {
    const model = this.model();
    const content = this.contentOf(model);
    const embedder = await wordEmbedder(this.opts);
    if (!embedder || embedder.id !== content.wordModel) {
      throw new AppError(503, "embedding_model_changed", `the model was trained with text embeddings by ${content.wordModel}, not the configured ${embedder?.id ?? "none"}: retrain`);
    }
    const userId = userExtId === undefined ? undefined : await this.store.users.idOf(userExtId);
    const history = userId === undefined ? [] : (await this.history(userId)).map((e) => e.itemId);
    const prepared = await this.filters.prepare(filters);
    const outcome = outcomeOf(prepared.filter, model.core);
    const found = await content.search(query, embedder, n + 10, history, admits(prepared, model.core));
    return { query, user: userExtId ?? null, model_version: model.manifest.version, items: (await this.present(found, n)).map((p) => p.shown), ...outcome };
  }

  /** The shopper's newest events, as many as a request scores. */
  private history(userId: number): Promise<HistoryEvent[]> {
    return this.store.events.history(userId, this.opts.maxHistory);
  }

  /** What the shopper bought: read from their history when that is complete. */
  private async purchased(userId: number, history: HistoryEvent[]): Promise<number[]> {
    if (history.length >= this.opts.maxHistory) return this.store.events.purchasedItems(userId);
    return [...new Set(history.filter((e) => e.type === PURCHASE).map((e) => e.itemId))];
  }

  private contentOf(model: ActiveModel): ContentSearch {
    if (!model.content) throw new AppError(409, "no_content_model", "the model was trained without item texts (or with embeddingModel none): add titles and retrain");
    return model.content;
  }

  /** The first n recommendable of a scored list, with ids and titles. */
  private async present<T extends { item: number; score: number }>(found: T[], n: number): Promise<{ shown: FoundItem; from: T }[]> {
    const summaries = await this.summaries.of(found.map((f) => f.item));
    const out: { shown: FoundItem; from: T }[] = [];
    for (const f of found) {
      const s = summaries.get(f.item);
      if (s?.recommendable && out.length < n) out.push({ shown: { id: s.extId, title: s.title, score: Number(f.score.toPrecision(6)) }, from: f });
    }
    return out;
  }

  private model(): ActiveModel {
    if (!this.active) throw new AppError(503, "model_not_ready", "no trained model is loaded yet: run `tuijian train`");
    return this.active;
  }
}

/** Content neighbours a product posted after training gets (as training gives every item). */
const NEIGHBOURS_OF_LIVE_ITEM = 50;
