// `tuijian train`: one streaming pass over the store's events feeds every model builder
// — the models on all data, and the same models on the data before a validation cutoff
// with the validation cases after it, on which the popularity blend is fitted — then the
// artefacts are published as a new model version (see model-registry.ts).
import type { Config } from "./config.js";
import type { Store } from "./store/store.js";
import type { ModelRegistry } from "./model-registry.js";
import { silentProgress, type Progress } from "./progress.js";
import { weightsByCode } from "../models/event-types.js";
import { UserItemBuilder, type UserItemMatrix } from "../models/user-items.js";
import { PopularityBuilder } from "../models/popularity.js";
import { candidateSideMatrix, trainItemKnn } from "../models/item-knn.js";
import { ValidationCollector } from "../models/validation.js";
import { fitPopularityBlend, type BlendFit } from "../models/blend-fit.js";
import { encodeArtefact, FORMAT, FORMAT_VERSION, type ModelManifest } from "../models/artefact.js";

const DAY_MS = 86_400_000;

export type TrainConfig = Pick<
  Config,
  | "neighbours" | "maxUserItems" | "popularityHalfLifeDays" | "eventWeights" | "seed" | "keepModels"
  | "popularityBlend" | "validationShare" | "validationUsers" | "maxHistory" | "historyHalfLifeDays" | "defaultResults"
>;

type MakeProgress = (label: string, unit?: string) => Progress;

export function trainModels(store: Store, registry: ModelRegistry, config: TrainConfig, makeProgress: MakeProgress = silentProgress): ModelManifest {
  const started = Date.now();
  const numItems = store.items.maxId() + 1;
  const byCode = weightsByCode(config.eventWeights);
  const latest = store.events.latestTs() ?? Date.now();
  const cutoff = config.popularityBlend === "auto" ? store.events.timeQuantileDay(config.validationShare) : undefined;

  const builders = (reference: number) => ({
    users: new UserItemBuilder({ numItems, weightsByCode: byCode, maxUserItems: config.maxUserItems }),
    popularity: new PopularityBuilder(numItems, byCode, config.popularityHalfLifeDays * DAY_MS, reference),
  });
  const all = builders(latest);
  const early = cutoff === undefined ? undefined : builders(cutoff);
  const validation = cutoff === undefined ? undefined
    : new ValidationCollector(cutoff, config.validationUsers, config.seed, { ...config, weightsByCode: byCode });

  const read = makeProgress("reading events", "events");
  let events = 0;
  for (const [user, item, type, value, ts] of store.events.byUser()) {
    all.users.add(user, item, type, value, ts);
    all.popularity.add(item, type, value, ts);
    if (early && ts < cutoff!) {
      early.users.add(user, item, type, value, ts);
      early.popularity.add(item, type, value, ts);
    }
    validation?.add(user, item, type, value, ts);
    if ((++events & 65535) === 0) read.tick(events);
  }
  read.done(events);

  let fit: BlendFit | undefined;
  if (early && validation) {
    const cases = validation.build();
    if (cases.length > 0) {
      const knn = neighbours(early.users.build(), config, makeProgress, "validation: item-to-item neighbours");
      fit = fitPopularityBlend(candidateSideMatrix(knn), early.popularity.build(), cases, config.defaultResults);
    }
  }
  const blend = typeof config.popularityBlend === "number" ? config.popularityBlend : fit?.blend ?? 0.1;

  const matrix = all.users.build();
  const pop = all.popularity.build();
  const knn = neighbours(matrix, config, makeProgress, "item-to-item neighbours");

  const itemKnn = encodeArtefact("item-knn.bin", { rowPtr: knn.rowPtr, cols: knn.cols, sims: knn.sims });
  const popular = encodeArtefact("popularity.bin", { scores: pop.scores, order: pop.order });
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
      popularityHalfLifeDays: config.popularityHalfLifeDays,
      eventWeights: config.eventWeights,
      popularityBlend: blend,
      blendFit: fit ? { cutoff: new Date(cutoff!).toISOString(), cases: fit.cases, recallByBlend: fit.recallByBlend } : null,
    },
    stats: {
      events,
      users: matrix.userPtr.length - 1,
      items: numItems,
      neighbourPairs: knn.cols.length,
      latestEventTs: latest,
      trainMs: Date.now() - started,
    },
    artefacts: { itemKnn: itemKnn.entry, popularity: popular.entry },
  };
  const version = registry.publish(manifest, { [itemKnn.entry.file]: itemKnn.data, [popular.entry.file]: popular.data }, config.keepModels);
  return { ...manifest, version };
}

function neighbours(matrix: UserItemMatrix, config: TrainConfig, makeProgress: MakeProgress, label: string) {
  const bar = makeProgress(label, "items");
  const knn = trainItemKnn(matrix, { neighbours: config.neighbours }, (i) => bar.tick(i));
  bar.done(matrix.numItems);
  return knn;
}
