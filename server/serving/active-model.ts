// A model version made ready to serve: its arrays laid out in a WASM scoring core, the
// content search and cold items over its text neighbours, its segment popularity.
import type { LoadedModel } from "../model-registry.js";
import { ScoringCore, type FactorCandidates, type FactorPrecision, type ScoringModel } from "../wasm/scoring-core.js";
import { filledArena, type FilledArena } from "../wasm/core-fill.js";
import type { ModelManifest } from "../../models/artefact.js";
import { CONTENT_FLOOR, servingModel, servingScoring, type HybridWeights, type ServingModel } from "../../models/hybrid.js";
import { segmentFromArrays, type SegmentPopularity } from "../../models/segment-popularity.js";
import { factorCandidates, NO_FACTOR_CANDIDATES } from "../factor-index.js";
import { ContentSearch } from "../content/content-search.js";
import { ColdItems } from "../content/cold-items.js";
import type { ItemNeighbours } from "../../models/item-knn.js";
import { shopperValues, type ShopperValues } from "../analytics/segments/shopper-values.js";
import { weightsByCode, type EventWeights } from "../../models/event-types.js";
import type { HistoryParams } from "../../models/history.js";
import { DEFAULT_HISTORY_HALF_LIFE_DAYS } from "../training/hybrid-fit.js";

export interface ActiveModelOptions {
  /** Events read per request: the history this model scores is at most as long. */
  maxHistory: number;
  /** Set: overrides the half-life the model was trained with. */
  historyHalfLifeDays?: number;
  eventWeights: EventWeights;
  maxResults: number;
  annCandidates: number;
  annEf: number;
  factorPrecision: FactorPrecision;
}

export interface ActiveModel {
  manifest: ModelManifest;
  core: ScoringCore;
  /** The hybrid's weights, fitted at training. */
  weights: HybridWeights;
  /** How a shopper's events become the history it scores: fitted at training unless the config sets them. */
  historyParams: HistoryParams;
  factorAlpha: number;
  /** Popularity per category and user-attribute segment (absent in older models). */
  segments?: SegmentPopularity;
  /** Similar items and search; absent when the model was trained without item texts. */
  content?: ContentSearch;
  /** The last item embedding the content side has (see syncContent). */
  contentSeq: number;
  /** Items without events, scored from the known items their text is closest to. */
  cold: ColdItems;
  /** What explanations read: each item-to-item source as trained (row j: what predicts j) with its weight, and popularity. */
  sources: { name: "item_knn" | "linear" | "text"; matrix: ItemNeighbours; weight: number }[];
  recencyWeight: number;
  /** Each item's popularity compensation factor, which multiplies its item-to-item parts (absent: 1). */
  compensation?: Float32Array;
  popScores: Float32Array;
  /** Rising popularity (models/trending.ts); absent in models trained before it. */
  trending?: { scores: Float32Array; order: Int32Array };
  /** Each shopper's segment, scores, churn risk and lifetime value as of training; absent in models trained before them. */
  shopperValues?: ShopperValues;
}

/** @param unrecommendable items deleted or out of stock in the store now. */
export function activeModel(loaded: LoadedModel, unrecommendable: number[], opts: ActiveModelOptions, filled?: FilledArena): ActiveModel {
  const { manifest, artefacts, indexes } = loaded;
  const model = servingModel(manifest, artefacts, loaded.scoring);
  const core = new ScoringCore(scoringModelOf(loaded, model, opts), limitsOf(opts), "release", candidatesOf(loaded, opts), filled);
  for (const id of unrecommendable) core.setUnavailable(id, true);
  const cp = manifest.params.content;
  const w = model.weights;
  // Models trained before content-lexical.bin kept the n-gram state beside the vectors.
  const lexical = (artefacts.contentLexical ?? artefacts.contentVectors)?.lexical as Float32Array | undefined;
  const content = cp && indexes.content && lexical
    ? new ContentSearch({
        index: indexes.content, dim: cp.dim, wordModel: cp.wordModel, wordWeight: cp.wordWeight, lexical,
        coPurchase: { n: model.scoring.n, rowPtr: artefacts.itemKnn.rowPtr as Int32Array, cols: artefacts.itemKnn.cols as Int32Array, sims: artefacts.itemKnn.sims as Float32Array },
        weights: similarWeights(manifest) ?? { coPurchase: w.itemKnn, content: Math.max(w.content, CONTENT_FLOOR * Math.max(w.itemKnn, w.linear)) },
      })
    : undefined;
  const segmentKeys = manifest.params.segmentKeys;
  const segments = segmentKeys && artefacts.segmentPopularity ? segmentFromArrays(segmentKeys, artefacts.segmentPopularity) : undefined;
  const contentSeq = cp?.embeddingSeq ?? 0;
  const cold = new ColdItems(model.content, model.isCold);
  const csr = (a: Record<string, unknown>): ItemNeighbours => ({ n: model.scoring.n, rowPtr: a.rowPtr as Int32Array, cols: a.cols as Int32Array, sims: a.sims as Float32Array });
  const sources: ActiveModel["sources"] = [{ name: "item_knn", matrix: csr(artefacts.itemKnn), weight: w.itemKnn }];
  if (artefacts.linear) sources.push({ name: "linear", matrix: csr(artefacts.linear), weight: w.linear });
  if (model.content) sources.push({ name: "text", matrix: model.content, weight: Math.max(w.content, CONTENT_FLOOR * Math.max(w.itemKnn, w.linear)) });
  return {
    manifest, core, weights: model.weights, historyParams: historyParamsOf(manifest, opts), factorAlpha: model.factors?.alpha ?? 0, content, contentSeq, cold, segments,
    sources: sources.filter((s) => s.weight !== 0), recencyWeight: w.recency, compensation: model.compensation, popScores: model.popularity.scores,
    trending: artefacts.trending && { scores: artefacts.trending.scores as Float32Array, order: artefacts.trending.order as Int32Array },
    shopperValues: shopperValues(artefacts.shopperValue, manifest.params.shopperValue),
  };
}

