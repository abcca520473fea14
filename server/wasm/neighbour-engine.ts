// The production NeighbourEngine: the interaction matrix (both orientations), the norms,
// the scratch and, for the linear model, the dense Gram matrix live in one instance.
import type { NeighbourEngine, NeighbourProblem } from "../../models/item-knn.js";
import { copyMatrix, matrixBytes } from "./matrix-both-ways.js";
import { instantiate, type WasmBuild } from "./module.js";

const CHUNK_ROWS = 1024;

export function wasmNeighbourEngine(p: NeighbourProblem, build: WasmBuild = "release"): NeighbourEngine {
  const { n } = p;
  const { core, ptr } = instantiate(
    {
      ...matrixBytes(p),
      norms: n * 4, acc: n * 4, touched: n * 4,
      gram: p.withGram ? n * n * 4 : 0,
      outPtr: (CHUNK_ROWS + 1) * 4, outCols: CHUNK_ROWS * p.k * 4, outSims: CHUNK_ROWS * p.k * 4,
    },
    build,
  );
  const buf = core.memory.buffer;
  copyMatrix(buf, ptr, p);
  new Float32Array(buf, ptr.norms, n).set(p.norms);
  const outPtr = new Int32Array(buf, ptr.outPtr, CHUNK_ROWS + 1);
  const outCols = new Int32Array(buf, ptr.outCols, CHUNK_ROWS * p.k);
  const outSims = new Float32Array(buf, ptr.outSims, CHUNK_ROWS * p.k);

  return {
    rows(first, last) {
      if (last - first > CHUNK_ROWS) throw new Error(`at most ${CHUNK_ROWS} rows per call`);
      core.itemNeighbours(
        first, last, n,
        ptr.itemPtr, ptr.itemUsers, ptr.itemWeights,
        ptr.userPtr, ptr.userItems, ptr.userWeights,
        ptr.norms, p.k, ptr.acc, ptr.touched, p.withGram ? ptr.gram : 0,
        ptr.outPtr, ptr.outCols, ptr.outSims,
      );
      const count = outPtr[last - first];
      return { ptr: outPtr.slice(0, last - first + 1), cols: outCols.slice(0, count), sims: outSims.slice(0, count) };
    },
    // A view: valid as long as the engine is referenced, and never copied.
    gram: () => (p.withGram ? new Float32Array(buf, ptr.gram, n * n) : undefined),
  };
}
