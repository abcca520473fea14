// The fit's case scatter (core-wasm/case-scatter.ts): the sources' rows copied into WASM
// memory once per setting, then one call a case. Same items and sums as the TypeScript
// reference (models/case-scatter.ts `scatterCases`). One instance serves every setting
// of a fit, laid out afresh each time and replaced only when too small: on the standard
// large shop a setting's rows take ~120 MB, and an instance per setting would leave the
// garbage collector a dozen of them to find.
import type { ScatterEngine } from "../../models/case-scatter.js";
import { instantiate, type CoreExports, type WasmBuild } from "./module.js";

const align = (x: number) => Math.ceil(x / 16) * 16;

export const wasmScatterEngine = (build: WasmBuild = "release"): ScatterEngine => {
  let arena: { core: CoreExports; base: number; bytes: number } | undefined;
  return (sources, numItems, maxHistory) => {
    const S = sources.length;
    const sizes: [string, number][] = [
      ["table", S * 16], ["hist", maxHistory * 4], ["histW", maxHistory * 4], ["blocked", numItems], ["slot", numItems * 4],
      ["acc", numItems * S * 4], ["outItems", numItems * 4], ["outValues", numItems * S * 4],
      ...sources.flatMap((src, s): [string, number][] => [[`rowPtr${s}`, src.rowPtr.byteLength], [`cols${s}`, src.cols.byteLength], [`sims${s}`, src.sims.byteLength]]),
    ];
    const at: Record<string, number> = {};
    let bytes = 0;
    for (const [name, size] of sizes) {
      at[name] = bytes;
      bytes = align(bytes + size);
    }
    if (!arena || arena.bytes < bytes) {
      const room = align(bytes * 1.25);
      const { core, ptr } = instantiate({ arena: room }, build);
      arena = { core, base: ptr.arena, bytes: room };
    } else {
      new Uint8Array(arena.core.memory.buffer, arena.base, bytes).fill(0);
    }
    const { core, base } = arena;
    const ptr = (name: string) => base + at[name];
    const buf = core.memory.buffer;
    const table = new Uint32Array(buf, ptr("table"), S * 4);
    sources.forEach((src, s) => {
      new Int32Array(buf, ptr(`rowPtr${s}`), src.rowPtr.length).set(src.rowPtr);
      new Int32Array(buf, ptr(`cols${s}`), src.cols.length).set(src.cols);
      new Float32Array(buf, ptr(`sims${s}`), src.sims.length).set(src.sims);
      table.set([ptr(`rowPtr${s}`), ptr(`cols${s}`), ptr(`sims${s}`), src.n], s * 4);
    });
    const hist = new Int32Array(buf, ptr("hist"), maxHistory);
    const histW = new Float32Array(buf, ptr("histW"), maxHistory);
    const items = new Int32Array(buf, ptr("outItems"), numItems);
    const values = new Float32Array(buf, ptr("outValues"), numItems * S);
    const args = [ptr("table"), S, ptr("hist"), ptr("histW")] as const;
    const state = [ptr("blocked"), ptr("slot"), ptr("acc"), ptr("outItems"), ptr("outValues")] as const;
    return {
      blocked: new Uint8Array(buf, ptr("blocked"), numItems),
      slot: new Int32Array(buf, ptr("slot"), numItems).fill(-1),
      scatter(histItems, histWeights) {
        if (histItems.length > maxHistory) throw new Error(`case scatter: a history of ${histItems.length} items, room for ${maxHistory}`);
        hist.set(histItems);
        histW.set(histWeights);
        const reached = core.scatterCase(...args, histItems.length, ...state);
        return { reached, items, values };
      },
    };
  };
};
