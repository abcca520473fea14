// The blocked Cholesky factorisation (LAPACK potrf) of exact EASE's matrix, in place; the
// layout, and why Lᵀ is kept above the diagonal, are in spd-blocks.ts.
import { at, axpyRange, NB, updateTN } from "./spd-blocks";

/** Unblocked Cholesky of a w × w diagonal block; also writes Lᵀ above. −1 or the failing pivot. */
function factorDiagonal(d: usize, w: i32, ld: usize): i32 {
  for (let j = 0; j < w; j++) {
    const rj = d + <usize>j * ld;
    let s = load<f32>(rj + (<usize>j << 2));
    for (let k = 0; k < j; k++) {
      const v = load<f32>(rj + (<usize>k << 2));
      s -= v * v;
    }
    if (!(s > 0)) return j; // also NaN
    const pivot = Mathf.sqrt(s);
    store<f32>(rj + (<usize>j << 2), pivot);
    for (let i = j + 1; i < w; i++) {
      const ri = d + <usize>i * ld;
      let t = load<f32>(ri + (<usize>j << 2));
      for (let k = 0; k < j; k++) t -= load<f32>(ri + (<usize>k << 2)) * load<f32>(rj + (<usize>k << 2));
      const l = t / pivot;
      store<f32>(ri + (<usize>j << 2), l);
      store<f32>(rj + (<usize>i << 2), l);
    }
  }
  return -1;
}

/** Rows below a factored diagonal block: x Lᵀ = a for each row, using the Lᵀ kept above d. */
function solveBelow(d: usize, w: i32, r: usize, rows: i32, ld: usize): void {
  for (let i = 0; i < rows; i++, r += ld) {
    for (let j = 0; j < w; j++) {
      const dj = d + <usize>j * ld;
      const x = load<f32>(r + (<usize>j << 2)) / load<f32>(dj + (<usize>j << 2));
      store<f32>(r + (<usize>j << 2), x);
      axpyRange(r, -x, dj, j + 1, w);
    }
  }
}

/**
 * In place: A ← LLᵀ factor of A + λI, L in the lower triangle and Lᵀ in the strict upper.
 * Only the lower triangle of A is read. Returns 0, or 1 + the first pivot that is not
 * positive (A + λI not positive definite in float32).
 */
export function spdFactor(a: usize, n: i32, stride: i32, lambda: f32): i32 {
  const ld = <usize>stride << 2;
  for (let i = 0; i < n; i++) store<f32>(at(a, ld, i, i), load<f32>(at(a, ld, i, i)) + lambda);
  for (let jb = 0; jb < n; jb += NB) {
    const w = min(NB, n - jb);
    const d = at(a, ld, jb, jb);
    const failed = factorDiagonal(d, w, ld);
    if (failed >= 0) return jb + failed + 1;
    const below = n - jb - w;
    if (below == 0) break;
    const panel = at(a, ld, jb + w, jb);
    solveBelow(d, w, panel, below, ld);
    // The panel's transpose into the upper strip to its right: the update's operands.
    const strip = at(a, ld, jb, jb + w);
    for (let i = 0; i < below; i++) {
      const ri = panel + <usize>i * ld;
      for (let k = 0; k < w; k++) store<f32>(strip + <usize>k * ld + (<usize>i << 2), load<f32>(ri + (<usize>k << 2)));
    }
    updateTN(below, below, w, strip, strip, at(a, ld, jb + w, jb + w), ld, -1, true, false);
  }
  return 0;
}
