// The linear item model of models/linear-item.ts, (G_NN + λI) b = G_Nj for each item j
// over its neighbours N(j), without the dense n × n Gram matrix (4n² bytes: 40 GB at 100k
// items). The entries each system needs are taken from rows of G = XᵀX computed from the
// sparse matrix, one row at a time, in a GramEngine: WASM (server/wasm/item-gram-engine.ts)
// in production, the plain-TypeScript one (core-wasm/reference/item-gram.ts) as reference.
//
// Items are solved in blocks whose systems fit a memory budget; each block computes the
// rows of its items' neighbours, one co-occurrence pass over them. Reordering items does
// not make a block's neighbours fewer (measured on generated shops: even by the true
// categories, a block of 2,000 of 20,000 items still needs rows costing 90% of a pass —
// the neighbours of little-bought items are spread over the whole catalogue), so blocks
// are consecutive items and a run costs about ⌈Σ system bytes / budget⌉ passes.
import { bothWays, type MatrixBothWays, type UserItemMatrix } from "./user-items.js";
import type { ItemNeighbours } from "./item-knn.js";
import { ridgeLambda, type LinearItemParams } from "./linear-item.js";
import { growableFloat32, growableInt32 } from "./growable.js";

export interface SparseLinearParams extends LinearItemParams {
  /** Memory for one block's systems (default 256 MiB): more passes over the data below it. */
  maxSystemBytes?: number;
}

export const DEFAULT_SYSTEM_BYTES = 256 * 2 ** 20;

/** Floats of the system of an item with m neighbours: the packed lower triangle and the right side. */
export const systemFloats = (m: number) => (m * (m + 1)) / 2 + m;

export interface GramProblem extends MatrixBothWays {
  /** G[i, i]: the item's norm squared, in float32 as the neighbour kernel writes it. */
  diag: Float32Array;
  knnPtr: Int32Array;
  knnCols: Int32Array;
  /** For item h, the pairs (j, r) with h the r-th neighbour of j, j ascending. */
  revPtr: Int32Array;
  revItems: Int32Array;
  revPos: Int32Array;
  lambda: number;
  /** The largest block's systems (floats), items and neighbour entries: what an engine allocates. */
  maxSystemFloats: number;
  maxBlockItems: number;
  maxBlockEntries: number;
}

export interface GramEngine {
  /**
   * The weights of the block of items [first, last): b[r] of item j at
   * knnPtr[j] − knnPtr[first] + r, all zero where j's system is not positive definite.
   * onRows(h): rows 0..h of G have been passed.
   */
  block(first: number, last: number, onRows?: (rows: number) => void): Float64Array;
}

export type GramEngineFactory = (p: GramProblem) => GramEngine;

/** Block boundaries [b0 = 0, b1, …, n]: consecutive items whose systems fit maxFloats (one item at least). */
export function planBlocks(knnPtr: Int32Array, maxFloats: number): number[] {
  const n = knnPtr.length - 1;
  const bounds = [0];
  let floats = 0;
  for (let j = 0; j < n; j++) {
    const f = systemFloats(knnPtr[j + 1] - knnPtr[j]);
    if (floats > 0 && floats + f > maxFloats) {
      bounds.push(j);
      floats = 0;
    }
    floats += f;
  }
  if (n > 0) bounds.push(n);
  return bounds;
}

export function trainSparseLinear(
  m: UserItemMatrix,
  knn: ItemNeighbours,
  params: SparseLinearParams,
  engine: GramEngineFactory,
  onItem?: (done: number) => void,
): ItemNeighbours & { lambda: number } {
  const n = m.numItems;
  if (knn.n !== n) throw new Error(`neighbour lists for ${knn.n} items, matrix of ${n}`);
  checkNeighbours(knn);
  const diag = gramDiagonal(m);
  const lambda = ridgeLambda(n, (i) => diag[i], params.lambdaScale);
  const bounds = planBlocks(knn.rowPtr, Math.floor((params.maxSystemBytes ?? DEFAULT_SYSTEM_BYTES) / 4));
  // The problem is built in a call of its own and held by no variable here: once the engine
  // has copied them, the transpose and the reverse index (~120 MB for the large shop) can go.
  const e = engine(gramProblem(m, knn, diag, lambda, bounds));

  const rowPtr = new Int32Array(n + 1);
  const cols = growableInt32(knn.cols.length);
  const out = growableFloat32(knn.cols.length);
  for (let b = 0; b + 1 < bounds.length; b++) {
    const first = bounds[b], last = bounds[b + 1];
    // Progress by the rows passed: each block is one pass over (most of) the rows.
    const w = e.block(first, last, (rows) => onItem?.(first + Math.floor(((last - first) * rows) / n)));
    const base = knn.rowPtr[first];
    for (let j = first; j < last; j++) {
      for (let p = knn.rowPtr[j]; p < knn.rowPtr[j + 1]; p++) {
        if (w[p - base] === 0) continue;
        cols.push(knn.cols[p]);
        out.push(w[p - base]);
      }
      rowPtr[j + 1] = cols.length;
    }
    onItem?.(last);
  }
  return { n, rowPtr, cols: cols.toArray(), sims: out.toArray(), lambda };
}

