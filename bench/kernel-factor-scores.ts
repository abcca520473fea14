// The request-time factor kernel — score(j) = y_j · x for every item — in WASM (SIMD)
// against its plain-TypeScript reference, at 10k, 100k and 1M items × 64 dimensions,
// and against the memory-bandwidth bound: bytes read ÷ this machine's read bandwidth,
// measured in the same run with memcmp over two 512 MiB buffers (native, read-only), and
// against a WASM loop that only reads the item factors (wasmReadMs, four streams).
// int8Ms: the same scores from int8 codes (factorPrecision int8), against the bound for
// the bytes it reads.
//   node dist/bench/kernel-factor-scores.js [--reps 15]
import { parseArgs } from "node:util";
import { instantiate } from "../server/wasm/module.js";
import { factorScores } from "../core-wasm/reference/als.js";
import { quantizeQuery, quantizeRows } from "../models/int8-factors.js";
import { seededRandom } from "../models/random.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({ options: { reps: { type: "string" } } });
const reps = Number(values.reps ?? 15);
const F = 64;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn: () => void, times: number) => {
  // Warm-up for ≥ 200 ms: V8 compiles WASM in a baseline tier first and optimises a
  // function once it has run a while; a 10k-item call is over before that otherwise.
  for (const start = performance.now(); performance.now() - start < 200; ) fn();
  return median(Array.from({ length: times }, () => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  }));
};

printMachine();
const bandwidthGBs = (() => {
  const a = Buffer.alloc(512 * 2 ** 20, 7);
  const b = Buffer.alloc(512 * 2 ** 20, 7);
  const ms = time(() => a.compare(b), 5);
  return (2 * a.length) / (ms / 1000) / 1e9;
})();

const rows = [];
for (const n of [10_000, 100_000, 1_000_000]) {
  const random = seededRandom(n);
  const items = Float32Array.from({ length: n * F }, () => random() - 0.5);
  const x = Float32Array.from({ length: F }, () => random() - 0.5);
  const { core, ptr } = instantiate({ items: n * F * 4, x: F * 4, out: n * 4 });
  new Float32Array(core.memory.buffer, ptr.items, n * F).set(items);
  new Float32Array(core.memory.buffer, ptr.x, F).set(x);
  const wasmMs = time(() => core.factorScores(ptr.items, n, F, ptr.x, 1, ptr.out), reps);
  const refMs = time(() => factorScores(items, n, F, x, 1), Math.max(3, Math.floor(reps / 3)));
  // The same bytes read by the plainest WASM loop: what a WASM kernel can read at best.
  const wasmReadMs = time(() => core.sumFloats(ptr.items, n * F), reps);
  const rowsI8 = quantizeRows(items, n, F);
  const i8 = instantiate({ codes: n * rowsI8.stride, scales: n * 4, query: rowsI8.stride * 2, out: n * 4 });
  new Int8Array(i8.core.memory.buffer, i8.ptr.codes, n * rowsI8.stride).set(rowsI8.codes);
  new Float32Array(i8.core.memory.buffer, i8.ptr.scales, n).set(rowsI8.scales);
  const query = quantizeQuery(x, F, new Int16Array(i8.core.memory.buffer, i8.ptr.query, rowsI8.stride));
  const int8Ms = time(() => i8.core.factorScoresI8(i8.ptr.codes, i8.ptr.scales, n, rowsI8.stride, i8.ptr.query, query.scale, 1, i8.ptr.out), reps);
  const int8BoundMs = ((n * rowsI8.stride + 2 * n * 4) / (bandwidthGBs * 1e9)) * 1000;
  // Agreement check, so a fast wrong kernel cannot pass: same top item.
  const wasmOut = new Float32Array(core.memory.buffer, ptr.out, n);
  const refOut = factorScores(items, n, F, x, 1);
  const argmax = (a: Float32Array) => a.reduce((best, v, i) => (v > a[best] ? i : best), 0);
  const bytes = n * F * 4 + n * 4;
  const boundMs = (bytes / (bandwidthGBs * 1e9)) * 1000;
  rows.push({
    items: n, dims: F, wasmMs: round(wasmMs), referenceMs: round(refMs), speedup: round(refMs / wasmMs),
    boundMs: round(boundMs), wasmOverBound: round(wasmMs / boundMs),
    wasmReadMs: round(wasmReadMs), wasmOverWasmRead: round(wasmMs / wasmReadMs), sameTopItem: argmax(wasmOut) === argmax(refOut),
    int8Ms: round(int8Ms), int8OverItsBound: round(int8Ms / int8BoundMs), int8SpeedupOverFloat32: round(wasmMs / int8Ms),
  });
}
process.stdout.write(JSON.stringify({ kernel: { code: codeVersion(), readBandwidthGBs: round(bandwidthGBs), reps, rows } }) + "\n");

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
