// The HNSW index over the item factors that a large catalogue's requests take their
// factor candidates from (see ScoringCore): built by `train`, stored in the model's
// folder, and searched with the shopper's folded-in factor by inner product.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ItemFactors } from "../models/ials.js";
import type { IndexFileEntry } from "../models/artefact.js";
import type { FactorCandidates } from "./wasm/scoring-core.js";
import { createIndex } from "./ann/create-index.js";
import { saveIndex } from "./ann/index-file.js";
import { HnswIndex } from "./ann/hnsw-index.js";
import type { VectorIndex } from "./ann/vector-index.js";

export interface FactorIndexParams {
  hnswM: number;
  hnswEfConstruction: number;
  hnswEf: number;
  seed: number;
}

/** Builds the index and returns its file's bytes with the manifest entry describing them. */
export function factorIndexFile(factors: ItemFactors, params: FactorIndexParams, onItem?: (done: number) => void): { entry: IndexFileEntry; data: Buffer } {
  const { f, items } = factors;
  const n = items.length / f;
  const index = createIndex({
    kind: "hnsw", dim: f, metric: "ip", capacity: n,
    M: params.hnswM, efConstruction: params.hnswEfConstruction, ef: params.hnswEf, seed: params.seed,
  });
  for (let j = 0; j < n; j++) {
    const row = items.subarray(j * f, (j + 1) * f);
    // An item no shopper touched has a zero factor: it can never be a factor candidate.
    if (row.some((x) => x !== 0)) index.add(j, row);
    if ((j & 4095) === 0) onItem?.(j);
  }
  return indexFile(index, "factors.hnsw");
}

/** An index's file as the model registry publishes it: its bytes and its manifest entry. */
export function indexFile(index: VectorIndex, name: string): { entry: IndexFileEntry; data: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "tuijian-index-"));
  try {
    const file = join(dir, name);
    const entry = saveIndex(index, file);
    return { entry, data: readFileSync(file) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** No candidates: the factor part scores the items the history reaches alone (a model whose training found the search changes no list). */
export const NO_FACTOR_CANDIDATES: FactorCandidates = { count: 0, search: () => ({ labels: new Int32Array(0) }) };

/**
 * The scoring core's view of a loaded factor index: the `count` best items by inner
 * product, searched with effort `ef` (an HNSW index; an exact one is exact).
 */
export function factorCandidates(index: VectorIndex, count: number, ef: number): FactorCandidates {
  if (index instanceof HnswIndex) index.ef = ef;
  return { count, search: (userFactor, k) => index.search(userFactor, k) };
}
