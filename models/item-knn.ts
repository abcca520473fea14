// Item-to-item collaborative filtering: the cosine similarity of items' shopper vectors,
// keeping each item's top-K neighbours as a sparse row-major (CSR) matrix. The
// co-occurrence loop runs in a NeighbourEngine: WASM (server/wasm) in production, the
// plain-TypeScript one (core-wasm/reference/item-neighbours.ts) as the reference.
import { bothWays, type MatrixBothWays, type UserItemMatrix } from "./user-items.js";
import { growableFloat32, growableInt32 } from "./growable.js";

export interface ItemNeighbours {
  n: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  sims: Float32Array;
}

export interface ItemKnnParams {
  neighbours: number;
}

export interface NeighbourProblem extends MatrixBothWays {
  norms: Float32Array;
  k: number;
  /** Also produce the dense Gram matrix XᵀX (n × n float32). */
  withGram: boolean;
}

export interface NeighbourEngine {
  /** Neighbours of items [first, last): ptr has last − first + 1 offsets into cols/sims. */
  rows(first: number, last: number): { ptr: Int32Array; cols: Int32Array; sims: Float32Array };
  /** The Gram matrix, complete once every row has been computed (withGram only). */
  gram(): Float32Array | undefined;
}

export type NeighbourEngineFactory = (p: NeighbourProblem) => NeighbourEngine;

const CHUNK = 1024;

export function trainItemKnn(
  m: UserItemMatrix,
  params: ItemKnnParams,
  engine: NeighbourEngineFactory,
  options: { withGram?: boolean; onItem?: (done: number) => void } = {},
): { knn: ItemNeighbours; gram?: Float32Array } {
  const matrix = bothWays(m);
  const { n, itemPtr, itemWeights } = matrix;
  const norms = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = itemPtr[i]; p < itemPtr[i + 1]; p++) s += itemWeights[p] * itemWeights[p];
    norms[i] = Math.sqrt(s);
  }
  const e = engine({ ...matrix, norms, k: params.neighbours, withGram: options.withGram === true });
  const rowPtr = new Int32Array(n + 1);
  const cols = growableInt32(n * 8);
  const sims = growableFloat32(n * 8);
  for (let first = 0; first < n; first += CHUNK) {
    const last = Math.min(n, first + CHUNK);
    const chunk = e.rows(first, last);
    const base = cols.length;
    for (let p = 0; p < chunk.ptr[last - first]; p++) {
      cols.push(chunk.cols[p]);
      sims.push(chunk.sims[p]);
    }
    for (let r = 1; r <= last - first; r++) rowPtr[first + r] = base + chunk.ptr[r];
    options.onItem?.(last);
  }
  return { knn: { n, rowPtr, cols: cols.toArray(), sims: sims.toArray() }, gram: e.gram() };
}

/** Each row cut to its first k neighbours: the k most similar, as trainItemKnn writes rows best first. */
export function firstNeighbours(knn: ItemNeighbours, k: number): ItemNeighbours {
  const { n, rowPtr } = knn;
  const outPtr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) outPtr[j + 1] = outPtr[j] + Math.min(k, rowPtr[j + 1] - rowPtr[j]);
  const cols = new Int32Array(outPtr[n]);
  const sims = new Float32Array(outPtr[n]);
  for (let j = 0; j < n; j++) {
    const len = outPtr[j + 1] - outPtr[j];
    cols.set(knn.cols.subarray(rowPtr[j], rowPtr[j] + len), outPtr[j]);
    sims.set(knn.sims.subarray(rowPtr[j], rowPtr[j] + len), outPtr[j]);
  }
  return { n, rowPtr: outPtr, cols, sims };
}
