// Item factors compressed to int8 for scoring: row j is stored as codes_j (int8) and one
// scale, y_j ≈ scale_j · codes_j, a quarter of the float32 bytes. A shopper's factor is
// quantised to int16 the same way, so a factor score is one integer dot product (exact,
// in any order) and two multiplications. The WASM kernels (core-wasm) and their
// references both take their codes from here, so they agree to the bit.

/** Codes per row are padded with zeros to a multiple of this (one 16-byte SIMD load). */
export const INT8_ROW_ALIGN = 16;

/** Integer sums stay below 2^31 up to this many dimensions (127 · 32767 · 2 per pair). */
export const INT8_MAX_DIMS = 1024;

export interface Int8Rows {
  n: number;
  f: number;
  /** Codes per row: f rounded up to INT8_ROW_ALIGN. */
  stride: number;
  codes: Int8Array;
  scales: Float32Array;
}

export interface Int16Query {
  /** stride long, zero-padded. */
  codes: Int16Array;
  scale: number;
}

export const int8Stride = (f: number) => Math.ceil(f / INT8_ROW_ALIGN) * INT8_ROW_ALIGN;

/** Quantises n rows of f float32s (row-major) symmetrically, one scale per row. */
export function quantizeRows(items: Float32Array, n: number, f: number): Int8Rows {
  if (f > INT8_MAX_DIMS) throw new RangeError(`int8 factors support at most ${INT8_MAX_DIMS} dimensions, got ${f}`);
  const stride = int8Stride(f);
  const codes = new Int8Array(n * stride);
  const scales = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    scales[j] = quantizeInto(items.subarray(j * f, (j + 1) * f), 127, codes.subarray(j * stride, j * stride + f));
  }
  return { n, f, stride, codes, scales };
}

/** Quantises a shopper's factor to int16 codes (into `codes`, stride long). */
export function quantizeQuery(x: ArrayLike<number>, f: number, codes: Int16Array): Int16Query {
  codes.fill(0);
  return { codes, scale: quantizeInto(x, 32767, codes.subarray(0, f)) };
}

/** codes = round(v / scale) with scale = max|v| / limit, as float32; returns the scale. */
function quantizeInto(v: ArrayLike<number>, limit: number, codes: Int8Array | Int16Array): number {
  let max = 0;
  for (let i = 0; i < codes.length; i++) max = Math.max(max, Math.abs(v[i]));
  const scale = Math.fround(max / limit);
  for (let i = 0; i < codes.length; i++) codes[i] = scale > 0 ? Math.max(-limit, Math.min(limit, Math.round(v[i] / scale))) : 0;
  return scale;
}

/** |scale_j · codes_j| for every row: what the kernel's factor-score bound needs. */
export function int8RowNorms(rows: Int8Rows): Float32Array {
  const norms = new Float32Array(rows.n);
  for (let j = 0; j < rows.n; j++) {
    let sq = 0;
    for (let i = j * rows.stride, end = i + rows.f; i < end; i++) sq += rows.codes[i] * rows.codes[i];
    norms[j] = rows.scales[j] * Math.sqrt(sq);
  }
  return norms;
}

const f32 = Math.fround;

/** weight · (y_j · x) from the codes, rounded to float32 exactly where the kernel rounds. */
export function int8Score(rows: Int8Rows, j: number, query: Int16Query, weight: number): number {
  let sum = 0;
  for (let i = 0, o = j * rows.stride; i < rows.f; i++, o++) sum += rows.codes[o] * query.codes[i];
  return f32(f32(weight) * f32(f32(f32(sum) * rows.scales[j]) * f32(query.scale)));
}
