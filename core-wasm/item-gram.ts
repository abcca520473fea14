// The linear item model without a dense Gram matrix (models/linear-sparse.ts): for a block
// of items j, the small ridge systems (G_NN + λI) b = G_Nj over j's neighbours N(j), filled
// from rows of G = XᵀX computed one at a time as the neighbour kernel computes them, then
// solved. Row r of j's system, G[h_r, h_c] (c ≤ r) and G[h_r, j], is read from row h_r
// exactly as models/linear-item.ts reads the dense matrix, and the f32 sums are formed in
// the same order as in item-neighbours.ts, so both paths give the same weights bit for bit.
//
// SIMD does not pay here: the row is a scatter and the systems a gather (wasm has neither),
// and the solve keeps the scalar order of models/cholesky.ts to stay bit-exact; it runs
// independent rows' sums side by side instead (belowFour).
import { f32At, i32At, setF32, setI32 } from "./top-k";

/**
 * The parameter block, laid out by server/wasm/item-gram-engine.ts: λ first (8 bytes),
 * then 4-byte fields in this order. Arrays are pointers into the host's arena.
 */
@unmanaged
export class GramParams {
  lambda: f64;
  n: i32;
  // The interaction matrix both ways: item → shoppers (CSC) and shopper → items (CSR).
  itemPtr: usize;
  itemUsers: usize;
  itemWeights: usize;
  userPtr: usize;
  userItems: usize;
  userWeights: usize;
  /** G[i, i] per item, as the neighbour kernel writes it (norm_i · norm_i in f32). */
  diag: usize;
  // The neighbour lists (CSR) and their reverse: for item h, the pairs (j, r) with h the
  // r-th neighbour of j, j ascending.
  knnPtr: usize;
  knnCols: usize;
  revPtr: usize;
  revItems: usize;
  revPos: usize;
  // The block [first, last) of items j, and the rows [rowFirst, rowLast) of this call.
  first: i32;
  last: i32;
  rowFirst: i32;
  rowLast: i32;
  /** Offset (floats) of each block item's system in `systems`: m(m+1)/2 packed rows, then m of right side. */
  sysOff: usize;
  systems: usize;
  // Scratch: acc (n floats, zero between rows), touched (n ints), the solve's f64 system.
  acc: usize;
  touched: usize;
  scratch: usize;
  /** Out: f64 weights of the block, at knnPtr[j] − knnPtr[first] + r. */
  weights: usize;
}

/** The block's size in bytes: the host checks its own layout against it. */
export function gramParamsBytes(): i32 {
  return <i32>offsetof<GramParams>();
}

@inline function tri(r: i32): i32 {
  return (r * (r + 1)) >> 1;
}

/**
 * Rows [rowFirst, rowLast) of G, each computed only if some item of the block has it as a
 * neighbour, scattered into those items' systems. Every slot of a block's systems is
 * written by exactly one row, once the calls have covered rows 0..n.
 */
export function gramRows(p: GramParams): void {
  const first = p.first, last = p.last;
  const revPtr = p.revPtr, revItems = p.revItems, revPos = p.revPos;
  for (let h = p.rowFirst; h < p.rowLast; h++) {
    const end = i32At(revPtr, h + 1);
    let q = i32At(revPtr, h);
    while (q < end && i32At(revItems, q) < first) q++;
    if (q == end || i32At(revItems, q) >= last) continue;
    const touchedLen = gramRow(p, h);
    for (; q < end; q++) {
      const j = i32At(revItems, q);
      if (j >= last) break;
      fillRow(p, j, i32At(revPos, q), h);
    }
    const acc = p.acc, touched = p.touched;
    for (let t = 0; t < touchedLen; t++) setF32(acc, i32At(touched, t), 0);
  }
}

/** acc[j] = G[h, j] for j ≠ h (the loop of item-neighbours.ts); returns the touched count. */
function gramRow(p: GramParams, h: i32): i32 {
  const itemUsers = p.itemUsers, itemWeights = p.itemWeights;
  const userPtr = p.userPtr, userItems = p.userItems, userWeights = p.userWeights;
  const acc = p.acc, touched = p.touched;
  let touchedLen = 0;
  const end = i32At(p.itemPtr, h + 1);
  for (let a = i32At(p.itemPtr, h); a < end; a++) {
    const u = i32At(itemUsers, a);
    const wh = f32At(itemWeights, a);
    const uEnd = i32At(userPtr, u + 1);
    for (let q = i32At(userPtr, u); q < uEnd; q++) {
      const j = i32At(userItems, q);
      if (j == h) continue;
      const v = f32At(acc, j);
      if (v == 0) setI32(touched, touchedLen++, j);
      setF32(acc, j, v + wh * f32At(userWeights, q));
    }
  }
  return touchedLen;
}

/** Row r of j's system from row h = h_r of G: G[h, h_c] for c < r, G[h, h], and G[h, j]. */
@inline function fillRow(p: GramParams, j: i32, r: i32, h: i32): void {
  const start = i32At(p.knnPtr, j);
  const m = i32At(p.knnPtr, j + 1) - start;
  const cols = p.knnCols + (<usize>start << 2);
  const sys = p.systems + (<usize>i32At(p.sysOff, j - p.first) << 2);
  const row = sys + (<usize>tri(r) << 2);
  const acc = p.acc;
  for (let c = 0; c < r; c++) setF32(row, c, f32At(acc, i32At(cols, c)));
  setF32(row, r, f32At(p.diag, h));
  setF32(sys, tri(m) + r, f32At(acc, j));
}