/**
 * The same, for a serving process switching models under traffic: the scoring core's
 * arrays are written a slice at a time, each turn of the event loop letting requests
 * through (wasm/core-fill.ts), and the scoring matrix is summed once; `unrecommendable`
 * is read when they are in.
 */
export async function activeModelInSlices(loaded: LoadedModel, unrecommendable: () => Promise<number[]>, opts: ActiveModelOptions): Promise<ActiveModel> {
  const summed = { ...loaded, scoring: loaded.scoring ?? servingScoring(loaded.manifest, loaded.artefacts) };
  const model = scoringModelOf(summed, servingModel(summed.manifest, summed.artefacts, summed.scoring), opts);
  const filled = await filledArena(model, limitsOf(opts), "release", candidatesOf(summed, opts), () => new Promise((resolve) => setImmediate(resolve)));
  // Read after the slices: an item deleted meanwhile reached only the model in use.
  return activeModel(summed, await unrecommendable(), opts, filled);
}

/** What the scoring core holds of a model. */
function scoringModelOf(loaded: LoadedModel, model: ServingModel, opts: ActiveModelOptions): ScoringModel {
  return {
    ...model.scoring, popOrder: model.popularity.order, popScores: model.popularity.scores,
    factors: model.factors && { ...model.factors, precision: opts.factorPrecision, gram: loaded.factorGram },
  };
}

/** Room to over-fetch: the store has the last word on what may be shown. */
const limitsOf = (opts: ActiveModelOptions) => ({ maxHistory: opts.maxHistory, maxResults: 2 * opts.maxResults + 10 });

/**
 * Where the factor part's items beyond the shopper's history come from: the factor index;
 * none on a catalogue large enough for one where training found they change no list
 * (params.factorSearch); without either, every item is scored.
 */
export function candidatesOf({ manifest, indexes }: LoadedModel, opts: ActiveModelOptions): FactorCandidates | undefined {
  if (indexes.factors) return factorCandidates(indexes.factors, opts.annCandidates, opts.annEf);
  return manifest.params.factorSearch?.needed === false && manifest.stats.items >= manifest.params.annMinItems ? NO_FACTOR_CANDIDATES : undefined;
}

/** The history the model was fitted for (Infinity: no decay), within what the config allows. */
function historyParamsOf(manifest: ModelManifest, opts: ActiveModelOptions): HistoryParams {
  const fitted = manifest.params.history;
  const halfLife = opts.historyHalfLifeDays ?? (fitted ? fitted.historyHalfLifeDays ?? Infinity : DEFAULT_HISTORY_HALF_LIFE_DAYS);
  return {
    maxHistory: Math.min(opts.maxHistory, fitted?.maxHistory ?? opts.maxHistory), historyHalfLifeDays: halfLife, dislikeWeight: fitted?.dislikeWeight ?? 0,
    weightsByCode: weightsByCode(opts.eventWeights),
  };
}

/** The weights fitted for similar items at training (train.ts params.similar); older models had none. */
function similarWeights(manifest: ModelManifest): { coPurchase: number; content: number } | undefined {
  const fitted = manifest.params.similar;
  return fitted ? { coPurchase: fitted.coPurchase, content: fitted.content } : undefined;
}
