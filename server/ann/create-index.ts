// The one place an index is chosen and configured: options are merged with the
// defaults here, once, and the config reuses DEFAULT_INDEX_PARAMS for its own defaults.
import { ExactIndex } from "./exact-index.js";
import { HNSW_DEFAULTS, HnswIndex } from "./hnsw-index.js";
import type { Metric, VectorIndex } from "./vector-index.js";

export interface IndexOptions {
  /** "auto": exact below `exactBelow` expected vectors (a scan is as fast there), else HNSW. */
  kind: "auto" | "hnsw" | "exact";
  dim: number;
  metric: Metric;
  /** Vectors expected; the index grows past it by doubling. Required for "auto". */
  capacity?: number;
  M?: number;
  efConstruction?: number;
  ef?: number;
  seed?: number;
  exactBelow?: number;
}

export const DEFAULT_INDEX_PARAMS = Object.freeze({ ...HNSW_DEFAULTS, exactBelow: 20_000 });

export function createIndex(opts: IndexOptions): VectorIndex {
  const { kind, dim, metric, capacity } = opts;
  if (metric !== "ip" && metric !== "cosine") throw new RangeError(`metric ${metric}: must be "ip" or "cosine"`);
  if (capacity !== undefined && !(capacity >= 0)) throw new RangeError(`capacity ${capacity}: must be ≥ 0`);
  if (kind === "auto" && capacity === undefined) {
    throw new RangeError('kind "auto" needs capacity: the number of vectors expected decides between exact and HNSW');
  }
  const exactBelow = opts.exactBelow ?? DEFAULT_INDEX_PARAMS.exactBelow;
  const chosen = kind === "auto" ? (capacity! < exactBelow ? "exact" : "hnsw") : kind;
  if (chosen === "exact") return new ExactIndex(dim, metric, capacity ?? 1024);
  if (chosen !== "hnsw") throw new RangeError(`index kind ${kind}: must be "auto", "hnsw" or "exact"`);
  const d = DEFAULT_INDEX_PARAMS;
  const params = { M: opts.M ?? d.M, efConstruction: opts.efConstruction ?? d.efConstruction, ef: opts.ef ?? d.ef, seed: opts.seed ?? d.seed };
  return new HnswIndex(dim, metric, params, capacity ?? 1024);
}
