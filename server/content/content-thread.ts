// A training run's content model, built beside the rest: it reads only the item texts and
// embeddings, so on a SQLite store it runs in a thread of its own (content-worker.ts) on
// the second core while the events are read and the validation's item-kNN and iALS train
// (the large shop: 15 min 5 s → 13 min 6 s). Run from the TypeScript sources (tests),
// where no compiled thread script exists, or on PostgreSQL, it is built in process.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Store } from "../store/types.js";
import { SqliteStore } from "../store/sqlite/store.js";
import { buildContentModel, builtContent, type BuiltContent, type ContentParams } from "./content-model.js";

/** A content model being built; `built()` waits for it (and, in a thread, keeps the process alive for it from then on). */
export interface ContentAside {
  built(): Promise<BuiltContent | undefined>;
}

export function contentAside(
  store: Store, numItems: number, wordModel: { id: string; dim: number }, params: ContentParams, onItem?: (done: number) => void,
): ContentAside {
  const script = new URL("./content-worker.js", import.meta.url);
  if (!(store instanceof SqliteStore) || !existsSync(fileURLToPath(script))) {
    const building = buildContentModel(store, numItems, wordModel, params, onItem).then((model) => model && builtContent(model));
    building.catch(() => {});
    return { built: () => building };
  }
  const worker = new Worker(script, { workerData: { file: store.db.name, storeId: store.id, numItems, wordModel: { id: wordModel.id, dim: wordModel.dim }, params } });
  // Until a run waits for it, the thread does not hold the process: a run that fails before
  // then ends without waiting minutes for a model nobody will use.
  worker.unref();
  const building = new Promise<BuiltContent | undefined>((resolve, reject) => {
    worker.on("message", (m: { done?: number; built?: BuiltContent | null }) => {
      if (m.done !== undefined) onItem?.(m.done);
      else resolve(m.built ?? undefined);
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`the content model's thread exited (${code}) before its model was built`)));
  });
  building.catch(() => {});
  return {
    built: () => {
      worker.ref();
      return building;
    },
  };
}
