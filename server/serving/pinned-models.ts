// Model versions other than the newest, for experiment variants that pin one: loaded on
// first use and kept (a few at most), each a full serving model of its own (its memory
// too), loaded off the event loop as the newest is (model-loading.ts): the requests that
// need it wait, the others do not. A version that is gone or does not load serves as the
// model in use does, said once in the log: a variant must not fail the storefront's request.
import type { Store } from "../store/types.js";
import type { ModelRegistry } from "../model-registry.js";
import { activeModelInSlices, type ActiveModel, type ActiveModelOptions } from "./active-model.js";
import { loadPinnedAsync } from "../model-loading.js";
import { log } from "../platform/logger.js";

/** Pinned versions kept loaded at once; the least recently loaded goes first. */
const MAX_PINNED = 2;

export class PinnedModels {
  private readonly loaded = new Map<string, Promise<ActiveModel | undefined>>();

  constructor(private readonly store: Store, private readonly registry: ModelRegistry, private readonly opts: ActiveModelOptions) {}

  /** The model of `version`, or undefined when it cannot be served. */
  of(version: string): Promise<ActiveModel | undefined> {
    let model = this.loaded.get(version);
    if (!model) {
      model = this.load(version);
      this.loaded.set(version, model);
      while (this.loaded.size > MAX_PINNED) this.loaded.delete(this.loaded.keys().next().value!);
    }
    return model;
  }

  private async load(version: string): Promise<ActiveModel | undefined> {
    const found = await loadPinnedAsync(this.registry, version, this.store.id);
    if (!found.model) {
      log("warn", "an experiment pins a model version that does not load: its variant serves the model in use", { version, reason: found.failed[0]?.reason });
      return undefined;
    }
    return activeModelInSlices(found.model, () => this.store.items.unrecommendableIds(), this.opts);
  }
}
