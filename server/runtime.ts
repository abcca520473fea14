// Everything a command needs, built once from the configuration.
import { join, resolve } from "node:path";
import type { Config } from "./config.js";
import { Store } from "./store/store.js";
import { ModelRegistry } from "./model-registry.js";
import { Recommender } from "./recommender.js";
import { Catalogue } from "./catalogue.js";

export interface Runtime {
  config: Config;
  store: Store;
  registry: ModelRegistry;
  recommender: Recommender;
  catalogue: Catalogue;
  close(): void;
}

export function openRuntime(config: Config): Runtime {
  const dataDir = resolve(config.dataDir);
  const store = Store.open(join(dataDir, "tuijian.db"));
  const registry = new ModelRegistry(dataDir);
  const recommender = new Recommender(store, registry, config);
  const catalogue = new Catalogue(store, recommender);
  return { config, store, registry, recommender, catalogue, close: () => store.close() };
}
