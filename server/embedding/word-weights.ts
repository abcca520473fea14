// How much each word counts in the word-vector average, and the direction removed from
// every vector. See word-vector-model.ts for why both are baked into the model's rows.

/**
 * SIF's a. With p(w) from Zipf's law (below) the weight is rank / (rank + 1 / (a·H)): about
 * 0.01 for "the", 0.1 for "for", 0.5 near rank 74, above 0.9 past rank 700. 1e-3 is the
 * upper end of the range Arora et al. found flat on their benchmarks.
 */
export const SIF_A = 1e-3;
/** Harmonic number of GloVe 6B's 400,000-word vocabulary: Zipf's normaliser. */
const ZIPF_H = Math.log(400_000) + 0.5772;

/** SIF weight of the word at 0-based frequency rank `rank`. */
export function sifWeight(rank: number): number {
  const p = 1 / ((rank + 1) * ZIPF_H);
  return SIF_A / (SIF_A + p);
}

/**
 * The unit top principal direction (uncentred) of the rows of `vectors` (n × dim), by power
 * iteration on their dim × dim second-moment matrix; deterministic (fixed start).
 */
export function commonDirection(vectors: Float32Array, dim: number): Float64Array {
  const n = vectors.length / dim;
  const m = new Float64Array(dim * dim);
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    for (let i = 0; i < dim; i++) {
      const vi = vectors[o + i];
      for (let j = i; j < dim; j++) m[i * dim + j] += vi * vectors[o + j];
    }
  }
  for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) m[i * dim + j] = m[j * dim + i];
  let u = new Float64Array(dim).fill(1 / Math.sqrt(dim));
  for (let iter = 0; iter < 200; iter++) {
    const next = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += m[i * dim + j] * u[j];
      next[i] = s;
    }
    const norm = Math.hypot(...next);
    let change = 0;
    for (let i = 0; i < dim; i++) {
      next[i] /= norm;
      change += Math.abs(next[i] - u[i]);
    }
    u = next;
    if (change < 1e-9) break;
  }
  return u;
}
