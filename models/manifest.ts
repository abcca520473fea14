// The model manifest as one schema: what training writes and serving reads, parameters
// per source, the named artefacts and indexes. Loading parses it (no casts downstream);
// every change of what a manifest holds bumps FORMAT_VERSION. Older versions still read
// are listed in READABLE_VERSIONS: the fields they lack are optional, with the meaning
// serving gives their absence.
import { z } from "zod";
import { SEGMENT_NAMES } from "./rfm.js";

export const FORMAT = "tuijian-model";
/**
 * 2: the fitted history (params.history), the linear model's form, the validation protocol and search.
 * 3: the fitted weight of dislikes (params.history.dislikeWeight; absent before: 0, dislikes ignored).
 * 4: popularity compensation (params.hybrid.compensation and the "compensation" artefact; absent before: none).
 * 5: the neighbour form's neighbourhood size (params.linear.neighbours, the search's linearNeighbours; absent before: params.neighbours).
 */
export const FORMAT_VERSION = 5;
const READABLE_VERSIONS = [1, 2, 3, 4, 5];

const count = z.number().int().min(0);
const finite = z.number().finite();
/** A half-life in days; null: no decay. */
const halfLife = z.number().positive().nullable();

const arrayEntry = z.object({ dtype: z.enum(["int32", "float32"]), offset: count, length: count });
const artefactEntry = z.object({ file: z.string(), bytes: count, sha256: z.string(), arrays: z.record(z.string(), arrayEntry) });
/** A vector index stored with the model (server/ann/index-file.ts writes and checks it). */
const indexFileEntry = z.object({
  format: z.literal("tuijian-vector-index"), formatVersion: count, kind: z.enum(["hnsw", "exact"]), dim: count, metric: z.enum(["ip", "cosine"]),
  size: count, M: count.optional(), efConstruction: count.optional(), ef: count.optional(), seed: z.number().int().optional(),
  file: z.string(), bytes: count, sha256: z.string(),
});

const hybridWeights = z.object({
  itemKnn: finite, linear: finite, factors: finite, popularity: finite,
  // Models trained before the text and recency sources had no weight for them.
  content: finite.default(0), recency: finite.default(0),
  // α of the popularity compensation (artefact "compensation"); absent before version 4: none.
  compensation: finite.default(0),
});

const linear = z.union([
  z.object({
    lambdaScale: finite, lambda: finite, form: z.enum(["exact", "neighbours"]).default("neighbours"), keep: count.optional(),
    // Regressors per item of the neighbour form; absent before version 5: params.neighbours.
    neighbours: count.optional(),
  }),
  // Version 1 skipped the linear model above its memory budget.
  z.object({ skipped: z.string().optional() }),
]);

const factors = z.object({ f: count, iterations: count, alpha: finite, lambda: finite, cgSteps: count }).nullable();

const content = z
  .object({ wordModel: z.string(), dim: count, wordWeight: finite, items: count, embeddingSeq: count.default(0) })
  .nullable()
  .default(null);

const setting = z.object({
  historyHalfLifeDays: halfLife, maxHistory: count, dislikeWeight: finite.default(0), popularityHalfLifeDays: halfLife,
  linearLambdaScale: finite, linearForm: z.enum(["exact", "neighbours"]), linearNeighbours: count.optional(), recall: finite, coverage: finite,
});

const fit = z
  .object({
    protocol: z.enum(["time", "random-user", "time+random-user"]).default("time"),
    multiDayShare: finite.optional(),
    cutoff: z.string().nullable(),
    cases: count,
    casesByProtocol: z.object({ time: count, randomUser: count }).optional(),
    recall: finite, bestRecall: finite, ndcg: finite.optional(), coverage: finite, rounds: count,
    searched: z.array(setting).optional(),
  })
  .nullable();

const similar = z
  .object({ coPurchase: finite, content: finite, hitRate: finite, contentOnly: finite, coPurchaseOnly: finite, pairs: count, k: count })
  .passthrough()
  .nullable()
  .default(null);

const history = z.object({ maxHistory: count, historyHalfLifeDays: halfLife, dislikeWeight: finite.default(0), popularityHalfLifeDays: halfLife });

const bgNbd = z.object({ r: finite, alpha: finite, a: finite, b: finite });
const gammaGamma = z.object({ p: finite, q: finite, v: finite });
const shopperValue = z.object({
  asOf: z.string(), shoppers: count, churnDays: count, clvDays: count,
  bgNbd: bgNbd.nullable(), gammaGamma: gammaGamma.nullable(),
  thresholds: z.object({
    newWithinDays: finite, newMaxPurchaseDays: finite, lostAfterDays: finite, atRiskAfterDays: finite, atRiskChurn: finite,
    highValueMinMonetary: finite, highFrequencyMinFrequency: finite,
  }),
  segments: z.record(z.enum(SEGMENT_NAMES), z.object({ shoppers: count, spend: finite })),
});

const params = z.object({
  neighbours: count,
  maxUserItems: count,
  eventWeights: z.record(z.string(), finite),
  /** Absent before version 2: the history and popularity decay were the config's. */
  history: history.optional(),
  linear,
  factors,
  annMinItems: count,
  /**
   * Whether the factors' items beyond the shopper's history changed the validation lists
   * (train measures the fitted blend with and without them). needed false: a server
   * searches no factor index (none is built) and scores the factor part of the items the
   * history reaches. Absent (not measured): searched, as before.
   */
  factorSearch: z.object({ needed: z.boolean(), recall: finite, recallWithout: finite }).nullable().optional(),
  segmentKeys: z.array(z.string()).optional(),
  content,
  hybrid: hybridWeights,
  fit,
  similar,
  shopperValue: shopperValue.optional(),
});

const stats = z.object({
  events: count, users: count, items: count, neighbourPairs: count, linearWeights: count,
  latestEventTs: finite, decayReferenceTs: finite, trainMs: count,
});

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int(),
  version: z.string(),
  createdAt: z.string(),
  /** The store the model was trained on; a model is never served against another store. */
  storeId: z.string(),
  seed: z.number().int(),
  params,
  stats,
  artefacts: z.record(z.string(), artefactEntry),
  /** Nearest-neighbour indexes, by name ("factors": HNSW over the item factors). */
  indexes: z.record(z.string(), indexFileEntry).default({}),
});

export type ModelManifest = z.output<typeof manifestSchema>;
/** What training writes (defaults not yet applied). */
export type ManifestInput = z.input<typeof manifestSchema>;
export type ModelParams = ModelManifest["params"];
export type ArtefactEntry = z.output<typeof artefactEntry>;
export type IndexFileEntry = z.output<typeof indexFileEntry>;
export type ArrayEntry = z.output<typeof arrayEntry>;
export type ShopperValueManifest = z.output<typeof shopperValue>;

export class ArtefactError extends Error {}

/** A manifest read from disk, parsed: the first problem named, with its path. */
export function checkManifest(m: unknown): ModelManifest {
  const head = m as { format?: unknown; formatVersion?: unknown } | null;
  if (head?.format !== FORMAT) throw new ArtefactError("not a tuijian model manifest");
  if (!READABLE_VERSIONS.includes(head.formatVersion as number)) {
    throw new ArtefactError(`model format version ${String(head.formatVersion)}; this tuijian reads versions ${READABLE_VERSIONS.join(", ")}: retrain`);
  }
  const parsed = manifestSchema.safeParse(m);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ArtefactError(`model manifest: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}
