// A scoring core's model arrays (and its matrix by column: matrix-columns.ts) written into
// its fresh WASM memory. The first write of each page costs more than the copy (~2.5 ms a
// MB: ~0.3 s for the large shop's 114 MB), so a serving process that switches models under
// traffic writes them a slice at a time, with requests between (filledArena); the
// constructor writes them at once otherwise.
import { instantiate, type CoreExports, type WasmBuild } from "./module.js";
import { arenaSizes, factorStride } from "./core-arena.js";
import { writeColumns } from "./matrix-columns.js";
import type { FactorCandidates } from "./shopper-factor.js";
import type { ScoringLimits, ScoringModel } from "./scoring-core.js";

/** An instance laid out for a model, with its model arrays in place (see ScoringCore's constructor). */
export interface FilledArena {
  core: CoreExports;
  ptr: Record<keyof ReturnType<typeof arenaSizes>, number>;
}

/** Elements a slice writes: 1 MB of 4-byte values (a few ms of page faults). */
const SLICE = 1 << 18;

/** The large arrays of a model and where each goes. */
function modelArrays(model: ScoringModel, arena: FilledArena): [Int32Array | Float32Array, Int32Array | Float32Array][] {
  const buf = arena.core.memory.buffer;
  const { ptr } = arena;
  const out: [Int32Array | Float32Array, Int32Array | Float32Array][] = [
    [new Int32Array(buf, ptr.rowPtr, model.n + 1), model.rowPtr],
    [new Int32Array(buf, ptr.cols, model.cols.length), model.cols],
    [new Float32Array(buf, ptr.sims, model.sims.length), model.sims],
  ];
  if (model.factors) out.push([new Float32Array(buf, ptr.itemFactors, model.factors.items.length), model.factors.items]);
  return out;
}

/** Writes them at once. */
export function writeModelArrays(model: ScoringModel, arena: FilledArena): void {
  for (const [to, from] of modelArrays(model, arena)) to.set(from);
  for (const _ of writeColumns(model, arena.core.memory.buffer, arena.ptr, SLICE));
}

/** A fresh instance for `model` with its arrays written a slice at a time, awaiting `pause()` between slices. */
export async function filledArena(
  model: ScoringModel, limits: ScoringLimits, build: WasmBuild, ann: FactorCandidates | undefined, pause: () => Promise<void>,
): Promise<FilledArena> {
  const arena = instantiate(arenaSizes(model, limits, factorStride(model), ann), build);
  for (const [to, from] of modelArrays(model, arena)) {
    for (let at = 0; at < from.length; at += SLICE) {
      to.set(from.subarray(at, at + SLICE), at);
      await pause();
    }
  }
  for (const _ of writeColumns(model, arena.core.memory.buffer, arena.ptr, SLICE)) await pause();
  return arena;
}
