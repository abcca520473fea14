// Implicit-feedback matrix factorisation (iALS, Hu, Koren & Volinsky 2008) over linear
// memory, with f32x4 SIMD. Factor rows are f floats (f a multiple of 4), row-major.
// For a row u with observed columns j and confidences c_uj, the update solves
//   (YᵀY + λI + Σ_j (c_uj − 1) y_j y_jᵀ) x_u = Σ_j c_uj y_j
// by a few conjugate-gradient steps warm-started at the current x_u (Takács, Pilászy &
// Tikk 2011): O(f² + |u|·f) per step instead of O(f³) for an exact solve.

import { dot, dotI8 } from "./vector";

/** y += a · x */
@inline function axpy(y: usize, a: f32, x: usize, f: i32): void {
  const av = f32x4.splat(a);
  for (let i = 0; i < f; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(av, v128.load(x + o))));
  }
}

/** y = x + a · y */
@inline function xpay(y: usize, x: usize, a: f32, f: i32): void {
  const av = f32x4.splat(a);
  for (let i = 0; i < f; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(v128.load(x + o), f32x4.mul(av, v128.load(y + o))));
  }
}

@inline function zero(p: usize, f: i32): void {
  memory.fill(p, 0, <usize>f << 2);
}

/** G = YᵀY + λI over the first `rows` rows of Y (f × f, row-major). */
export function gramPlusRidge(y: usize, rows: i32, f: i32, lambda: f32, g: usize): void {
  zero(g, f * f);
  const rowBytes = <usize>f << 2;
  for (let r = 0; r < rows; r++) {
    const yr = y + <usize>r * rowBytes;
    for (let i = 0; i < f; i++) {
      const yi = load<f32>(yr + (<usize>i << 2));
      if (yi != 0) axpy(g + <usize>i * rowBytes, yi, yr, f);
    }
  }
  for (let i = 0; i < f; i++) {
    const d = g + (<usize>(i * f + i) << 2);
    store<f32>(d, load<f32>(d) + lambda);
  }
}

/** out = A v for one row: G v + Σ_p (conf[p] − 1)(y_cols[p] · v) y_cols[p]. */
function applyA(g: usize, f: i32, cols: usize, conf: usize, start: i32, end: i32, y: usize, v: usize, out: usize): void {
  const rowBytes = <usize>f << 2;
  for (let i = 0; i < f; i++) store<f32>(out + (<usize>i << 2), dot(g + <usize>i * rowBytes, v, f));
  for (let p = start; p < end; p++) {
    const yj = y + <usize>load<i32>(cols + (<usize>p << 2)) * rowBytes;
    const c = load<f32>(conf + (<usize>p << 2)) - 1;
    if (c != 0) axpy(out, c * dot(yj, v, f), yj, f);
  }
}

/**
 * Conjugate-gradient steps on one row's system, x in place (warm start).
 * scratch holds 3 rows of f floats (r, p, Ap).
 */
export function cgRow(g: usize, f: i32, cols: usize, conf: usize, start: i32, end: i32, y: usize, x: usize, steps: i32, scratch: usize): void {
  const rowBytes = <usize>f << 2;
  const r = scratch, p = scratch + rowBytes, ap = scratch + 2 * rowBytes;
  // r = b − A x, with b = Σ conf · y_j
  applyA(g, f, cols, conf, start, end, y, x, ap);
  zero(r, f);
  for (let q = start; q < end; q++) {
    axpy(r, load<f32>(conf + (<usize>q << 2)), y + <usize>load<i32>(cols + (<usize>q << 2)) * rowBytes, f);
  }
  axpy(r, -1, ap, f);
  memory.copy(p, r, rowBytes);
  let rsOld = dot(r, r, f);
  for (let s = 0; s < steps; s++) {
    if (rsOld < 1e-12) break;
    applyA(g, f, cols, conf, start, end, y, p, ap);
    const pap = dot(p, ap, f);
    if (pap <= 0) break;
    const alpha = rsOld / pap;
    axpy(x, alpha, p, f);
    axpy(r, -alpha, ap, f);
    const rsNew = dot(r, r, f);
    xpay(p, r, rsNew / rsOld, f);
    rsOld = rsNew;
  }
}

/**
 * One half of an ALS iteration: recomputes G = YᵀY + λI, then updates every row of X
 * from its CSR row (rowPtr, cols, conf). Rows with no entries are set to zero.
 * scratch: f·f floats for G followed by 3·f floats.
 */
