// `tuijian train`: one streaming pass over the store's events feeds every model builder
// — the models on all data, and the same models on the data before a validation cutoff
// with the validation cases after it, on which the hybrid's weights are fitted — then
// the artefacts are published as a new model version (see model-registry.ts).
import type { Config } from "./config.js";
import type { Store } from "./store/types.js";
import { loadSegments } from "./segments.js";
import type { ModelRegistry } from "./model-registry.js";
import { silentProgress, type Progress } from "./platform/progress.js";
import { weightsByCode } from "../models/event-types.js";
import { UserItemBuilder } from "../models/user-items.js";
import { OUTLIER_SHARE, PopularityBuilder } from "../models/popularity.js";
import { SegmentPopularityBuilder, segmentArrays } from "../models/segment-popularity.js";
import { TrendingBuilder } from "../models/trending.js";
import { shopperValueBuilder } from "./training/shopper-values.js";
import { pinnedVersions } from "./analytics/experiments/experiments.js";
import { scoringSources, type HybridWeights, type SparseSource } from "../models/hybrid.js";
import { ValidationCollector, ValidationSplit } from "../models/validation.js";
import { validationPlan } from "./training/validation-plan.js";
import type { HybridFit } from "../models/hybrid-search.js";
import { fitValidation, historyGrid, DEFAULT_POPULARITY_HALF_LIFE_DAYS } from "./training/hybrid-fit.js";
import type { SimilarFit } from "../models/similar-fit.js";
import { itemModels } from "./training/item-models.js";
import { compensationScale } from "../models/compensation.js";
import { encodeArtefact, FORMAT, FORMAT_VERSION, type ArtefactEntry, type IndexFileEntry, type ModelManifest } from "../models/artefact.js";
import { factorIndexFile } from "./factor-index.js";
import { contentAside } from "./content/content-thread.js";
import type { BuiltContent, ContentParams } from "./content/content-model.js";
import { wordEmbedder } from "./content/word-embedder.js";
import { embedItems } from "./content/embed-items.js";

const DAY_MS = 86_400_000;

export type TrainConfig = Pick<
  Config,
  | "neighbours" | "maxUserItems" | "popularityHalfLifeDays" | "eventWeights" | "seed" | "keepModels"
  | "hybridWeights" | "validationProtocol" | "validationShare" | "validationUsers" | "maxHistory" | "historyHalfLifeDays" | "defaultResults"
  | "linearLambdaScale" | "linearNeighbours" | "linearMaxBytes" | "linearDenseMaxItems" | "linearKeep"
  | "factors" | "factorIterations" | "factorAlpha" | "factorLambda" | "factorCgSteps" | "recallTolerance"
  | "annMinItems" | "annSearch" | "annMinGain" | "hnswM" | "hnswEfConstruction" | "hnswEf"
  | "embeddingModel" | "embeddingModelsDir" | "embeddingAllowRemote" | "embeddingWordWeight"
  | "segmentThresholds" | "churnHorizonDays" | "clvHorizonDays"
>;

export type MakeProgress = (label: string, unit?: string) => Progress;

/**
 * A full training run: embeds the items whose text is new or changed (unless embeddings
 * are off), then trains every model with the content source.
 */
export async function train(store: Store, registry: ModelRegistry, config: TrainConfig, makeProgress: MakeProgress = silentProgress): Promise<ModelManifest> {
  const embedder = await wordEmbedder(config);
  if (embedder) await embedItems(store, embedder, { progress: makeProgress("embedding item texts", "items") });
  return await trainModels(store, registry, config, makeProgress, embedder);
}

