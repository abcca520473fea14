// Item-to-item collaborative filtering: the cosine similarity of items' user vectors,
// keeping each item's top-K neighbours as a sparse row-major (CSR) matrix.
import { transpose, type UserItemMatrix } from "./user-items.js";
import { TopK } from "./top-k.js";
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

/**
 * @param gram if given (n × n, row-major), receives the item Gram matrix XᵀX, which the
 *   co-occurrence loop computes anyway (the linear item model needs it).
 */
export function trainItemKnn(m: UserItemMatrix, params: ItemKnnParams, onItem?: (done: number) => void, gram?: Float32Array): ItemNeighbours {
  const n = m.numItems;
  const { itemPtr, users, weights } = transpose(m);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = itemPtr[i]; p < itemPtr[i + 1]; p++) s += weights[p] * weights[p];
    norms[i] = Math.sqrt(s);
  }

  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const top = new TopK(params.neighbours);
  const rowPtr = new Int32Array(n + 1);
  const cols = growableInt32(n * 8);
  const sims = growableFloat32(n * 8);

  for (let i = 0; i < n; i++) {
    let touchedLen = 0;
    for (let p = itemPtr[i]; p < itemPtr[i + 1]; p++) {
      const u = users[p];
      const wi = weights[p];
      for (let q = m.userPtr[u]; q < m.userPtr[u + 1]; q++) {
        const j = m.items[q];
        if (j === i) continue;
        if (acc[j] === 0) touched[touchedLen++] = j;
        acc[j] += wi * m.weights[q];
      }
    }
    if (gram) gram[i * n + i] = norms[i] * norms[i];
    for (let t = 0; t < touchedLen; t++) {
      const j = touched[t];
      if (gram) gram[i * n + j] = acc[j];
      top.push(j, acc[j] / (norms[i] * norms[j]));
      acc[j] = 0;
    }
    const best = top.drain();
    for (let t = 0; t < best.idx.length; t++) {
      cols.push(best.idx[t]);
      sims.push(best.score[t]);
    }
    rowPtr[i + 1] = cols.length;
    if (onItem && (i & 1023) === 0) onItem(i);
  }
  return { n, rowPtr, cols: cols.toArray(), sims: sims.toArray() };
}