export function alsSweep(rows: i32, rowPtr: usize, cols: usize, conf: usize, y: usize, yRows: i32, x: usize, f: i32, lambda: f32, steps: i32, scratch: usize): void {
  const g = scratch;
  const cg = scratch + (<usize>(f * f) << 2);
  gramPlusRidge(y, yRows, f, lambda, g);
  const rowBytes = <usize>f << 2;
  for (let u = 0; u < rows; u++) {
    const start = load<i32>(rowPtr + (<usize>u << 2));
    const end = load<i32>(rowPtr + (<usize>(u + 1) << 2));
    const xu = x + <usize>u * rowBytes;
    if (start == end) zero(xu, f);
    else cgRow(g, f, cols, conf, start, end, y, xu, steps, cg);
  }
}

/**
 * out[j] = weight · (y_j · x) for the n rows of Y. Rows are taken from four quarters of Y
 * at once: four sequential streams are read ~1.4× faster than one (the hardware prefetches
 * each; measured at 1M × 64 on this machine), and each row's sum is the same as in order.
 */
export function factorScores(y: usize, n: i32, f: i32, x: usize, weight: f32, out: usize): void {
  const rowBytes = <usize>f << 2;
  const q = n >> 2;
  const quarter = <usize>q * rowBytes, outQuarter = <usize>q << 2;
  for (let j = 0; j < q; j++) {
    const row = y + <usize>j * rowBytes, o = out + (<usize>j << 2);
    store<f32>(o, weight * dot(row, x, f));
    store<f32>(o + outQuarter, weight * dot(row + quarter, x, f));
    store<f32>(o + 2 * outQuarter, weight * dot(row + 2 * quarter, x, f));
    store<f32>(o + 3 * outQuarter, weight * dot(row + 3 * quarter, x, f));
  }
  for (let j = q << 2; j < n; j++) store<f32>(out + (<usize>j << 2), weight * dot(y + <usize>j * rowBytes, x, f));
}

/**
 * factorScores over int8 rows (codes, one scale per row, `stride` codes a row) and an
 * int16 query: a quarter of the bytes read (models/int8-factors.ts).
 */
export function factorScoresI8(codes: usize, scales: usize, n: i32, stride: i32, query: usize, queryScale: f32, weight: f32, out: usize): void {
  // Four rows at a time: the work per code is a few integer instructions, so loading the
  // query once for four rows and reducing four sums together (a transpose by shuffles)
  // matters here, unlike in the float32 kernel, which waits on memory.
  const rowBytes = <usize>stride;
  const q = f32x4.splat(queryScale), w = f32x4.splat(weight);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const r0 = codes + <usize>j * rowBytes;
    const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
    let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0);
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const qlo = v128.load(query + (i << 1)), qhi = v128.load(query + (i << 1) + 16);
      const c0 = v128.load(r0 + i), c1 = v128.load(r1 + i), c2 = v128.load(r2 + i), c3 = v128.load(r3 + i);
      a0 = i32x4.add(a0, i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_s(c0), qlo), i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_s(c0), qhi)));
      a1 = i32x4.add(a1, i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_s(c1), qlo), i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_s(c1), qhi)));
      a2 = i32x4.add(a2, i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_s(c2), qlo), i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_s(c2), qhi)));
      a3 = i32x4.add(a3, i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_s(c3), qlo), i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_s(c3), qhi)));
    }
    // [Σa0, Σa1, Σa2, Σa3]: lanes 0+2 and 1+3 of each, then the two halves (exact integers).
    const s01 = i32x4.add(v128.shuffle<i32>(a0, a1, 0, 4, 1, 5), v128.shuffle<i32>(a0, a1, 2, 6, 3, 7));
    const s23 = i32x4.add(v128.shuffle<i32>(a2, a3, 0, 4, 1, 5), v128.shuffle<i32>(a2, a3, 2, 6, 3, 7));
    const sums = f32x4.convert_i32x4_s(i32x4.add(v128.shuffle<i32>(s01, s23, 0, 1, 4, 5), v128.shuffle<i32>(s01, s23, 2, 3, 6, 7)));
    // The scalar order below: weight · ((sum · scale_j) · queryScale).
    const scaled = f32x4.mul(f32x4.mul(sums, v128.load(scales + (<usize>j << 2))), q);
    v128.store(out + (<usize>j << 2), f32x4.mul(w, scaled));
  }
  for (; j < n; j++) {
    const s = <f32>dotI8(codes + <usize>j * <usize>stride, query, stride);
    store<f32>(out + (<usize>j << 2), weight * (s * load<f32>(scales + (<usize>j << 2)) * queryScale));
  }
}
