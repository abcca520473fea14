// YᵀY + λI of a model's item factors, by the same WASM kernel a scoring core runs (so the
// same bits): the fold-in's system matrix, ~0.2 s on a 100k-item catalogue, which a
// serving process's model loading thread computes off the event loop (model-loading.ts).
import { instantiate } from "./module.js";

export function factorGram(items: Float32Array, n: number, f: number, lambda: number): Float32Array {
  const { core, ptr } = instantiate({ itemFactors: n * f * 4, gram: f * f * 4 });
  new Float32Array(core.memory.buffer, ptr.itemFactors, n * f).set(items);
  core.gramPlusRidge(ptr.itemFactors, n, f, lambda, ptr.gram);
  return new Float32Array(core.memory.buffer, ptr.gram, f * f).slice();
}
