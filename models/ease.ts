// The exact EASE linear item model (Steck 2019, "Embarrassingly Shallow Autoencoders"):
//   P = (G + λI)⁻¹,  B[h, j] = −P[h, j] / P[j, j] (h ≠ j),  B[j, j] = 0,
// the closed form of min ‖X − XB‖² + λ‖B‖² subject to diag(B) = 0. Column j of B is the
// ridge regression of item j on every other item, so this is models/linear-item.ts with
// all n − 1 items as neighbours, for one n × n inversion instead of n solves.
// The learned weights come out in the neighbour lists' CSR form (row j: the items h that
// predict j, weight B[h, j]), each row's `keep` largest |B| only.
// The production path runs in WASM (server/wasm/ease-engine.ts); this is the reference.
import { easeRowsReference, spdFactorReference, spdInverseReference } from "../core-wasm/reference/dense-spd.js";
import type { ItemNeighbours } from "./item-knn.js";
import { ridgeLambda } from "./linear-item.js";

export type DenseEase = ItemNeighbours & { lambda: number };

/**
 * λ as a multiple of the mean of G's positive diagonal (the mean number of events of an
 * item that has any), the rule of models/linear-item.ts, so the penalty scales with the data.
 */
export function easeLambda(gram: Float32Array, n: number, lambdaScale: number): number {
  return ridgeLambda(n, (i) => gram[i * n + i], lambdaScale);
}

/** Checks shared by both implementations; throws on a bad argument. */
export function checkEaseArguments(gram: Float32Array, n: number, lambda: number, keep: number): void {
  if (!Number.isInteger(n) || n < 0 || gram.length !== n * n) throw new Error(`dense EASE: the Gram matrix must hold n × n = ${n} × ${n} values, not ${gram.length}`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`dense EASE: λ must be finite and ≥ 0, not ${lambda}`);
  if (!Number.isInteger(keep) || keep < 0) throw new Error(`dense EASE: keep must be a whole number ≥ 0, not ${keep}`);
}

export function notPositiveDefinite(pivot: number, lambda: number): Error {
  return new Error(`dense EASE: G + λI is not positive definite (pivot of item ${pivot} not positive, λ = ${lambda}); raise λ`);
}

/** Exact EASE in plain TypeScript (float64): the reference for the WASM engine. O(n³). */
export function trainDenseEaseReference(gram: Float32Array, n: number, lambda: number, keep: number): DenseEase {
  checkEaseArguments(gram, n, lambda, keep);
  const a = Float64Array.from(gram);
  const status = spdFactorReference(a, n, lambda);
  if (status !== 0) throw notPositiveDefinite(status - 1, lambda);
  spdInverseReference(a, n);
  const rows = easeRowsReference(a, n, 0, n, keep);
  return { n, rowPtr: rows.ptr, cols: rows.cols, sims: rows.weights, lambda };
}

/**
 * EASE solved over the items with events only: an item without any has a zero row and
 * column in G, so G + λI is block diagonal and its block is λI, whose items get no
 * predictors and predict nothing. Solving the active block alone gives the same weights
 * in (active/n)³ of the time; they come back in the catalogue's ids.
 */
export function easeOnActiveItems(gram: Float32Array, n: number, lambda: number, keep: number, solve: (gram: Float32Array, m: number, lambda: number, keep: number) => DenseEase): DenseEase {
  const active = activeItems(gram, n);
  const m = active.length;
  if (m === n) return solve(gram, n, lambda, keep);
  const block = new Float32Array(m * m);
  for (let a = 0; a < m; a++) {
    const row = active[a] * n;
    for (let b = 0; b < m; b++) block[a * m + b] = gram[row + active[b]];
  }
  const sub = solve(block, m, lambda, keep);
  const rowPtr = new Int32Array(n + 1);
  for (let a = 0; a < m; a++) rowPtr[active[a] + 1] = sub.rowPtr[a + 1] - sub.rowPtr[a];
  for (let j = 0; j < n; j++) rowPtr[j + 1] += rowPtr[j];
  return { n, rowPtr, cols: sub.cols.map((c) => active[c]), sims: sub.sims, lambda: sub.lambda };
}

/** The items with events (a positive Gram diagonal), in id order. */
export function activeItems(gram: Float32Array, n: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (gram[i * n + i] > 0) out.push(i);
  return Int32Array.from(out);
}
