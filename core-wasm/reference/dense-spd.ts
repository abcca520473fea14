// Plain-TypeScript reference of exact EASE's dense kernels, core-wasm/spd-factor.ts,
// spd-inverse.ts and ease-rows.ts: the same three steps, unblocked, in float64. The kernels
// work in float32 and block their sums differently, so the two agree to float32 rounding
// amplified by the conditioning of G + λI, not bit for bit.
import { TopK } from "../../models/top-k.js";
import { choleskyFactor } from "../../models/cholesky.js";

/** In place: the lower triangle ← L with LLᵀ = A + λI. Returns 0, or 1 + the failing pivot. */
export const spdFactorReference = (a: Float64Array, n: number, lambda: number): number => choleskyFactor(a, n, lambda);

/** In place: the factor L (lower) ← P = L⁻ᵀL⁻¹, the whole symmetric matrix. */
export function spdInverseReference(a: Float64Array, n: number): void {
  // X = L⁻¹ by forward substitution, one column at a time, into a copy.
  const x = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    x[c * n + c] = 1 / a[c * n + c];
    for (let i = c + 1; i < n; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s += a[i * n + k] * x[k * n + c];
      x[i * n + c] = -s / a[i * n + i];
    }
  }
  // P[i][j] = Σ_{k ≥ max(i, j)} X[k][i] X[k][j]
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += x[k * n + i] * x[k * n + j];
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
}

/**
 * Rows [first, last) of B = −P / diag(P), diagonal excluded, exact zeros left out, each
 * row's keep entries of largest |B| (as float32; equal magnitudes by lower index), best first.
 */
export function easeRowsReference(p: Float64Array, n: number, first: number, last: number, keep: number): { ptr: Int32Array; cols: Int32Array; weights: Float32Array } {
  const ptr = new Int32Array(last - first + 1);
  const cols: number[] = [];
  const weights: number[] = [];
  const top = new TopK(keep);
  for (let j = first; j < last; j++) {
    const diag = p[j * n + j];
    for (let h = 0; h < n; h++) {
      const b = Math.fround(-p[j * n + h] / diag);
      if (h !== j && b !== 0) top.push(h, Math.abs(b));
    }
    for (const h of top.drain().idx) {
      cols.push(h);
      weights.push(-p[j * n + h] / diag);
    }
    ptr[j - first + 1] = cols.length;
  }
  return { ptr, cols: Int32Array.from(cols), weights: Float32Array.from(weights) };
}
