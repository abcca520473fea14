// A linear item-item model of the EASE / SLIM family, as a sparse approximation: for each
// item j, a ridge regression of j's shopper column on the columns of its top neighbours
// only, (G_NN + λI) b = G_Nj with G = XᵀX the item Gram matrix. Full EASE inverts the
// whole n × n matrix (n³ work, n² memory); restricting each regression to M neighbours
// costs n·M³/3 and keeps the learned weights sparse, in the same CSR form as the
// neighbour lists (row j: the items h that predict j, with weight B[h, j]).
import { choleskySolve } from "./cholesky.js";
import type { ItemNeighbours } from "./item-knn.js";
import { growableFloat32, growableInt32 } from "./growable.js";

export interface LinearItemParams {
  /** Ridge penalty as a multiple of the mean diagonal of G, so it scales with the data. */
  lambdaScale: number;
}

/** Bytes the dense Gram matrix of n items needs: the linear model's memory budget test. */
export const gramBytes = (n: number) => n * n * 4;

/**
 * @param gram dense n × n Gram matrix (row-major, float32)
 * @param neighbours each item's regressors (its top neighbours; rows as from trainItemKnn)
 */
/** λ as a multiple of the mean positive Gram diagonal (an active item's summed squared weights), so the penalty scales with the data. */
export function ridgeLambda(n: number, diagonal: (i: number) => number, lambdaScale: number): number {
  let diagSum = 0;
  let active = 0;
  for (let i = 0; i < n; i++) {
    const d = diagonal(i);
    if (d > 0) {
      diagSum += d;
      active++;
    }
  }
  return lambdaScale * (active > 0 ? diagSum / active : 1);
}

export function trainLinearItem(gram: Float32Array, neighbours: ItemNeighbours, params: LinearItemParams): ItemNeighbours & { lambda: number } {
  const n = neighbours.n;
  const lambda = ridgeLambda(n, (i) => gram[i * n + i], params.lambdaScale);
  const rowPtr = new Int32Array(n + 1);
  const cols = growableInt32(neighbours.cols.length);
  const weights = growableFloat32(neighbours.cols.length);
  let a = new Float64Array(0);
  let b = new Float64Array(0);

  for (let j = 0; j < n; j++) {
    const start = neighbours.rowPtr[j];
    const m = neighbours.rowPtr[j + 1] - start;
    if (m > 0) {
      if (a.length < m * m) {
        a = new Float64Array(m * m);
        b = new Float64Array(m);
      }
      for (let r = 0; r < m; r++) {
        const hr = neighbours.cols[start + r];
        for (let c = 0; c <= r; c++) {
          const v = gram[hr * n + neighbours.cols[start + c]];
          a[r * m + c] = v;
          a[c * m + r] = v;
        }
        a[r * m + r] += lambda;
        b[r] = gram[hr * n + j];
      }
      if (choleskySolve(a, b, m)) {
        for (let r = 0; r < m; r++) {
          if (b[r] === 0) continue;
          cols.push(neighbours.cols[start + r]);
          weights.push(b[r]);
        }
      }
    }
    rowPtr[j + 1] = cols.length;
  }
  return { n, rowPtr, cols: cols.toArray(), sims: weights.toArray(), lambda };
}
