// The thread that builds a training run's content model (content-thread.ts): its own
// connection to the SQLite store, whose id it checks, and the model back with its arrays
// transferred, not copied.
import { parentPort, workerData } from "node:worker_threads";
import { SqliteStore } from "../store/sqlite/store.js";
import { buildContentModel, builtContent, type ContentParams } from "./content-model.js";

interface Job {
  file: string;
  storeId: string;
  numItems: number;
  wordModel: { id: string; dim: number };
  params: ContentParams;
}

const job = workerData as Job;
const store = SqliteStore.open(job.file);
try {
  if (store.id !== job.storeId) throw new Error(`the content thread opened store ${store.id}, training runs on ${job.storeId}`);
  const model = await buildContentModel(store, job.numItems, job.wordModel, job.params, (done) => parentPort!.postMessage({ done }));
  const built = model && builtContent(model);
  // The index file's bytes too where they own their buffer (a pooled Buffer is copied).
  const arrays = built ? [built.lexical, built.neighbours.rowPtr, built.neighbours.cols, built.neighbours.sims, built.index.data] : [];
  const transfer = arrays.filter((a) => a.byteLength === a.buffer.byteLength).map((a) => a.buffer as ArrayBuffer);
  parentPort!.postMessage({ built: built ?? null }, transfer);
} finally {
  await store.close();
}
