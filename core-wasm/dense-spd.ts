// The exact EASE model (Steck 2019) over one dense n × n float32 matrix, row-major with
// rows `stride` floats apart (the host pads them: see server/wasm/ease-engine.ts), in
// place: A = G + λI is factored A = LLᵀ (LAPACK potrf), L is inverted (trtri) and
// P = L⁻ᵀL⁻¹ = A⁻¹ formed (lauum); easeRows then reads B[h, j] = −P[h, j] / P[j, j].
//
// The strict upper triangle is the algorithms' scratch, never an input: spdFactor leaves
// Lᵀ there, so every large update reads both of its operands along rows (the form SIMD
// and the cache like, C[i][j] ± Σ_k A[k][i]·B[k][j]); invertFactor zeroes it block by
// block; spdInverse ends by mirroring the lower triangle, so all of P is valid.
import { i32At, offer, setF32, setI32, sortHeap } from "./top-k";

// Panel width: the panels' own work (diagonal blocks, triangular solves) grows with it,
// the trailing update's passes over memory shrink with it.
const NB = 64;
// Cache blocking of the updates: a KC × NC block of B (128 KB) stays in L2 while every row
// tile of C passes over it.
const KC = 128;
const NC = 256;
// Columns per pass of the small triangular multiplies: 64 rows of this many stay in L2.
const CW = 512;

/** The address of [i][j] in a matrix whose rows are ld bytes apart. */
@inline function at(a: usize, ld: usize, i: i32, j: i32): usize {
  return a + <usize>i * ld + (<usize>j << 2);
}

/**
 * A 4 × 8 tile of C ± Σ_k A[k][i..i+4] ⊗ B[k][j..j+8] over kc rows of A and B: eight
 * accumulators stay in registers, and each step is 6 loads for 16 multiply/adds.
 */
@inline function tile4x8(a: usize, b: usize, c: usize, ld: usize, kc: i32, sign: f32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let s = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(s, b0));
    c01 = f32x4.add(c01, f32x4.mul(s, b1));
    s = v128.load32_splat(a, 4);
    c10 = f32x4.add(c10, f32x4.mul(s, b0));
    c11 = f32x4.add(c11, f32x4.mul(s, b1));
    s = v128.load32_splat(a, 8);
    c20 = f32x4.add(c20, f32x4.mul(s, b0));
    c21 = f32x4.add(c21, f32x4.mul(s, b1));
    s = v128.load32_splat(a, 12);
    c30 = f32x4.add(c30, f32x4.mul(s, b0));
    c31 = f32x4.add(c31, f32x4.mul(s, b1));
    a += ld;
    b += ld;
  }
  const sv = f32x4.splat(sign);
  v128.store(c, f32x4.add(v128.load(c), f32x4.mul(sv, c00)));
  v128.store(c, f32x4.add(v128.load(c, 16), f32x4.mul(sv, c01)), 16);
  c += ld;
  v128.store(c, f32x4.add(v128.load(c), f32x4.mul(sv, c10)));
  v128.store(c, f32x4.add(v128.load(c, 16), f32x4.mul(sv, c11)), 16);
  c += ld;
  v128.store(c, f32x4.add(v128.load(c), f32x4.mul(sv, c20)));
  v128.store(c, f32x4.add(v128.load(c, 16), f32x4.mul(sv, c21)), 16);
  c += ld;
  v128.store(c, f32x4.add(v128.load(c), f32x4.mul(sv, c30)));
  v128.store(c, f32x4.add(v128.load(c, 16), f32x4.mul(sv, c31)), 16);
}

/** The same for a partial tile (mr ≤ 4 rows, nr ≤ 8 columns) at the matrix's edges. */
function tileEdge(a: usize, b: usize, c: usize, ld: usize, kc: i32, mr: i32, nr: i32, sign: f32): void {
  for (let r = 0; r < mr; r++) {
    for (let q = 0; q < nr; q++) {
      let s: f32 = 0;
      for (let k = 0; k < kc; k++) {
        s += load<f32>(a + <usize>k * ld + (<usize>r << 2)) * load<f32>(b + <usize>k * ld + (<usize>q << 2));
      }
      const p = c + <usize>r * ld + (<usize>q << 2);
      store<f32>(p, load<f32>(p) + sign * s);
    }
  }
}

