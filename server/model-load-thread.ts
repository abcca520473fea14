// The thread that reads, checks and prepares a model version for a serving process
// (model-loading.ts), handing its arrays over without copying.
import { parentPort, workerData } from "node:worker_threads";
import { ArtefactError } from "../models/artefact.js";
import { checkVersion } from "./model-loading.js";

/** Smaller buffers may be slices of Node's shared pool, which cannot be handed over: they are copied. */
const POOLED = 8192;

const { dir, version, storeId } = workerData as { dir: string; version: string; storeId: string };
try {
  const checked = checkVersion(dir, version, storeId);
  const { rowPtr, cols, sims } = checked.scoring!;
  const arrays = [...Object.values(checked.artefacts).flatMap((a) => Object.values(a)), rowPtr, cols, sims, ...(checked.factorGram ? [checked.factorGram] : [])];
  const buffers = new Set(arrays.map((a) => a.buffer as ArrayBuffer).filter((b) => b.byteLength > POOLED));
  parentPort!.postMessage({ checked }, [...buffers]);
} catch (err) {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err), artefact: err instanceof ArtefactError });
}