/** The engine's input: the matrix both ways, the neighbour lists both ways, the block sizes. */
function gramProblem(m: UserItemMatrix, knn: ItemNeighbours, diag: Float32Array, lambda: number, bounds: number[]): GramProblem {
  let maxSystemFloats = 0, maxBlockItems = 0, maxBlockEntries = 0;
  for (let b = 0; b + 1 < bounds.length; b++) {
    let floats = 0;
    for (let j = bounds[b]; j < bounds[b + 1]; j++) floats += systemFloats(knn.rowPtr[j + 1] - knn.rowPtr[j]);
    maxSystemFloats = Math.max(maxSystemFloats, floats);
    maxBlockItems = Math.max(maxBlockItems, bounds[b + 1] - bounds[b]);
    maxBlockEntries = Math.max(maxBlockEntries, knn.rowPtr[bounds[b + 1]] - knn.rowPtr[bounds[b]]);
  }
  return {
    ...bothWays(m), diag, knnPtr: knn.rowPtr, knnCols: knn.cols, ...reverseNeighbours(knn),
    lambda, maxSystemFloats, maxBlockItems, maxBlockEntries,
  };
}

/**
 * G[i, i] exactly as the neighbour path has it: norm_i (float32 of the double root), squared
 * in float32. Summed over the shoppers in order, as over the transpose's columns.
 */
function gramDiagonal(m: UserItemMatrix): Float32Array {
  const sums = new Float64Array(m.numItems);
  for (let p = 0; p < m.items.length; p++) sums[m.items[p]] += m.weights[p] * m.weights[p];
  const diag = new Float32Array(m.numItems);
  for (let i = 0; i < m.numItems; i++) {
    const norm = Math.fround(Math.sqrt(sums[i]));
    diag[i] = norm * norm;
  }
  return diag;
}

/** The kNN graph reversed: for each item h, the (j, r) with h = N(j)[r], j ascending. */
function reverseNeighbours(knn: ItemNeighbours): { revPtr: Int32Array; revItems: Int32Array; revPos: Int32Array } {
  const { n, rowPtr, cols } = knn;
  const revPtr = new Int32Array(n + 1);
  for (let p = 0; p < rowPtr[n]; p++) revPtr[cols[p] + 1]++;
  for (let h = 0; h < n; h++) revPtr[h + 1] += revPtr[h];
  const fill = revPtr.slice(0, n);
  const revItems = new Int32Array(rowPtr[n]);
  const revPos = new Int32Array(rowPtr[n]);
  for (let j = 0; j < n; j++) {
    for (let p = rowPtr[j]; p < rowPtr[j + 1]; p++) {
      const at = fill[cols[p]]++;
      revItems[at] = j;
      revPos[at] = p - rowPtr[j];
    }
  }
  return { revPtr, revItems, revPos };
}

/** The kernel indexes memory by these lists: an item out of range would write anywhere. */
function checkNeighbours(knn: ItemNeighbours): void {
  const { n, rowPtr, cols } = knn;
  if (rowPtr.length !== n + 1 || rowPtr[0] !== 0 || rowPtr[n] > cols.length) throw new Error("neighbour lists: bad row pointers");
  for (let j = 0; j < n; j++) {
    if (rowPtr[j + 1] < rowPtr[j]) throw new Error(`neighbour lists: row ${j} has negative length`);
    for (let p = rowPtr[j]; p < rowPtr[j + 1]; p++) {
      if (!(cols[p] >= 0 && cols[p] < n) || cols[p] === j) throw new Error(`neighbour lists: item ${j} has neighbour ${cols[p]}`);
    }
  }
}
