// The fit's case scatter (core-wasm/case-scatter.ts): the sources' rows copied into an
// instance of their own once per setting, then one call a case. Same items and sums as
// the TypeScript reference (models/case-scatter.ts `scatterCases`).
import type { ScatterEngine } from "../../models/case-scatter.js";
import { instantiate, type WasmBuild } from "./module.js";

export const wasmScatterEngine = (build: WasmBuild = "release"): ScatterEngine => (sources, numItems, maxHistory) => {
  const S = sources.length;
  const sizes: Record<string, number> = {
    table: S * 16, hist: maxHistory * 4, histW: maxHistory * 4, blocked: numItems, slot: numItems * 4, acc: numItems * S * 4,
    outItems: numItems * 4, outValues: numItems * S * 4,
  };
  sources.forEach((src, s) => {
    sizes[`rowPtr${s}`] = src.rowPtr.byteLength;
    sizes[`cols${s}`] = src.cols.byteLength;
    sizes[`sims${s}`] = src.sims.byteLength;
  });
  const { core, ptr } = instantiate(sizes, build);
  const buf = core.memory.buffer;
  const table = new Uint32Array(buf, ptr.table, S * 4);
  sources.forEach((src, s) => {
    new Int32Array(buf, ptr[`rowPtr${s}`], src.rowPtr.length).set(src.rowPtr);
    new Int32Array(buf, ptr[`cols${s}`], src.cols.length).set(src.cols);
    new Float32Array(buf, ptr[`sims${s}`], src.sims.length).set(src.sims);
    table.set([ptr[`rowPtr${s}`], ptr[`cols${s}`], ptr[`sims${s}`], src.n], s * 4);
  });
  const hist = new Int32Array(buf, ptr.hist, maxHistory);
  const histW = new Float32Array(buf, ptr.histW, maxHistory);
  const slot = new Int32Array(buf, ptr.slot, numItems).fill(-1);
  const items = new Int32Array(buf, ptr.outItems, numItems);
  const values = new Float32Array(buf, ptr.outValues, numItems * S);
  return {
    blocked: new Uint8Array(buf, ptr.blocked, numItems),
    slot,
    scatter(histItems, histWeights) {
      if (histItems.length > maxHistory) throw new Error(`case scatter: a history of ${histItems.length} items, room for ${maxHistory}`);
      hist.set(histItems);
      histW.set(histWeights);
      const reached = core.scatterCase(ptr.table, S, ptr.hist, ptr.histW, histItems.length, ptr.blocked, ptr.slot, ptr.acc, ptr.outItems, ptr.outValues);
      return { reached, items, values };
    },
  };
};