/** Trains on the store's events; with a word model, also on the item texts it embedded. */
export async function trainModels(
  store: Store, registry: ModelRegistry, config: TrainConfig, makeProgress: MakeProgress = silentProgress, wordModel?: { id: string; dim: number },
): Promise<ModelManifest> {
  const started = Date.now();
  const numItems = (await store.items.maxId()) + 1;
  const embeddingSeq = await store.embeddings.maxSeq();
  // Built beside the reading of the events and the item-kNN and iALS models
  // (content-thread.ts), awaited where the fit or the full models need it; a failure
  // fails the run there.
  const contentBar = wordModel && makeProgress("content model", "items");
  const aside = wordModel && contentAside(store, numItems, wordModel, contentParams(config), (i) => contentBar!.tick(i, numItems));
  let contentDone: Promise<BuiltContent | undefined> | undefined;
  const builtContent = () => (contentDone ??= aside ? aside.built().then((built) => (contentBar!.done(numItems), built)) : Promise.resolve(undefined));
  const byCode = weightsByCode(config.eventWeights);
  const profile = await store.events.timeProfile(config.validationShare, OUTLIER_SHARE);
  // Popularity decays from a robust "now": one event dated 2999 must not age all others.
  const reference = profile.reference ?? Date.now();
  const fixed = config.hybridWeights === "auto" ? undefined : config.hybridWeights;
  // Fixed weights need no validation split, so nothing is trained twice.
  const plan = fixed ? undefined : await validationPlan(store, profile, config);
  const split = plan && new ValidationSplit(plan);

  const { grid, start } = historyGrid(config);
  const builders = (decayFrom: number) => ({
    users: new UserItemBuilder({ numItems, weightsByCode: byCode, maxUserItems: config.maxUserItems }),
    // Without decay too: popularity compensation is reckoned from it.
    popularity: new Map([...new Set([...grid.popularityHalfLifeDays, Infinity])].map((days) => [days, new PopularityBuilder(numItems, byCode, days * DAY_MS, decayFrom)])),
  });
  const all = builders(reference);
  let early = split && builders(Math.min(split.cutoff, reference));
  const validation = split && new ValidationCollector(split, config.validationUsers, { ...start, factorAlpha: config.factorAlpha, weightsByCode: byCode });

  // Popularity within each category and user-attribute segment, for shoppers without history.
  const segments = await loadSegments(store, { userAttributes: "auto" });
  const trending = new TrendingBuilder(numItems, byCode, reference);
  const values = await shopperValueBuilder(store, numItems, reference);
  const segmentPop = new SegmentPopularityBuilder({ numItems, weightsByCode: byCode, halfLifeMs: (config.popularityHalfLifeDays ?? DEFAULT_POPULARITY_HALF_LIFE_DAYS) * DAY_MS, referenceTs: reference });

  const read = makeProgress("reading events", "events");
  let events = 0;
  for await (const page of store.events.byUser()) {
    for (const [user, item, type, value, ts] of page) {
      all.users.add(user, item, type, value, ts);
      for (const pop of all.popularity.values()) pop.add(item, type, value, ts);
      trending.add(item, type, value, ts);
      values.add(user, item, type, value, ts);
      segmentPop.add(segments.userSegments(user), item, type, value, ts);
      segmentPop.add(segments.itemSegments(item), item, type, value, ts);
      if (early && split!.trains(user, item, ts)) {
        early.users.add(user, item, type, value, ts);
        for (const pop of early.popularity.values()) pop.add(item, type, value, ts);
      }
      validation?.add(user, item, type, value, ts);
    }
    events += page.length;
    read.tick(events);
  }
  read.done(events);

  let fitting: HybridFit | undefined;
  let similar: SimilarFit | undefined;
  const cases = validation?.build() ?? [];
  if (early && cases.length > 0) {
    const pops = early.popularity;
    ({ fitting, similar } = await fitValidation(early.users.build(), (days) => pops.get(days)!.build(), cases, config, byCode, builtContent, makeProgress));
  }
  const fit = fitting?.blend;
  const history = fitting?.history ?? start;

  // The validation models are done with: let their memory go before the full ones grow.
  early = undefined;
  const matrix = all.users.build();
  const pop = all.popularity.get(history.popularityHalfLifeDays)!.build();
  const trained = itemModels(matrix, config, makeProgress, "", { widest: history.linearNeighbours });
  const content = await builtContent();
  const full = trained.withContent(content);
  const models = full.at(history.linearLambdaScale, full.forms.includes(history.linearForm) ? history.linearForm : full.forms[0], history.linearNeighbours);
  // Without validation data (a tiny or brand-new shop): equal weights for the models,
  // and the shopper's own items not brought back.
  const fitted = (name: SparseSource, fallback: number) => {
    const at = scoringSources(models).findIndex((s) => s.name === name);
    return at < 0 ? 0 : fit?.weights[at] ?? fallback;
  };
  const weights: HybridWeights = fixed ?? {
    itemKnn: fitted("itemKnn", 1),
    linear: fitted("linear", 1),
    content: fitted("content", 1),
    recency: fitted("recency", 0),
    factors: models.factors ? fit?.dense ?? 1 : 0,
    popularity: fit?.blend ?? 0.1,
    compensation: fit?.compensation ?? 0,
  };

  const artefacts: Record<string, ArtefactEntry> = {};
  const files: Record<string, Buffer> = {};
  const add = (name: string, file: string, arrays: Record<string, Int32Array | Float32Array>) => {
    const { entry, data } = encodeArtefact(file, arrays);
    artefacts[name] = entry;
    files[file] = data;
  };
  add("itemKnn", "item-knn.bin", { rowPtr: models.knn.rowPtr, cols: models.knn.cols, sims: models.knn.sims });
  if (models.linear) add("linear", "linear-item.bin", { rowPtr: models.linear.rowPtr, cols: models.linear.cols, sims: models.linear.sims });
  if (models.factors) add("factors", "factors.bin", { items: models.factors.items });
  add("popularity", "popularity.bin", { scores: pop.scores, order: pop.order });
  if (weights.compensation > 0) add("compensation", "compensation.bin", { scale: compensationScale(all.popularity.get(Infinity)!.build().scores, weights.compensation) });
  const rising = trending.build();
  add("trending", "trending.bin", { scores: rising.scores, order: rising.order });
  const shopperValue = values.build({ thresholds: config.segmentThresholds, churnDays: config.churnHorizonDays, clvDays: config.clvHorizonDays });
  add("shopperValue", "shopper-value.bin", shopperValue.arrays);
  const segmentPopularity = segmentPop.build(segments.keys);
  add("segmentPopularity", "segment-popularity.bin", segmentArrays(segmentPopularity));
  const indexes: Record<string, IndexFileEntry> = {};
  if (content) {
    add("content", "content-neighbours.bin", { rowPtr: content.neighbours.rowPtr, cols: content.neighbours.cols, sims: content.neighbours.sims });
    // The vectors themselves are in the index: serving reads them from there.
    add("contentLexical", "content-lexical.bin", { lexical: content.lexical });
    indexes.content = content.index.entry;
    const { data } = content.index;
    files[content.index.entry.file] = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  // Where validation found the factors' items beyond the history change no list, a server
  // searches no index: none is built (unless the config asks for it always).
  const measured = fitting?.denseReach;
  const factorSearch = measured ? { ...measured, needed: measured.needed || config.annSearch === "always" } : null;
  if (models.factors && numItems >= config.annMinItems && factorSearch?.needed !== false) {
    const bar = makeProgress("factor index (HNSW)", "items");
    const { entry, data } = factorIndexFile(models.factors, config, (i) => bar.tick(i, numItems));
    indexes.factors = entry;
    files[entry.file] = data;
    bar.done(numItems);
  }

  const manifest: ModelManifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    version: registry.nextVersion(),
    createdAt: new Date().toISOString(),
    storeId: store.id,
    seed: config.seed,
    params: {
      neighbours: config.neighbours,
      maxUserItems: config.maxUserItems,
      // Infinity (no decay) is written as null.
      history: {
        maxHistory: history.maxHistory, historyHalfLifeDays: finite(history.historyHalfLifeDays), dislikeWeight: history.dislikeWeight,
        popularityHalfLifeDays: finite(history.popularityHalfLifeDays),
      },
      eventWeights: config.eventWeights,
      linear: { lambdaScale: history.linearLambdaScale, lambda: models.linear!.lambda, form: models.linear!.form, keep: config.linearKeep, neighbours: models.linear!.neighbours },
      factors: models.factors
        ? { f: config.factors, iterations: config.factorIterations, alpha: config.factorAlpha, lambda: config.factorLambda, cgSteps: config.factorCgSteps }
        : null,
      annMinItems: config.annMinItems,
      factorSearch,
      segmentKeys: segmentPopularity.keys,
      content: content
        ? { wordModel: wordModel!.id, dim: content.dim, wordWeight: config.embeddingWordWeight, items: content.items, embeddingSeq }
        : null,
      hybrid: weights,
      fit: fit
        ? { protocol: plan!.protocol, multiDayShare: plan!.multiDayShare, searched: fitting!.tried, cutoff: plan!.cutoff === undefined ? null : new Date(plan!.cutoff).toISOString(), cases: fit.cases, casesByProtocol: validation!.counts(), recall: fit.recall, bestRecall: fit.bestRecall, ndcg: fit.ndcg, coverage: fit.coverage, rounds: fit.rounds }
        : null,
      similar: similar ? { coPurchase: 1, ...similar } : null,
      shopperValue: shopperValue.params,
    },
    stats: {
      events,
      users: matrix.userPtr.length - 1,
      items: numItems,
      neighbourPairs: models.knn.cols.length,
      linearWeights: models.linear?.cols.length ?? 0,
      latestEventTs: profile.latest ?? reference,
      decayReferenceTs: reference,
      trainMs: Date.now() - started,
    },
    artefacts,
    indexes,
  };
  const version = registry.publish(manifest, files, config.keepModels, await pinnedVersions(store));
  return { ...manifest, version };
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** The content model's settings alone: what its thread is sent. */
const contentParams = (c: TrainConfig): ContentParams => ({
  neighbours: c.neighbours, embeddingWordWeight: c.embeddingWordWeight, annMinItems: c.annMinItems,
  hnswM: c.hnswM, hnswEfConstruction: c.hnswEfConstruction, hnswEf: c.hnswEf, seed: c.seed,
});
