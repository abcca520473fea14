import type { AlsEngine, AlsProblem } from "../../models/ials.js";
// Plain-TypeScript reference of core-wasm/als.ts over typed arrays. The WASM kernels sum
// in SIMD lanes, so the two agree to rounding, not bit for bit; tests compare with a tolerance.

export function gramPlusRidge(y: Float32Array, rows: number, f: number, lambda: number): Float32Array {
  const g = new Float32Array(f * f);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < f; i++) {
      const yi = y[r * f + i];
      for (let j = 0; j < f; j++) g[i * f + j] += yi * y[r * f + j];
    }
  }
  for (let i = 0; i < f; i++) g[i * f + i] += lambda;
  return g;
}

const dot = (a: Float32Array, ao: number, b: Float32Array, bo: number, f: number) => {
  let s = 0;
  for (let i = 0; i < f; i++) s += a[ao + i] * b[bo + i];
  return s;
};

function applyA(g: Float32Array, f: number, cols: Int32Array, conf: Float32Array, start: number, end: number, y: Float32Array, v: Float64Array): Float64Array {
  const out = new Float64Array(f);
  for (let i = 0; i < f; i++) for (let j = 0; j < f; j++) out[i] += g[i * f + j] * v[j];
  for (let p = start; p < end; p++) {
    const yo = cols[p] * f;
    let d = 0;
    for (let i = 0; i < f; i++) d += y[yo + i] * v[i];
    const c = (conf[p] - 1) * d;
    for (let i = 0; i < f; i++) out[i] += c * y[yo + i];
  }
  return out;
}

/** CG steps on one row's system; x is the row at offset xo of X, updated in place. */
export function cgRow(g: Float32Array, f: number, cols: Int32Array, conf: Float32Array, start: number, end: number, y: Float32Array, x: Float32Array, xo: number, steps: number): void {
  const xv = Float64Array.from(x.subarray(xo, xo + f));
  const ax = applyA(g, f, cols, conf, start, end, y, xv);
  const r = new Float64Array(f);
  for (let q = start; q < end; q++) for (let i = 0; i < f; i++) r[i] += conf[q] * y[cols[q] * f + i];
  for (let i = 0; i < f; i++) r[i] -= ax[i];
  const p = Float64Array.from(r);
  let rsOld = r.reduce((s, v) => s + v * v, 0);
  for (let s = 0; s < steps; s++) {
    if (rsOld < 1e-12) break;
    const ap = applyA(g, f, cols, conf, start, end, y, p);
    let pap = 0;
    for (let i = 0; i < f; i++) pap += p[i] * ap[i];
    if (pap <= 0) break;
    const alpha = rsOld / pap;
    for (let i = 0; i < f; i++) {
      xv[i] += alpha * p[i];
      r[i] -= alpha * ap[i];
    }
    const rsNew = r.reduce((sum, v) => sum + v * v, 0);
    for (let i = 0; i < f; i++) p[i] = r[i] + (rsNew / rsOld) * p[i];
    rsOld = rsNew;
  }
  x.set(xv, xo);
}

export function alsSweep(rows: number, rowPtr: Int32Array, cols: Int32Array, conf: Float32Array, y: Float32Array, yRows: number, x: Float32Array, f: number, lambda: number, steps: number): void {
  const g = gramPlusRidge(y, yRows, f, lambda);
  for (let u = 0; u < rows; u++) {
    if (rowPtr[u] === rowPtr[u + 1]) x.fill(0, u * f, (u + 1) * f);
    else cgRow(g, f, cols, conf, rowPtr[u], rowPtr[u + 1], y, x, u * f, steps);
  }
}

export function factorScores(y: Float32Array, n: number, f: number, x: Float32Array, weight: number): Float32Array {
  return Float32Array.from({ length: n }, (_, j) => weight * dot(y, j * f, x, 0, f));
}

/** The reference AlsEngine: the same sweeps in plain TypeScript. */
export function referenceAlsEngine(p: AlsProblem): AlsEngine {
  const userFactors = p.userFactors.slice();
  const itemFactors = p.itemFactors.slice();
  const sweep = (side: AlsProblem["users"], y: Float32Array, yRows: number, x: Float32Array) =>
    alsSweep(side.rows, side.rowPtr, side.cols, side.conf, y, yRows, x, p.f, p.lambda, p.cgSteps);
  return {
    sweepUsers: () => sweep(p.users, itemFactors, p.items.rows, userFactors),
    sweepItems: () => sweep(p.items, userFactors, p.users.rows, itemFactors),
    read: () => ({ userFactors, itemFactors }),
  };
}
