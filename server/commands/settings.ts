// Which settings each command reads, by group. The training and scoring groups are
// checked against the types of what train() and the Recommender take, so a setting
// either starts to read fails to compile until it is listed here (and so in --help).
import type { ConfigKey } from "../config.js";
import type { TrainConfig } from "../train.js";
import type { RecommenderOptions } from "../recommender.js";

/** Every key of T, as a list: a key T has and the list lacks is a compile error naming it. */
const everyKey =
  <T>() =>
  <const K extends readonly (keyof T & ConfigKey)[]>(keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { missing: Exclude<keyof T, K[number]> })) =>
    keys;

/** Where the store and the models are: every command that opens them. */
export const STORE = ["dataDir", "store", "modelsDir"] as const satisfies readonly ConfigKey[];

export const LOGGING = ["logLevel"] as const satisfies readonly ConfigKey[];

export const TRAINING = everyKey<TrainConfig>()([
  "neighbours", "maxUserItems", "popularityHalfLifeDays", "eventWeights", "seed", "keepModels",
  "hybridWeights", "validationProtocol", "validationShare", "validationUsers", "maxHistory", "historyHalfLifeDays", "defaultResults",
  "linearLambdaScale", "linearNeighbours", "linearMaxBytes", "linearDenseMaxItems", "linearKeep",
  "factors", "factorIterations", "factorAlpha", "factorLambda", "factorCgSteps", "recallTolerance",
  "annMinItems", "annSearch", "annMinGain", "hnswM", "hnswEfConstruction", "hnswEf",
  "embeddingModel", "embeddingModelsDir", "embeddingAllowRemote", "embeddingWordWeight",
  "segmentThresholds", "churnHorizonDays", "clvHorizonDays",
]);

/** What the Recommender reads to rank for a shopper. */
export const SCORING = everyKey<RecommenderOptions>()([
  "maxHistory", "maxResults", "listCacheSize", "listCacheMinReusePercent", "listCacheWarmup", "anonymousListCacheSize", "historyCacheEvents", "shopperIdCache", "historyHalfLifeDays", "eventWeights", "annCandidates", "annEf", "factorPrecision",
  "embeddingModel", "embeddingModelsDir", "embeddingAllowRemote",
]);

/** What only a server reads: HTTP, keys' rates, workers, polling, the demo on first start. */
export const SERVING = [
  "port", "host", "corsOrigins", "rateLimitRead", "rateLimitWrite", "rateLimitAdmin", "rateLimitBurstSeconds",
  "eventFutureToleranceHours", "eventRetentionDays", "recordServedLists", "attributionWindowHours", "storeBusyTimeoutMs", "storeReadAhead", "logShopperIds", "metricsOpenOnLoopback",
  "workers", "workerHeapMb", "heapGrowthPercent", "sharedListCacheMb", "sharedHistoryMb", "demo", "modelPollMs", "defaultResults", "maxBodyBytes", "maxBatch", "trainEvery", "trainAfterEvents",
] as const satisfies readonly ConfigKey[];

/** The groups as one list, each setting once. */
export const settings = (...groups: (readonly ConfigKey[])[]): readonly ConfigKey[] => [...new Set(groups.flat())];
