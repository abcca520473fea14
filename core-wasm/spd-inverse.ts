// The factor from spd-factor.ts turned into P = (A + λI)⁻¹ in place: the triangular inverse
// (LAPACK trtri), then the product P = L⁻ᵀL⁻¹ (lauum); the layout is in spd-blocks.ts.
import { at, axpyRange, NB, scaleRange, updateTN } from "./spd-blocks";

// Columns per pass of the small triangular multiplies: 64 rows of this many stay in L2.
const CW = 512;

/** A lower-triangular w × w block inverted in place (LAPACK trti2); its upper part zeroed. */
function invertDiagonal(d: usize, w: i32, ld: usize): void {
  for (let j = w - 1; j >= 0; j--) {
    const pj = d + <usize>j * ld + (<usize>j << 2);
    const inv: f32 = 1 / load<f32>(pj);
    store<f32>(pj, inv);
    // Column j below the diagonal: −inv · (already inverted trailing block) · (column j of L),
    // bottom up so each entry of L is read before it is overwritten.
    for (let i = w - 1; i > j; i--) {
      const ri = d + <usize>i * ld;
      let s: f32 = 0;
      for (let k = j + 1; k <= i; k++) s += load<f32>(ri + (<usize>k << 2)) * load<f32>(d + <usize>k * ld + (<usize>j << 2));
      store<f32>(ri + (<usize>j << 2), -inv * s);
    }
  }
  for (let i = 0; i + 1 < w; i++) memory.fill(d + <usize>i * ld + (<usize>(i + 1) << 2), 0, <usize>(w - i - 1) << 2);
}

/** S ← sign · T S for T lower w × w at t and S w rows × cols at s: bottom-up, in place. */
function multiplyLower(t: usize, w: i32, s: usize, cols: i32, ld: usize, sign: f32): void {
  for (let c0 = 0; c0 < cols; c0 += CW) {
    const c1 = min(cols, c0 + CW);
    for (let i = w - 1; i >= 0; i--) {
      const ri = s + <usize>i * ld, ti = t + <usize>i * ld;
      // row i ← sign·T[i][i]·row i + Σ_{k<i} sign·T[i][k]·row k (rows above still hold S)
      scaleRange(ri, sign * load<f32>(ti + (<usize>i << 2)), c0, c1);
      for (let k = 0; k < i; k++) axpyRange(ri, sign * load<f32>(ti + (<usize>k << 2)), s + <usize>k * ld, c0, c1);
    }
  }
}

/** S ← Tᵀ S for T lower w × w at t and S w rows × cols at s: top-down, in place. */
function multiplyLowerTransposed(t: usize, w: i32, s: usize, cols: i32, ld: usize): void {
  for (let c0 = 0; c0 < cols; c0 += CW) {
    const c1 = min(cols, c0 + CW);
    for (let i = 0; i < w; i++) {
      const ri = s + <usize>i * ld;
      scaleRange(ri, load<f32>(t + <usize>i * ld + (<usize>i << 2)), c0, c1);
      for (let k = i + 1; k < w; k++) axpyRange(ri, load<f32>(t + <usize>k * ld + (<usize>i << 2)), s + <usize>k * ld, c0, c1);
    }
  }
}

/**
 * L⁻¹ in place of L, by block rows top-down (so the inverse so far, X, is rows above):
 * X[I][<I] = −X[I][I] · (L[I][<I] · X[<I][<I]), reading L[I][<I] from its transpose above
 * the diagonal; each block's strip above is zeroed once used, so X's upper triangle reads 0.
 */
function invertFactor(a: usize, n: i32, ld: usize): void {
  for (let ib = 0; ib < n; ib += NB) {
    const w = min(NB, n - ib);
    const row = at(a, ld, ib, 0);
    if (ib > 0) {
      for (let i = 0; i < w; i++) memory.fill(row + <usize>i * ld, 0, <usize>ib << 2);
      updateTN(w, ib, ib, at(a, ld, 0, ib), a, row, ld, 1, false, true);
    }
    const d = at(a, ld, ib, ib);
    invertDiagonal(d, w, ld);
    if (ib > 0) {
      multiplyLower(d, w, row, ib, ld, -1);
      for (let k = 0; k < ib; k++) memory.fill(at(a, ld, k, ib), 0, <usize>w << 2);
    }
  }
}

/**
 * P = XᵀX in place of X lower (LAPACK lauum), by block rows top-down: block row I of P
 * needs only rows ≥ I of X, so row I is overwritten once it is no longer read.
 */
function multiplyTransposeSelf(a: usize, n: i32, ld: usize): void {
  for (let ib = 0; ib < n; ib += NB) {
    const w = min(NB, n - ib);
    const d = at(a, ld, ib, ib);
    const row = at(a, ld, ib, 0);
    if (ib > 0) multiplyLowerTransposed(d, w, row, ib, ld);
    // The diagonal block's own part: P[i][c] = Σ_{k ≥ i} X[k][i] X[k][c], c ≤ i, top-down.
    for (let i = 0; i < w; i++) {
      const ri = d + <usize>i * ld;
      for (let c = 0; c <= i; c++) {
        let s: f32 = 0;
        for (let k = i; k < w; k++) {
          const rk = d + <usize>k * ld;
          s += load<f32>(rk + (<usize>i << 2)) * load<f32>(rk + (<usize>c << 2));
        }
        store<f32>(ri + (<usize>c << 2), s);
      }
    }
    const below = n - ib - w;
    if (below > 0) {
      const under = at(a, ld, ib + w, ib);
      if (ib > 0) updateTN(w, ib, below, under, at(a, ld, ib + w, 0), row, ld, 1, false, false);
      updateTN(w, w, below, under, under, d, ld, 1, true, false);
    }
  }
}

/** The strict upper triangle ← the lower one's transpose, in 32 × 32 tiles for the cache. */
function mirrorLower(a: usize, n: i32, ld: usize): void {
  for (let i0 = 0; i0 < n; i0 += 32) {
    for (let j0 = 0; j0 <= i0; j0 += 32) {
      const i1 = min(n, i0 + 32);
      for (let i = i0; i < i1; i++) {
        const j1 = min(i, j0 + 32);
        for (let j = j0; j < j1; j++) store<f32>(at(a, ld, j, i), load<f32>(at(a, ld, i, j)));
      }
    }
  }
}

/** In place: the factor from spdFactor ← P = (A + λI)⁻¹, all of it (symmetric). */
export function spdInverse(a: usize, n: i32, stride: i32): void {
  const ld = <usize>stride << 2;
  invertFactor(a, n, ld);
  multiplyTransposeSelf(a, n, ld);
  mirrorLower(a, n, ld);
}
