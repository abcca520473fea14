// Nearest-neighbour search over item vectors (factors, text embeddings). Two
// implementations behind one interface: HNSW (hnswlib-node) for large catalogues and an
// exact brute-force scan, used for small ones and as the reference recall is measured
// against. Labels are internal item ids; scores are similarities (higher is closer).

export type Metric = "ip" | "cosine";

export interface Neighbours {
  /** Item ids, closest first. */
  labels: Int32Array;
  /** Their similarities: the inner product, or the cosine for "cosine". */
  scores: Float32Array;
}

export interface VectorIndex {
  readonly kind: "hnsw" | "exact";
  readonly dim: number;
  readonly metric: Metric;
  /** Live (not removed) vectors. */
  readonly size: number;
  /** Adds a vector, or replaces the one the label has. */
  add(label: number, vector: Float32Array): void;
  /** Removes a label; it is never returned again until added anew. */
  remove(label: number): void;
  has(label: number): boolean;
  /** A live label's stored vector (a copy; unit length for "cosine"), else undefined. */
  vector(label: number): Float32Array | undefined;
  /** The k closest live vectors, optionally only those `accept` allows. */
  search(query: Float32Array, k: number, accept?: (label: number) => boolean): Neighbours;
}

// The checks every implementation makes, so that both refuse the same input with the
// same message. They throw RangeError: a wrong dimension or label is a programming
// error of the caller, which maps it to its own domain error if the input came from
// outside.

/** Labels come back in an Int32Array and hnswlib keeps them as unsigned 32-bit. */
export const MAX_LABEL = 0x7fffffff;

export function checkLabel(label: number): void {
  if (!Number.isInteger(label) || label < 0 || label > MAX_LABEL) {
    throw new RangeError(`label ${label}: must be an integer from 0 to ${MAX_LABEL}`);
  }
}

/** Refuses a vector of the wrong length or with NaN/∞, which would corrupt an HNSW graph. */
export function checkVector(vector: Float32Array, dim: number, what: "vector" | "query"): void {
  if (vector.length !== dim) throw new RangeError(`${what} has ${vector.length} dimensions; the index holds ${dim}`);
  for (let i = 0; i < dim; i++) {
    if (!Number.isFinite(vector[i])) throw new RangeError(`${what} has a non-finite value (${vector[i]}) at dimension ${i}`);
  }
}

export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k ${k}: must be an integer ≥ 0`);
}

export const noNeighbours = (): Neighbours => ({ labels: new Int32Array(0), scores: new Float32Array(0) });
