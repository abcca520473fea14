// Everything a command needs, built once from the configuration.
import { join, resolve } from "node:path";
import type { Config } from "./config.js";
import { Store } from "./store/store.js";
import { ModelRegistry } from "./model-registry.js";
import { Recommender } from "./recommender.js";
import { Catalogue } from "./catalogue.js";
import { ContentUpdater } from "./content/content-updater.js";
import { KeyRing } from "./access/keys.js";

export interface Runtime {
  config: Config;
  store: Store;
  registry: ModelRegistry;
  recommender: Recommender;
  catalogue: Catalogue;
  keys: KeyRing;
  /** Embeds new item texts in the background after catalogue writes (a server's runtime). */
  content?: ContentUpdater;
  close(): void;
}

/**
 * @param opts.serving a server's runtime: embeds item texts after catalogue writes, and a
 *   write waits for another process's lock only storeBusyTimeoutMs.
 */
export function openRuntime(config: Config, opts: { serving?: boolean } = {}): Runtime {
  const dataDir = resolve(config.dataDir);
  const store = Store.open(join(dataDir, "tuijian.db"), opts.serving ? { busyTimeoutMs: config.storeBusyTimeoutMs } : {});
  const registry = new ModelRegistry(dataDir);
  const recommender = new Recommender(store, registry, config);
  const content = opts.serving ? new ContentUpdater(store, recommender, config) : undefined;
  const catalogue = new Catalogue(store, recommender, () => content?.schedule());
  return { config, store, registry, recommender, catalogue, keys: new KeyRing(store), content, close: () => store.close() };
}
