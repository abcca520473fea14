// A validation case's history spread through the fit's sparse sources (blend-cases.ts):
// every item it reaches, in the order first reached, with its sum from each source. The
// fit scatters every case for each setting it tries, most of its work, so training runs
// the WASM kernel (core-wasm/case-scatter.ts); this is its TypeScript reference.
import type { ItemNeighbours } from "./item-knn.js";

/** A scatter over fixed sources, and the per-item state it shares with its caller. */
export interface CaseScatter {
  /** 1 for an item the case may not reach: set and cleared by the caller. */
  blocked: Uint8Array;
  /** A reached item's index among the items reached, −1 otherwise: set by the scatter, cleared by the caller. */
  slot: Int32Array;
  /**
   * Scatters one history: the first `reached` of `items`, and their sums item-major (a sum
   * per source), valid until the next call.
   */
  scatter(histItems: Int32Array, histWeights: Float32Array): { reached: number; items: Int32Array; values: Float32Array };
}

/** Makes the scatter of these sources for histories of up to maxHistory items; an engine's scatter is valid until it makes the next. */
export type ScatterEngine = (sources: ItemNeighbours[], numItems: number, maxHistory: number) => CaseScatter;

export const scatterCases: ScatterEngine = (sources, numItems) => {
  const S = sources.length;
  const acc = new Float32Array(numItems * S);
  const items = new Int32Array(numItems);
  const values = new Float32Array(numItems * S);
  const slot = new Int32Array(numItems).fill(-1);
  const blocked = new Uint8Array(numItems);
  return {
    blocked,
    slot,
    scatter(histItems, histWeights) {
      let reached = 0;
      for (let s = 0; s < S; s++) {
        const { rowPtr, cols, sims, n } = sources[s];
        for (let t = 0; t < histItems.length; t++) {
          const h = histItems[t];
          if (h < 0 || h >= n) continue;
          const w = histWeights[t];
          for (let p = rowPtr[h], end = rowPtr[h + 1]; p < end; p++) {
            const j = cols[p];
            if (blocked[j]) continue;
            if (slot[j] < 0) {
              slot[j] = reached;
              items[reached++] = j;
            }
            acc[j * S + s] += w * sims[p];
          }
        }
      }
      for (let t = 0; t < reached; t++) {
        const j = items[t];
        for (let q = 0; q < S; q++) {
          values[t * S + q] = acc[j * S + q];
          acc[j * S + q] = 0;
        }
      }
      return { reached, items, values };
    },
  };
};
