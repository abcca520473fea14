// A model version loaded off the event loop, for a serving process that must go on
// answering while a new version loads: on the large shop the reads, checksums and the
// scoring matrix's sum take ~5 s, which blocked every request of every worker at each
// model switch. A thread of its own (model-load-thread.ts) reads and checks the version's
// files, sums its scoring matrix and computes its factors' Gram matrix, and hands the
// arrays over without copying; hnswlib reads the HNSW indexes on libuv's pool. The
// arrays then go into WASM memory a slice at a time (activeModelInSlices). Run from the
// TypeScript sources (tests), where no compiled thread script exists, the thread's part
// runs in process.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ArtefactError } from "../models/artefact.js";
import { servingScoring } from "../models/hybrid.js";
import { checkIndexFile, openCheckedIndex } from "./ann/index-file.js";
import { factorGram as gramOf } from "./wasm/factor-gram.js";
import { readArtefacts, type FailedVersion, type IntactVersion, type LoadedModel, type ModelRegistry, type NewestIntactOptions } from "./model-registry.js";

/** What the thread hands over: the version's manifest, artefacts, summed scoring matrix and factors' Gram matrix, its index files checked. */
export type CheckedVersion = Omit<LoadedModel, "indexes">;

/** The thread's part: everything but the indexes' own loading. */
export function checkVersion(dir: string, version: string, storeId: string): CheckedVersion {
  const { manifest, artefacts } = readArtefacts(dir, version, storeId);
  for (const entry of Object.values(manifest.indexes)) checkIndexFile(entry, join(dir, version, entry.file));
  const factors = manifest.params.factors;
  const items = artefacts.factors?.items as Float32Array | undefined;
  const factorGram = factors && items ? gramOf(items, manifest.stats.items, factors.f, factors.lambda) : undefined;
  return { manifest, artefacts, scoring: servingScoring(manifest, artefacts), ...(factorGram && { factorGram }) };
}

/** ModelRegistry.loadNewestIntact off the event loop. */
export function loadNewestIntactAsync(registry: ModelRegistry, storeId: string, opts: NewestIntactOptions = {}): Promise<IntactVersion> {
  return firstIntact(registry.dir, registry.newestFirst(opts), storeId);
}

/** ModelRegistry.loadPinned off the event loop. */
export function loadPinnedAsync(registry: ModelRegistry, version: string, storeId: string): Promise<IntactVersion> {
  return firstIntact(registry.dir, [version], storeId);
}

async function firstIntact(dir: string, versions: string[], storeId: string): Promise<IntactVersion> {
  const failed: FailedVersion[] = [];
  for (const version of versions) {
    try {
      return { version, model: await loadVersion(dir, version, storeId), failed };
    } catch (err) {
      failed.push({ version, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { failed };
}

async function loadVersion(dir: string, version: string, storeId: string): Promise<LoadedModel> {
  const checked = await inThread(dir, version, storeId);
  const indexes: LoadedModel["indexes"] = {};
  for (const [name, entry] of Object.entries(checked.manifest.indexes)) indexes[name] = await openCheckedIndex(entry, join(dir, version, entry.file));
  return { ...checked, indexes };
}

const THREAD = new URL("./model-load-thread.js", import.meta.url);

function inThread(dir: string, version: string, storeId: string): Promise<CheckedVersion> {
  if (!existsSync(fileURLToPath(THREAD))) return Promise.resolve().then(() => checkVersion(dir, version, storeId));
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD, { workerData: { dir, version, storeId } });
    worker.once("message", (m: { checked?: CheckedVersion; error?: string; artefact?: boolean }) => {
      if (m.checked) resolve(m.checked);
      else reject(m.artefact ? new ArtefactError(m.error!) : new Error(m.error));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the model loading thread exited (${code})`)));
  });
}