/**
 * Solves the systems of the block's items (their rows all filled by gramRows), adding λ to
 * the diagonal, and writes the weights; an item whose system is not positive definite
 * gets zeros (no weights), as in models/linear-item.ts.
 */
export function solveSystems(p: GramParams): void {
  const first = p.first, lambda = p.lambda;
  const base = i32At(p.knnPtr, first);
  for (let j = first; j < p.last; j++) {
    const start = i32At(p.knnPtr, j);
    const m = i32At(p.knnPtr, j + 1) - start;
    if (m == 0) continue;
    const sys = p.systems + (<usize>i32At(p.sysOff, j - first) << 2);
    const a = p.scratch;
    const lower = tri(m);
    const b = a + (<usize>lower << 3);
    for (let t = 0; t < lower; t++) store<f64>(a + (<usize>t << 3), <f64>f32At(sys, t));
    for (let r = 0; r < m; r++) {
      const d = a + (<usize>(tri(r) + r) << 3);
      store<f64>(d, load<f64>(d) + lambda);
      store<f64>(b + (<usize>r << 3), <f64>f32At(sys, lower + r));
    }
    const out = p.weights + (<usize>(start - base) << 3);
    if (choleskyPacked(a, b, m)) memory.copy(out, b, <usize>m << 3);
    else memory.fill(out, 0, <usize>m << 3);
  }
}

@inline function row(a: usize, i: i32): usize {
  return a + (<usize>tri(i) << 3);
}

/** Σ_{k<len} x[k]·y[k] subtracted from s one term at a time, in order (as models/cholesky.ts). */
@inline function minusDot(s: f64, x: usize, y: usize, len: i32): f64 {
  for (let k = 0; k < len; k++) s -= load<f64>(x + (<usize>k << 3)) * load<f64>(y + (<usize>k << 3));
  return s;
}

/**
 * a(i..i+3, j) below the diagonal as four independent chains: each subtracts its products
 * in the scalar order, so the result is bit-identical, but the chains overlap instead of
 * each waiting on the latency of the last subtraction (1.2× faster than one row at a time;
 * two rows in f64x2 lanes gained less, lanes being filled from two rows).
 */
@inline function belowFour(r0: usize, i: i32, rj: usize, j: i32, d: f64): void {
  const r1 = r0 + (<usize>(i + 1) << 3), r2 = r1 + (<usize>(i + 2) << 3), r3 = r2 + (<usize>(i + 3) << 3);
  const o = <usize>j << 3;
  let s0 = load<f64>(r0 + o), s1 = load<f64>(r1 + o), s2 = load<f64>(r2 + o), s3 = load<f64>(r3 + o);
  for (let k: usize = 0; k < o; k += 8) {
    const x = load<f64>(rj + k);
    s0 -= load<f64>(r0 + k) * x;
    s1 -= load<f64>(r1 + k) * x;
    s2 -= load<f64>(r2 + k) * x;
    s3 -= load<f64>(r3 + k) * x;
  }
  store<f64>(r0 + o, s0 / d);
  store<f64>(r1 + o, s1 / d);
  store<f64>(r2 + o, s2 / d);
  store<f64>(r3 + o, s3 / d);
}

/**
 * models/cholesky.ts on a packed lower triangle (row i: a(i, 0..i)), operation for
 * operation, so the result is the same double. b becomes x; false if not positive definite.
 */
function choleskyPacked(a: usize, b: usize, m: i32): bool {
  for (let j = 0; j < m; j++) {
    const rj = row(a, j);
    let d = minusDot(load<f64>(rj + (<usize>j << 3)), rj, rj, j);
    if (!(d > 0)) return false;
    d = Math.sqrt(d);
    store<f64>(rj + (<usize>j << 3), d);
    let i = j + 1;
    for (; i + 3 < m; i += 4) belowFour(row(a, i), i, rj, j, d);
    for (; i < m; i++) {
      const ri = row(a, i);
      store<f64>(ri + (<usize>j << 3), minusDot(load<f64>(ri + (<usize>j << 3)), ri, rj, j) / d);
    }
  }
  for (let i = 0; i < m; i++) {
    const ri = row(a, i);
    const bi = b + (<usize>i << 3);
    store<f64>(bi, minusDot(load<f64>(bi), ri, b, i) / load<f64>(ri + (<usize>i << 3)));
  }
  // Back substitution runs down column i of the triangle: stride k + 1 from a(k, i) to a(k + 1, i).
  for (let i = m - 1; i >= 0; i--) {
    let s = load<f64>(b + (<usize>i << 3));
    let p = row(a, i + 1) + (<usize>i << 3);
    for (let k = i + 1; k < m; k++) {
      s -= load<f64>(p) * load<f64>(b + (<usize>k << 3));
      p += <usize>(k + 1) << 3;
    }
    store<f64>(b + (<usize>i << 3), s / load<f64>(row(a, i) + (<usize>i << 3)));
  }
  return true;
}
