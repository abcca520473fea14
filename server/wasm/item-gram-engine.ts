// The production GramEngine: the interaction matrix (both orientations), the neighbour
// lists and their reverse, one block's systems and the scratch live in one instance,
// laid out once at the largest block's size; the parameter block is the layout of
// core-wasm/item-gram.ts's GramParams.
import type { GramEngine, GramProblem } from "../../models/linear-sparse.js";
import { systemFloats } from "../../models/linear-sparse.js";
import { copyMatrix, matrixBytes } from "./matrix-both-ways.js";
import { instantiate, type WasmBuild } from "./module.js";

/** Rows of G per kernel call: progress is reported between calls. */
const ROW_CHUNK = 4096;

/** GramParams after λ (an f64 at offset 0): 4-byte fields in the kernel's order. */
const FIELDS = [
  "n", "itemPtr", "itemUsers", "itemWeights", "userPtr", "userItems", "userWeights", "diag",
  "knnPtr", "knnCols", "revPtr", "revItems", "revPos", "first", "last", "rowFirst", "rowLast",
  "sysOff", "systems", "acc", "touched", "scratch", "weights",
] as const;
type Field = (typeof FIELDS)[number];
const PARAMS_BYTES = 8 + FIELDS.length * 4;

export function wasmGramEngine(p: GramProblem, build: WasmBuild = "release"): GramEngine {
  const { n } = p;
  const edges = p.knnCols.length;
  let maxM = 0;
  for (let j = 0; j < n; j++) maxM = Math.max(maxM, p.knnPtr[j + 1] - p.knnPtr[j]);
  const { core, ptr } = instantiate(
    {
      params: PARAMS_BYTES,
      ...matrixBytes(p),
      diag: n * 4, knnPtr: (n + 1) * 4, knnCols: edges * 4,
      revPtr: (n + 1) * 4, revItems: edges * 4, revPos: edges * 4,
      sysOff: (p.maxBlockItems + 1) * 4, systems: p.maxSystemFloats * 4,
      acc: n * 4, touched: n * 4,
      scratch: systemFloats(maxM) * 8, weights: p.maxBlockEntries * 8,
    },
    build,
  );
  if (core.gramParamsBytes() !== PARAMS_BYTES) {
    throw new Error(`core-wasm: the kernel's GramParams is ${core.gramParamsBytes()} bytes, the host lays out ${PARAMS_BYTES}: rebuild the WASM (npm run build:wasm)`);
  }
  const buf = core.memory.buffer;
  copyMatrix(buf, ptr, p);
  new Float32Array(buf, ptr.diag, n).set(p.diag);
  new Int32Array(buf, ptr.knnPtr, n + 1).set(p.knnPtr);
  new Int32Array(buf, ptr.knnCols, edges).set(p.knnCols);
  new Int32Array(buf, ptr.revPtr, n + 1).set(p.revPtr);
  new Int32Array(buf, ptr.revItems, edges).set(p.revItems);
  new Int32Array(buf, ptr.revPos, edges).set(p.revPos);

  new Float64Array(buf, ptr.params, 1)[0] = p.lambda;
  const fields = new Int32Array(buf, ptr.params + 8, FIELDS.length);
  const put = (name: Field, v: number) => (fields[FIELDS.indexOf(name)] = v);
  for (const name of FIELDS) if (name in ptr) put(name, ptr[name as keyof typeof ptr]);
  put("n", n);

  // Only the row pointers stay on the host side: the rest of the problem may be freed.
  const knnPtr = p.knnPtr;
  const sysOff = new Int32Array(buf, ptr.sysOff, p.maxBlockItems + 1);
  const weights = new Float64Array(buf, ptr.weights, p.maxBlockEntries);
  const maxFloats = p.maxSystemFloats, maxItems = p.maxBlockItems;
  return {
    block(first, last, onRows) {
      if (last - first > maxItems) throw new Error(`at most ${maxItems} items per block`);
      for (let j = first; j < last; j++) sysOff[j - first + 1] = sysOff[j - first] + systemFloats(knnPtr[j + 1] - knnPtr[j]);
      if (sysOff[last - first] > maxFloats) throw new Error(`the block's systems need ${sysOff[last - first]} floats, room for ${maxFloats}`);
      put("first", first);
      put("last", last);
      for (let h = 0; h < n; h += ROW_CHUNK) {
        put("rowFirst", h);
        put("rowLast", Math.min(n, h + ROW_CHUNK));
        core.gramRows(ptr.params);
        onRows?.(Math.min(n, h + ROW_CHUNK));
      }
      core.solveSystems(ptr.params);
      return weights.slice(0, knnPtr[last] - knnPtr[first]);
    },
  };
}
