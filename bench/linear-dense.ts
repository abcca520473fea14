// Exact EASE (models/ease.ts) in WASM against its float64 TypeScript reference, on the
// Gram matrix of a seeded synthetic shop (2n shoppers, 1–16 items each, skewed
// popularity), λ = 2 × the mean diagonal (the default scale), each item's top 50 kept.
// Per size, the median of the runs: seconds of factor, inverse and extraction, GFLOP/s of
// factor + inverse (n³ flops: n³/3 each for potrf, trtri and lauum) and peak RSS. Each size
// runs in a child process of its own, so its peak RSS is its own; the reference runs after
// the WASM runs (wasmPeakRssMB is read before it starts) and only up to --reference-max.
// agreement: max |B_wasm − B_reference| over the entries both kept, ÷ max |B|.
//   node dist/bench/linear-dense.js [--sizes 1000,2000,4000,8000] [--runs 3] [--reference-max 2000]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { easeRowsReference, spdFactorReference, spdInverseReference } from "../core-wasm/reference/dense-spd.js";
import { easeLambda } from "../models/ease.js";
import { seededRandom } from "../models/random.js";
import { easeInstance } from "../server/wasm/ease-engine.js";
import { codeVersion } from "./code-version.js";
import { printMachine } from "./machine.js";

const KEEP = 50;
const { values } = parseArgs({
  options: { sizes: { type: "string" }, runs: { type: "string" }, "reference-max": { type: "string" }, child: { type: "string" } },
});
const runs = Number(values.runs ?? 3);
const referenceMax = Number(values["reference-max"] ?? 2000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 1000) / 1000;
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (fn: () => void) => {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
};

function syntheticGram(n: number): Float32Array {
  const random = seededRandom(42 + n);
  const g = new Float32Array(n * n);
  const basket = new Set<number>();
  for (let u = 0; u < 2 * n; u++) {
    basket.clear();
    const m = 1 + Math.floor(random() * 16);
    for (let t = 0; t < m; t++) basket.add(Math.floor(n * random() * random()));
    for (const i of basket) for (const j of basket) g[i * n + j]++;
  }
  return g;
}

type Rows = { rowPtr: Int32Array; cols: Int32Array; sims: Float32Array };

function measureSize(n: number) {
  const gram = syntheticGram(n);
  const lambda = easeLambda(gram, n, 2);
  const flops = n ** 3;
  // V8 first runs WASM from a baseline compiler and uses optimised code from a function's
  // next call on: one small run first, so the measured runs are optimised throughout.
  const warm = easeInstance(syntheticGram(256), 256, KEEP);
  warm.factor(lambda);
  warm.invert();
  warm.rows();
  const wasm: { copy: number; factor: number; invert: number; rows: number }[] = [];
  let wasmRows: Rows | undefined;
  for (let r = 0; r < runs; r++) {
    (globalThis as { gc?: () => void }).gc?.(); // the last run's instance, before this one's
    let ease!: ReturnType<typeof easeInstance>;
    const copy = seconds(() => (ease = easeInstance(gram, n, KEEP)));
    const factor = seconds(() => ease.factor(lambda));
    const invert = seconds(() => ease.invert());
    const rows = seconds(() => (wasmRows = ease.rows()));
    wasm.push({ copy, factor, invert, rows });
    process.stderr.write(`n ${n} wasm run ${r + 1}: ${(factor + invert + rows).toFixed(2)} s\n`);
  }
  const wasmPeak = peakRssMB();
  const phase = (xs: { [k: string]: number }[], k: string) => median(xs.map((x) => x[k]));
  const solve = median(wasm.map((x) => x.factor + x.invert));
  const result: Record<string, unknown> = {
    n, lambda: round(lambda), keep: KEEP,
    wasm: {
      seconds: round(median(wasm.map((x) => x.factor + x.invert + x.rows))),
      copySeconds: round(phase(wasm, "copy")), factorSeconds: round(phase(wasm, "factor")),
      inverseSeconds: round(phase(wasm, "invert")), rowsSeconds: round(phase(wasm, "rows")),
      gflops: round(flops / solve / 1e9), peakRssMB: wasmPeak,
    },
  };
  if (n <= referenceMax) {
    const ref: { factor: number; invert: number; rows: number }[] = [];
    let refRows: Rows | undefined;
    for (let r = 0; r < runs; r++) {
      const a = Float64Array.from(gram);
      const factor = seconds(() => spdFactorReference(a, n, lambda));
      const invert = seconds(() => spdInverseReference(a, n));
      const rows = seconds(() => {
        const out = easeRowsReference(a, n, 0, n, KEEP);
        refRows = { rowPtr: out.ptr, cols: out.cols, sims: out.weights };
      });
      ref.push({ factor, invert, rows });
      process.stderr.write(`n ${n} reference run ${r + 1}: ${(factor + invert + rows).toFixed(2)} s\n`);
    }
    const refSolve = median(ref.map((x) => x.factor + x.invert));
    result.reference = {
      seconds: round(median(ref.map((x) => x.factor + x.invert + x.rows))),
      gflops: round(flops / refSolve / 1e9), peakRssMB: peakRssMB(),
    };
    result.speedup = round(refSolve / solve);
    result.agreement = agreement(wasmRows!, refRows!, n);
  }
  return result;
}

/** max |ΔB| over the (row, item) pairs both lists hold, ÷ the largest |B|, and the share held by both. */
function agreement(a: Rows, b: Rows, n: number): { maxRelError: number; sharedEntries: number } {
  let err = 0, top = 0, shared = 0;
  const weight = new Map<number, number>();
  for (let j = 0; j < n; j++) {
    weight.clear();
    for (let p = b.rowPtr[j]; p < b.rowPtr[j + 1]; p++) {
      weight.set(b.cols[p], b.sims[p]);
      top = Math.max(top, Math.abs(b.sims[p]));
    }
    for (let p = a.rowPtr[j]; p < a.rowPtr[j + 1]; p++) {
      const w = weight.get(a.cols[p]);
      if (w === undefined) continue;
      shared++;
      err = Math.max(err, Math.abs(a.sims[p] - w));
    }
  }
  return { maxRelError: top > 0 ? Number((err / top).toExponential(2)) : 0, sharedEntries: round(shared / Math.max(1, b.cols.length)) };
}

if (values.child) {
  process.stdout.write(JSON.stringify(measureSize(Number(values.child))) + "\n");
} else {
  printMachine();
  const sizes = (values.sizes ?? "1000,2000,4000,8000").split(",").map(Number);
  const rows = [];
  for (const n of sizes) {
    const child = spawnSync(
      process.execPath,
      ["--expose-gc", fileURLToPath(import.meta.url), "--child", String(n), "--runs", String(runs), "--reference-max", String(referenceMax)],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`size ${n} failed (exit ${child.status})`);
    rows.push(JSON.parse(child.stdout));
  }
  process.stdout.write(JSON.stringify({ linearDense: { code: codeVersion(), runs, rows } }) + "\n");
}
