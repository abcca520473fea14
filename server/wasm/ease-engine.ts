// The production exact-EASE engine (models/ease.ts): the n × n matrix is copied into one
// instance once, factored, inverted and read out row by row in place — about 4n² bytes of
// WASM memory besides the host's Gram matrix, never grown.
import { checkEaseArguments, notPositiveDefinite, type DenseEase } from "../../models/ease.js";
import { growableFloat32, growableInt32 } from "../../models/growable.js";
import { instantiate, type WasmBuild } from "./module.js";

// A 32-bit WASM instance addresses 4 GiB; the matrix leaves room for the rest (n ≤ ~31,000).
const MAX_MATRIX_BYTES = 3.75 * 2 ** 30;
// Rows read out per call, so the output buffers stay near 4M entries whatever `keep` is.
const OUT_ENTRIES = 1 << 22;

/**
 * Floats from one row of the matrix to the next: n padded to an odd multiple of 16, so rows
 * start on 64-byte cache lines and a column's entries spread over every L1 set (with a
 * power-of-two stride they all fall in a few sets: ~20% slower at n = 4096, measured).
 */
export function easeStride(n: number): number {
  return n + ((48 - (n % 32)) % 32);
}

/** The three stages, callable one by one (the benchmark times each). */
export interface EaseInstance {
  /** G + λI = LLᵀ; throws if not positive definite. */
  factor(lambda: number): void;
  /** The factor ← P = (G + λI)⁻¹. */
  invert(): void;
  /** Each item's `keep` largest |B[h, j]| from P, as CSR. */
  rows(): { rowPtr: Int32Array; cols: Int32Array; sims: Float32Array };
}

export function easeInstance(gram: Float32Array, n: number, keep: number, build: WasmBuild = "release"): EaseInstance {
  const chunk = Math.max(1, Math.min(n, Math.floor(OUT_ENTRIES / Math.max(1, keep))));
  const stride = easeStride(n);
  if (n * stride * 4 > MAX_MATRIX_BYTES) {
    throw new Error(`dense EASE: ${n} items need ${(n * stride * 4 / 2 ** 30).toFixed(1)} GiB of WASM memory, over the ${MAX_MATRIX_BYTES / 2 ** 30} GiB an instance can address`);
  }
  const { core, ptr } = instantiate(
    { matrix: n * stride * 4 + 64, outPtr: (chunk + 1) * 4, outCols: chunk * keep * 4, outWeights: chunk * keep * 4 },
    build,
  );
  const buf = core.memory.buffer;
  const at = Math.ceil(ptr.matrix / 64) * 64; // rows on cache lines
  const matrix = new Float32Array(buf, at, n * stride);
  for (let i = 0; i < n; i++) matrix.set(gram.subarray(i * n, (i + 1) * n), i * stride);
  const outPtr = new Int32Array(buf, ptr.outPtr, chunk + 1);
  const outCols = new Int32Array(buf, ptr.outCols, chunk * keep);
  const outWeights = new Float32Array(buf, ptr.outWeights, chunk * keep);
  return {
    factor(lambda) {
      const status = core.spdFactor(at, n, stride, lambda);
      if (status !== 0) throw notPositiveDefinite(status - 1, lambda);
    },
    invert: () => core.spdInverse(at, n, stride),
    rows() {
      const rowPtr = new Int32Array(n + 1);
      const cols = growableInt32(Math.max(16, Math.min(n * keep, 1 << 20)));
      const sims = growableFloat32(Math.max(16, Math.min(n * keep, 1 << 20)));
      for (let first = 0; first < n; first += chunk) {
        const last = Math.min(n, first + chunk);
        core.easeRows(at, n, stride, first, last, keep, ptr.outPtr, ptr.outCols, ptr.outWeights);
        const offset = cols.length;
        for (let p = 0; p < outPtr[last - first]; p++) {
          cols.push(outCols[p]);
          sims.push(outWeights[p]);
        }
        for (let r = 1; r <= last - first; r++) rowPtr[first + r] = offset + outPtr[r];
      }
      return { rowPtr, cols: cols.toArray(), sims: sims.toArray() };
    },
  };
}

/**
 * Exact EASE of the dense Gram matrix G = XᵀX (n × n float32, row-major; only its lower
 * triangle is read) with ridge λ, each item's `keep` strongest predictors kept.
 * O(n³/3) multiply-adds for each of factor, triangular inverse and product.
 */
export function denseEase(gram: Float32Array, n: number, lambda: number, keep: number, build: WasmBuild = "release"): DenseEase {
  checkEaseArguments(gram, n, lambda, keep);
  const ease = easeInstance(gram, n, keep, build);
  ease.factor(lambda);
  ease.invert();
  return { n, ...ease.rows(), lambda };
}
