// The lists that start from text: items like this one (text neighbours and co-purchase
// neighbours, blended) and semantic search reordered by the shopper's taste. Both honour
// the request's filters and the rules' exclusions.
import type { HistoryEvent, Store } from "../store/types.js";
import type { ActiveModel } from "./active-model.js";
import type { ItemSummaries } from "./item-summaries.js";
import type { Rules } from "./rules/rules.js";
import { AppError, notFound } from "../errors.js";
import type { ContentSearch, SimilarSource } from "../content/content-search.js";
import { wordEmbedder, type EmbeddingConfig } from "../content/word-embedder.js";
import { admits, outcomeOf, type FilterOutcome, type ListFilters, type RequestFilters } from "./request-filters.js";

export interface FoundItem {
  id: string;
  title: string | null;
  score: number;
}

export interface SimilarList {
  item: string;
  model_version: string;
  items: (FoundItem & { source: SimilarSource })[];
  filter?: FilterOutcome;
}

export interface SearchList {
  query: string;
  user: string | null;
  model_version: string;
  items: FoundItem[];
  filter?: FilterOutcome;
}

export interface ContentListDeps {
  store: Store;
  filters: RequestFilters;
  rules: Rules;
  summaries: ItemSummaries;
  embedding: EmbeddingConfig;
  /** The model in use (throws while none is). */
  model(): ActiveModel;
  history(userId: number): Promise<HistoryEvent[]>;
}

export class ContentLists {
  constructor(private readonly d: ContentListDeps) {}

  async similar(itemExtId: string, n: number, filters: ListFilters): Promise<SimilarList> {
    this.d.model();
    // A deleted item is unknown here as at GET /items/:id.
    const item = await this.d.store.items.liveIdOf(itemExtId);
    const prepared = await this.d.filters.prepare(filters);
    const rules = await this.d.rules.for();
    const model = this.d.model();
    if (item === undefined) throw notFound("unknown_item", `no item with id "${itemExtId}"`);
    const found = contentOf(model).similar(item, n + 10, admits(prepared, model.core, rules?.allow));
    const outcome = outcomeOf(prepared.filter, model.core);
    return { item: itemExtId, model_version: model.manifest.version, items: (await this.present(found, n)).map(({ shown, from }) => ({ ...shown, source: from.source })), ...outcome };
  }

  async search(query: string, userExtId: string | undefined, n: number, filters: ListFilters): Promise<SearchList> {
    const model = this.d.model();
    const content = contentOf(model);
    const embedder = await this.embedderFor(content);
    const userId = userExtId === undefined ? undefined : await this.d.store.users.idOf(userExtId);
    const history = userId === undefined ? [] : (await this.d.history(userId)).map((e) => e.itemId);
    const prepared = await this.d.filters.prepare(filters);
    const rules = await this.d.rules.for();
    const outcome = outcomeOf(prepared.filter, model.core);
    const found = await content.search(query, embedder, n + 10, history, admits(prepared, model.core, rules?.allow));
    return { query, user: userExtId ?? null, model_version: model.manifest.version, items: (await this.present(found, n)).map((p) => p.shown), ...outcome };
  }

  /** The scenario placement's candidates: the items closest in text to the theme, those also closer to the shopper's own items moved up. */
  async themed(theme: string, history: number[], k: number, accept: (j: number) => boolean): Promise<{ item: number; score: number }[]> {
    const content = contentOf(this.d.model());
    return content.search(theme, await this.embedderFor(content), k, history, accept);
  }

  /** The word model the content side was trained with, as configured here. */
  private async embedderFor(content: ContentSearch) {
    const embedder = await wordEmbedder(this.d.embedding);
    if (!embedder || embedder.id !== content.wordModel) {
      throw new AppError(503, "embedding_model_changed", `the model was trained with text embeddings by ${content.wordModel}, not the configured ${embedder?.id ?? "none"}: retrain`);
    }
    return embedder;
  }

  /** The first n recommendable of a scored list, with ids and titles. */
  private async present<T extends { item: number; score: number }>(found: T[], n: number): Promise<{ shown: FoundItem; from: T }[]> {
    const summaries = await this.d.summaries.of(found.map((f) => f.item));
    const out: { shown: FoundItem; from: T }[] = [];
    for (const f of found) {
      const s = summaries.get(f.item);
      if (s?.recommendable && out.length < n) out.push({ shown: { id: s.extId, title: s.title, score: Number(f.score.toPrecision(6)) }, from: f });
    }
    return out;
  }
}

function contentOf(model: ActiveModel): ContentSearch {
  if (!model.content) throw new AppError(409, "no_content_model", "the model was trained without item texts (or with embeddingModel none): add titles and retrain");
  return model.content;
}
