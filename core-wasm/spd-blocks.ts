// The layout and the multiply-adds the dense SPD kernels of exact EASE (Steck 2019) share.
// They work in place on one dense n × n float32 matrix, row-major with rows `stride` floats
// apart (the host pads them: see server/wasm/ease-engine.ts): A = G + λI is factored
// A = LLᵀ (LAPACK potrf, spd-factor.ts), L is inverted (trtri) and P = L⁻ᵀL⁻¹ = A⁻¹ formed
// (lauum, spd-inverse.ts); easeRows (ease-rows.ts) then reads B[h, j] = −P[h, j] / P[j, j].
//
// The strict upper triangle is the algorithms' scratch, never an input: spdFactor leaves
// Lᵀ there, so every large update reads both of its operands along rows (the form SIMD
// and the cache like, C[i][j] ± Σ_k A[k][i]·B[k][j]); invertFactor zeroes it block by
// block; spdInverse ends by mirroring the lower triangle, so all of P is valid.

// Panel width: the panels' own work (diagonal blocks, triangular solves) grows with it,
// the trailing update's passes over memory shrink with it.
export const NB = 64;
// Cache blocking of the updates: a KC × NC block of B (128 KB) stays in L2 while every row
// tile of C passes over it.
const KC = 128;
const NC = 256;

/** The address of [i][j] in a matrix whose rows are ld bytes apart. */
@inline export function at(a: usize, ld: usize, i: i32, j: i32): usize {
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
export function updateTN(m: i32, nn: i32, kk: i32, a: usize, b: usize, c: usize, ld: usize, sign: f32, lower: bool, fromJ: bool): void {
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
@inline export function axpyRange(y: usize, s: f32, x: usize, from: i32, to: i32): void {
  const sv = f32x4.splat(s);
  let c = from;
  for (; c + 4 <= to; c += 4) {
    const o = <usize>c << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(sv, v128.load(x + o))));
  }
  for (; c < to; c++) store<f32>(y + (<usize>c << 2), load<f32>(y + (<usize>c << 2)) + s * load<f32>(x + (<usize>c << 2)));
}

/** y[c] ·= s for c in [from, to). */
@inline export function scaleRange(y: usize, s: f32, from: i32, to: i32): void {
  const sv = f32x4.splat(s);
  let c = from;
  for (; c + 4 <= to; c += 4) v128.store(y + (<usize>c << 2), f32x4.mul(sv, v128.load(y + (<usize>c << 2))));
  for (; c < to; c++) store<f32>(y + (<usize>c << 2), s * load<f32>(y + (<usize>c << 2)));
}