/**
 * C[i][j] += sign · Σ_k A[k][i] · B[k][j] for i < m, j < nn, k < kk, where A, B and C point
 * into the same matrix (rows ld bytes apart). lower: only the tiles that hold some j ≤ i (a
 * symmetric result; the rest of those tiles is upper-triangle scratch). fromJ: B[k][j] is
 * zero for k < j, so column tile j sums from k = j.
 */
function updateTN(m: i32, nn: i32, kk: i32, a: usize, b: usize, c: usize, ld: usize, sign: f32, lower: bool, fromJ: bool): void {
  for (let j0 = 0; j0 < nn; j0 += NC) {
    const j1 = min(nn, j0 + NC);
    for (let k0 = fromJ ? j0 : 0; k0 < kk; k0 += KC) {
      const k1 = min(kk, k0 + KC);
      for (let i = lower ? j0 : 0; i < m; i += 4) {
        const jEnd = lower ? min(j1, i + 4) : j1;
        const mr = min(4, m - i);
        for (let j = j0; j < jEnd; j += 8) {
          const ks = fromJ ? max(k0, j) : k0;
          if (ks >= k1) break;
          const pa = a + <usize>ks * ld + (<usize>i << 2);
          const pb = b + <usize>ks * ld + (<usize>j << 2);
          const pc = c + <usize>i * ld + (<usize>j << 2);
          const nr = min(8, nn - j);
          if (mr == 4 && nr == 8) tile4x8(pa, pb, pc, ld, k1 - ks, sign);
          else tileEdge(pa, pb, pc, ld, k1 - ks, mr, nr, sign);
        }
      }
    }
  }
}

/** y[c] += s · x[c] for c in [from, to). */
@inline function axpyRange(y: usize, s: f32, x: usize, from: i32, to: i32): void {
  const sv = f32x4.splat(s);
  let c = from;
  for (; c + 4 <= to; c += 4) {
    const o = <usize>c << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(sv, v128.load(x + o))));
  }
  for (; c < to; c++) store<f32>(y + (<usize>c << 2), load<f32>(y + (<usize>c << 2)) + s * load<f32>(x + (<usize>c << 2)));
}

/** y[c] ·= s for c in [from, to). */
@inline function scaleRange(y: usize, s: f32, from: i32, to: i32): void {
  const sv = f32x4.splat(s);
  let c = from;
  for (; c + 4 <= to; c += 4) v128.store(y + (<usize>c << 2), f32x4.mul(sv, v128.load(y + (<usize>c << 2))));
  for (; c < to; c++) store<f32>(y + (<usize>c << 2), s * load<f32>(y + (<usize>c << 2)));
}

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

/**
 * For each item j in [first, last): the keep items h ≠ j of largest |B[h, j]|, with
 * B[h, j] = −P[h, j] / P[j, j] (P from spdInverse), exact zeros left out; best first (equal
 * magnitudes by lower h), appended to outCols and outWeights; outPtr[r + 1] is the count
 * written after item first + r.
 */
export function easeRows(p: usize, n: i32, stride: i32, first: i32, last: i32, keep: i32, outPtr: usize, outCols: usize, outWeights: usize): void {
  let written = 0;
  setI32(outPtr, 0, 0);
  for (let j = first; j < last; j++) {
    const row = at(p, <usize>stride << 2, j, 0); // P is symmetric: row j is column j
    const diag = load<f32>(row + (<usize>j << 2));
    const items = outCols + (<usize>written << 2);
    const weights = outWeights + (<usize>written << 2);
    let size = 0;
    for (let h = 0; h < n; h++) {
      const b = -load<f32>(row + (<usize>h << 2)) / diag;
      if (h != j && b != 0) size = offer(items, weights, size, keep, h, Mathf.abs(b));
    }
    sortHeap(items, weights, size);
    // The heap ranked magnitudes; the weights keep their sign.
    for (let t = 0; t < size; t++) setF32(weights, t, -load<f32>(row + (<usize>i32At(items, t) << 2)) / diag);
    written += size;
    setI32(outPtr, j - first + 1, written);
  }
}
