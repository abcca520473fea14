// `tuijian train`: one streaming pass over the store's events feeds every model builder,
// then the artefacts are published as a new model version (see model-registry.ts).
import type { Config } from "./config.js";
import type { Store } from "./store/store.js";
import type { ModelRegistry } from "./model-registry.js";
import { silentProgress, type Progress } from "./progress.js";
import { weightsByCode } from "../models/event-types.js";
import { UserItemBuilder } from "../models/user-items.js";
import { PopularityBuilder } from "../models/popularity.js";
import { trainItemKnn } from "../models/item-knn.js";
import { encodeArtefact, FORMAT, FORMAT_VERSION, type ModelManifest } from "../models/artefact.js";

const DAY_MS = 86_400_000;

export type TrainConfig = Pick<Config, "neighbours" | "maxUserItems" | "popularityHalfLifeDays" | "eventWeights" | "seed" | "keepModels">;

export function trainModels(
  store: Store,
  registry: ModelRegistry,
  config: TrainConfig,
  makeProgress: (label: string, unit?: string) => Progress = silentProgress,
): ModelManifest {
  const started = Date.now();
  const numItems = store.items.maxId() + 1;
  const byCode = weightsByCode(config.eventWeights);
  const latest = store.events.latestTs() ?? Date.now();
  const users = new UserItemBuilder({ numItems, weightsByCode: byCode, maxUserItems: config.maxUserItems });
  const popularity = new PopularityBuilder(numItems, byCode, config.popularityHalfLifeDays * DAY_MS, latest);

  const read = makeProgress("reading events", "events");
  let events = 0;
  for (const [user, item, type, value, ts] of store.events.byUser()) {
    users.add(user, item, type, value, ts);
    popularity.add(item, type, value, ts);
    if ((++events & 65535) === 0) read.tick(events);
  }
  read.done(events);
  const matrix = users.build();
  const pop = popularity.build();

  const knnProgress = makeProgress("item-to-item neighbours", "items");
  const knn = trainItemKnn(matrix, { neighbours: config.neighbours }, (i) => knnProgress.tick(i));
  knnProgress.done(numItems);

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
