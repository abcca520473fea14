// Everything a command needs, built once from the configuration.
import { join, resolve } from "node:path";
import type { Config } from "./config.js";
import type { Store } from "./store/types.js";
import { openStore } from "./store/open.js";
import { ChangeWatcher } from "./store/change-watcher.js";
import { ModelRegistry } from "./model-registry.js";
import { Recommender } from "./recommender.js";
import type { SharedSlots } from "./serving/shared-slots.js";
import type { SharedHistories } from "./serving/shopper-histories.js";
import { Catalogue } from "./catalogue/catalogue.js";
import { ContentUpdater } from "./content/content-updater.js";
import { KeyRing } from "./access/keys.js";
import { RuleAdmin } from "./serving/rules/rule-admin.js";
import { ServedRecorder } from "./analytics/served-recorder.js";
import { servedSink } from "./analytics/served-sink.js";
import { Experiments } from "./analytics/experiments/experiments.js";
import { ExperimentAdmin } from "./analytics/experiments/experiment-admin.js";

export interface Runtime {
  config: Config;
  store: Store;
  /** Changes other processes made to the store (catalogue, keys, shoppers). */
  changes: ChangeWatcher;
  registry: ModelRegistry;
  recommender: Recommender;
  catalogue: Catalogue;
  keys: KeyRing;
  /** Merchandising rules: create, change, delete (serving applies them through the recommender). */
  rules: RuleAdmin;
  /** Embeds new item texts in the background after catalogue writes (a server's runtime). */
  content?: ContentUpdater;
  /** Experiments: create, start, stop, report (serving assigns variants through the recommender). */
  experiments: ExperimentAdmin;
  /** Keeps the lists served, for attribution (a server's runtime, unless recordServedLists is off). */
  served?: ServedRecorder;
  close(): Promise<void>;
}

/** The store the configuration names: --store, else the SQLite file in the data directory. */
export function storeUrl(config: Pick<Config, "store" | "dataDir">): string {
  return config.store ?? `sqlite:${join(resolve(config.dataDir), "tuijian.db")}`;
}

/** Where model versions live: --models-dir, else models/ in the data directory. */
export function modelsDir(config: Pick<Config, "modelsDir" | "dataDir">): string {
  return resolve(config.modelsDir ?? join(config.dataDir, "models"));
}

/**
 * @param opts.serving a server's runtime: embeds item texts after catalogue writes, and a
 *   write's first try blocks for another process's lock only storeBusyTimeoutMs (gate.ts).
 * @param opts.shared slots where the machine's serving processes share their kept lists (cluster.ts).
 * @param opts.histories the machine's shared histories (shared-histories/).
 */
export async function openRuntime(config: Config, opts: { serving?: boolean; shared?: SharedSlots; histories?: SharedHistories } = {}): Promise<Runtime> {
  const store = await openStore(storeUrl(config), opts.serving ? { busyTimeoutMs: config.storeBusyTimeoutMs } : {});
  const changes = new ChangeWatcher(store);
  const registry = new ModelRegistry(modelsDir(config));
  const served = opts.serving && config.recordServedLists ? new ServedRecorder(servedSink(store, storeUrl(config))) : undefined;
  const experiments = new Experiments(store, changes);
  const recommender: Recommender = new Recommender(store, registry, changes, config, {
    served: served && ((list) => served.record(list)),
    shared: opts.shared,
    histories: opts.histories,
    // A segment is the model's, as of its training: read only when an experiment targets segments.
    assign: (placement, shopper, userId) => experiments.assign(placement, shopper, async () => (userId === undefined ? undefined : recommender.shopperValues().values?.segmentOf(userId))),
  });
  const content = opts.serving ? new ContentUpdater(store, recommender, config) : undefined;
  const catalogue = new Catalogue(store, recommender, changes, () => content?.schedule());
  return { config, store, changes, registry, recommender, catalogue, keys: new KeyRing(store, changes), rules: new RuleAdmin(store, changes),
    experiments: new ExperimentAdmin(store, changes, () => registry.versions()), content, served,
    close: async () => {
      await recommender.close();
      await served?.close();
      await store.close();
    },
  };
}
