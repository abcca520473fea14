// The training fit's two kernels against their plain-TypeScript references, on prepared
// cases of online-retail's shape (771 cases, ~430 candidates each, 4 sparse sources and
// a dense one; histories of up to 100 items through sources of 50 and 500 entries a row
// over 3,600 items): the blend of a weight setting with the k-best lists
// (core-wasm/blend-top-k.ts; models/blend-measure.ts) and a case's scatter
// (core-wasm/case-scatter.ts; models/case-scatter.ts). Checks each pair gives the same
// results, so a fast wrong kernel cannot pass. Median of --reps runs.
//   node dist/bench/fit-kernels.js [--reps 5]
import { parseArgs } from "node:util";
import { measureOf, rankCases, type PreparedCases } from "../models/blend-measure.js";
import { scatterCases, type ScatterEngine } from "../models/case-scatter.js";
import type { ItemNeighbours } from "../models/item-knn.js";
import { seededRandom } from "../models/random.js";
import { wasmBlendEngine } from "../server/wasm/blend-engine.js";
import { wasmScatterEngine } from "../server/wasm/scatter-engine.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({ options: { reps: { type: "string" } } });
const reps = Number(values.reps ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timed = (fn: () => number) => {
  const ms: number[] = [];
  let check = 0;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    check = fn();
    ms.push(performance.now() - t);
  }
  return { ms: Math.round(median(ms)), check };
};

printMachine();
const random = seededRandom(17);
const K = 20, CASES = 771, ITEMS = 3_600, STRIDE = 5;

// Blend: 600 settings from the fit's weight grid, a sixth of them with a scale per item.
const offsets = new Int32Array(CASES + 1);
for (let i = 0; i < CASES; i++) offsets[i + 1] = offsets[i] + 300 + Math.floor(random() * 260);
const total = offsets[CASES];
const prepared: PreparedCases = {
  offsets, stride: STRIDE, sparse: STRIDE - 1, numItems: ITEMS,
  items: Int32Array.from({ length: total }, () => Math.floor(random() * ITEMS)),
  popScores: Float32Array.from({ length: total }, () => random() ** 4),
  scores: Float32Array.from({ length: total * STRIDE }, () => (random() < 0.5 ? 0 : random() ** 3)),
  relevant: Array.from({ length: CASES }, () => new Set(Array.from({ length: 5 }, () => Math.floor(random() * ITEMS)))),
};
const grid = [0, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100];
const pick = () => grid[Math.floor(random() * grid.length)];
const settings = Array.from({ length: 600 }, () => ({ weights: [1, ...Array.from({ length: STRIDE - 1 }, pick)], beta: pick() }));
const scale = Float32Array.from({ length: ITEMS }, () => 0.5 + random());
const blendRun = (engine = rankCases) => () => {
  const measure = measureOf(prepared, K, engine);
  return settings.reduce((sum, { weights, beta }, i) => sum + measure(weights, beta, i % 6 === 0 ? scale : undefined).recall, 0);
};
const blendTs = timed(blendRun());
const blendWasm = timed(blendRun(wasmBlendEngine()));

// Scatter: item-kNN-like, exact-linear-like (500 a row), content-like and a recency-like source.
const source = (width: number): ItemNeighbours => {
  const rowPtr = new Int32Array(ITEMS + 1);
  for (let h = 0; h < ITEMS; h++) rowPtr[h + 1] = rowPtr[h] + width;
  return { n: ITEMS, rowPtr, cols: Int32Array.from({ length: ITEMS * width }, () => Math.floor(random() * ITEMS)), sims: Float32Array.from({ length: ITEMS * width }, () => random()) };
};
const sources = [source(50), source(500), source(50), source(1)];
const histories = Array.from({ length: CASES }, () => {
  const items = Int32Array.from({ length: 1 + Math.floor(random() * 100) }, () => Math.floor(random() * ITEMS));
  return { items, weights: Float32Array.from(items, () => random()) };
});
const scatterRun = (engine: ScatterEngine) => () => {
  const scatter = engine(sources, ITEMS, 100);
  let sum = 0;
  for (const h of histories) {
    const { reached, items, values } = scatter.scatter(h.items, h.weights);
    for (let t = 0; t < reached; t++) {
      sum += values[t * sources.length + 1];
      scatter.slot[items[t]] = -1;
    }
  }
  return sum;
};
const scatterTs = timed(scatterRun(scatterCases));
const scatterWasm = timed(scatterRun(wasmScatterEngine()));

const same = blendTs.check === blendWasm.check && scatterTs.check === scatterWasm.check;
console.log(JSON.stringify({
  code: codeVersion(), reps, cases: CASES, candidates: total, settings: settings.length,
  blend: { tsMs: blendTs.ms, wasmMs: blendWasm.ms, speedup: +(blendTs.ms / blendWasm.ms).toFixed(2) },
  scatter: { tsMs: scatterTs.ms, wasmMs: scatterWasm.ms, speedup: +(scatterTs.ms / scatterWasm.ms).toFixed(2) },
  same,
}));
if (!same) process.exitCode = 1;
