// The scoring matrix by column, beside its rows in a scoring core's memory: a listed
// item's reason (its strongest contributing history item, core-wasm/history-reasons.ts)
// is then read from its column instead of from every row of the history. Kept where rows
// are long — an exact linear model keeps hundreds of predictors an item, and a list reads
// tens of thousands of entries of the history's rows for twenty reasons (the demo shop:
// 19 against 50 µs a list) — and bounded, as it doubles the matrix's memory.
import type { NeighbourMatrix } from "../../core-wasm/reference/score-history.js";

/** Entries a row on average from which columns are kept (or a quarter of a small catalogue). */
const LONG_ROW = 128;
/** Most entries kept by column: 64 MB a serving process. */
const MOST_ENTRIES = 1 << 23;

export function keepsColumns(m: NeighbourMatrix): boolean {
  const entries = m.cols.length;
  return entries > 0 && entries <= MOST_ENTRIES && entries >= m.n * Math.min(LONG_ROW, m.n / 4);
}

/** The arena's arrays for the columns (all 0 bytes where they are not kept). */
export function columnBytes(m: NeighbourMatrix) {
  const keep = keepsColumns(m);
  const entries = keep ? m.cols.length : 0;
  return { colPtr: keep ? (m.n + 1) * 4 : 0, colRows: entries * 4, colSims: entries * 4, histAt: keep ? m.n * 4 : 0 };
}

/**
 * Writes the columns into the arena's fresh (zeroed) arrays, yielding after each `slice`
 * entries so that a process switching models under traffic can let requests through.
 * Each column's rows come in ascending order.
 */
export function* writeColumns(m: NeighbourMatrix, buf: ArrayBuffer, ptr: Record<keyof ReturnType<typeof columnBytes>, number>, slice: number): Generator<void> {
  if (!keepsColumns(m)) return;
  const { n, rowPtr, cols, sims } = m;
  const entries = cols.length;
  const colPtr = new Int32Array(buf, ptr.colPtr, n + 1);
  const colRows = new Int32Array(buf, ptr.colRows, entries);
  const colSims = new Float32Array(buf, ptr.colSims, entries);
  for (let q = 0; q < entries; q++) {
    colPtr[cols[q] + 1]++;
    if (q % slice === slice - 1) yield;
  }
  for (let j = 0; j < n; j++) colPtr[j + 1] += colPtr[j];
  const next = colPtr.slice(0, n);
  for (let h = 0, q = 0, pause = slice; h < n; h++) {
    for (const end = rowPtr[h + 1]; q < end; q++) {
      const at = next[cols[q]]++;
      colRows[at] = h;
      colSims[at] = sims[q];
    }
    if (q >= pause) {
      pause = q + slice;
      yield;
    }
  }
}
