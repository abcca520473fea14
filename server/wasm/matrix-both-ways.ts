// The interaction matrix both ways (models/user-items.ts) in a WASM instance, laid out and
// copied the same way by every engine that counts co-occurrences over it (the neighbour
// and the sparse-Gram engines).
import type { MatrixBothWays } from "../../models/user-items.js";

/** The byte size of each of the matrix's arrays, in layout order: spread into instantiate's sizes. */
export function matrixBytes(m: MatrixBothWays) {
  const nnz = m.userItems.length;
  return {
    itemPtr: (m.n + 1) * 4, itemUsers: nnz * 4, itemWeights: nnz * 4,
    userPtr: m.userPtr.length * 4, userItems: nnz * 4, userWeights: nnz * 4,
  };
}

/** The matrix copied into the arrays instantiate placed at ptr. */
export function copyMatrix(buf: ArrayBuffer, ptr: Record<keyof ReturnType<typeof matrixBytes>, number>, m: MatrixBothWays): void {
  const nnz = m.userItems.length;
  new Int32Array(buf, ptr.itemPtr, m.n + 1).set(m.itemPtr);
  new Int32Array(buf, ptr.itemUsers, nnz).set(m.itemUsers);
  new Float32Array(buf, ptr.itemWeights, nnz).set(m.itemWeights);
  new Int32Array(buf, ptr.userPtr, m.userPtr.length).set(m.userPtr);
  new Int32Array(buf, ptr.userItems, nnz).set(m.userItems);
  new Float32Array(buf, ptr.userWeights, nnz).set(m.userWeights);
}
