// What the recommendation service (recommender.ts) reads of the configuration.
import type { EmbeddingConfig } from "./content/word-embedder.js";
import type { EventWeights } from "../models/event-types.js";
import type { FactorPrecision } from "./wasm/scoring-core.js";

export interface RecommenderOptions extends EmbeddingConfig {
  maxHistory: number;
  maxResults: number;
  /** Lists kept until something that shaped them changes (serving/list-cache.ts); 0 keeps none. */
  listCacheSize: number;
  /** Hits per 100 kept lists below which few of the lists made are kept (serving/list-admission.ts); 0 keeps every one. */
  listCacheMinReusePercent: number;
  /** The same for shoppers the store does not know, one list per request shape shared by all of them. */
  anonymousListCacheSize: number;
  /** Kept lists made again in the background when a new model loads, the most recently asked-for first; 0 makes none. */
  listCacheWarmup: number;
  /** Events of shoppers' recent histories held in memory (serving/shopper-histories.ts); 0 holds none. */
  historyCacheEvents: number;
  /** Shoppers' ids held in memory (serving/shopper-ids.ts); 0 holds none. */
  shopperIdCache: number;
  historyHalfLifeDays?: number;
  eventWeights: EventWeights;
  /** Factor candidates per request when the model has a factor index. */
  annCandidates: number;
  /** HNSW search effort for them. */
  annEf: number;
  factorPrecision: FactorPrecision;
}
