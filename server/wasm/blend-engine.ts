// The training fit's blend kernel (core-wasm/blend-top-k.ts): the prepared cases copied
// into an instance of their own once, then each setting measured is one call. Same lists
// as the TypeScript reference (models/blend-measure.ts `rankCases`).
import { activeSources, type BlendEngine } from "../../models/blend-measure.js";
import { instantiate, type WasmBuild } from "./module.js";

export const wasmBlendEngine = (build: WasmBuild = "release"): BlendEngine => (p, k) => {
  const { offsets, items, popScores, scores, stride, numItems } = p;
  const numCases = offsets.length - 1;
  const { core, ptr } = instantiate(
    {
      offsets: offsets.byteLength, items: items.byteLength, pop: popScores.byteLength, scores: scores.byteLength,
      active: stride * 4, weights: stride * 8, scale: numItems * 4, outItems: numCases * k * 4, outSizes: numCases * 4, topScore: k * 8,
    },
    build,
  );
  const buf = core.memory.buffer;
  new Int32Array(buf, ptr.offsets, offsets.length).set(offsets);
  new Int32Array(buf, ptr.items, items.length).set(items);
  new Float32Array(buf, ptr.pop, popScores.length).set(popScores);
  new Float32Array(buf, ptr.scores, scores.length).set(scores);
  const active = new Int32Array(buf, ptr.active, stride);
  const weights = new Float64Array(buf, ptr.weights, stride);
  const scale = new Float32Array(buf, ptr.scale, numItems);
  const lists = { top: new Int32Array(buf, ptr.outItems, numCases * k), sizes: new Int32Array(buf, ptr.outSizes, numCases) };
  let scaleCopied: Float32Array | undefined;
  return (w, beta, itemScale) => {
    const on = activeSources(w, p);
    active.set(on.active);
    weights.set(w);
    if (itemScale && itemScale !== scaleCopied) {
      scale.set(itemScale.subarray(0, numItems));
      scaleCopied = itemScale;
    }
    core.blendTopK(
      ptr.offsets, numCases, ptr.items, ptr.pop, ptr.scores, stride, ptr.active, on.active.length, on.sparse, ptr.weights, beta,
      itemScale ? ptr.scale : 0, k, ptr.outItems, ptr.outSizes, ptr.topScore,
    );
    return lists;
  };
};
