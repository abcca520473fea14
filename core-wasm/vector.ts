// Vector primitives over linear memory shared by the kernels (f32x4 SIMD; f a multiple of 4).

/**
 * Four independent accumulators: one would chain every add on the one before (about
 * four cycles each), which made the 1M-item scoring compute-bound at twice the
 * memory-bandwidth bound.
 */
@inline export function dot(a: usize, b: usize, f: i32): f32 {
  let acc0 = f32x4.splat(0), acc1 = f32x4.splat(0), acc2 = f32x4.splat(0), acc3 = f32x4.splat(0);
  let i = 0;
  for (; i + 16 <= f; i += 16) {
    const o = <usize>i << 2;
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
    acc1 = f32x4.add(acc1, f32x4.mul(v128.load(a + o + 16), v128.load(b + o + 16)));
    acc2 = f32x4.add(acc2, f32x4.mul(v128.load(a + o + 32), v128.load(b + o + 32)));
    acc3 = f32x4.add(acc3, f32x4.mul(v128.load(a + o + 48), v128.load(b + o + 48)));
  }
  for (; i < f; i += 4) {
    const o = <usize>i << 2;
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  const acc = f32x4.add(f32x4.add(acc0, acc1), f32x4.add(acc2, acc3));
  return f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
}

/**
 * Σ row[i] · query[i] of an int8 row and an int16 query (models/int8-factors.ts), both
 * `stride` long, a multiple of 16; integer sums, so exact in any order.
 */
@inline export function dotI8(row: usize, query: usize, stride: i32): i32 {
  let acc0 = i32x4.splat(0), acc1 = i32x4.splat(0);
  for (let i = 0; i < stride; i += 16) {
    const codes = v128.load(row + <usize>i);
    const q = query + (<usize>i << 1);
    acc0 = i32x4.add(acc0, i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_s(codes), v128.load(q)));
    acc1 = i32x4.add(acc1, i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_s(codes), v128.load(q + 16)));
  }
  const acc = i32x4.add(acc0, acc1);
  return i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3);
}

/**
 * The sum of n floats (n a multiple of 32), read as four sequential streams (one per
 * quarter; one stream reads ~1.4× slower here): the fastest a WASM loop reads memory,
 * which bench/kernel-factor-scores compares the kernels with.
 */
export function sumFloats(p: usize, n: i32): f32 {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  const quarter = <usize>n; // bytes: n / 4 floats
  const end = p + quarter;
  for (let o = p; o < end; o += 32) {
    a0 = f32x4.add(a0, f32x4.add(v128.load(o), v128.load(o + 16)));
    a1 = f32x4.add(a1, f32x4.add(v128.load(o + quarter), v128.load(o + quarter + 16)));
    a2 = f32x4.add(a2, f32x4.add(v128.load(o + 2 * quarter), v128.load(o + 2 * quarter + 16)));
    a3 = f32x4.add(a3, f32x4.add(v128.load(o + 3 * quarter), v128.load(o + 3 * quarter + 16)));
  }
  const a = f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3));
  return f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1) + f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3);
}

/** |row j| of an n × f row-major matrix, written at out + j · outStride (bytes). */
export function rowNorms(rows: usize, n: i32, f: i32, out: usize, outStride: i32): void {
  for (let j = 0; j < n; j++) {
    const row = rows + ((<usize>j * <usize>f) << 2);
    store<f32>(out + <usize>j * <usize>outStride, sqrt<f32>(dot(row, row, f)));
  }
}
