// Each validation case's k best candidates under one blend of their per-source scores:
// the training fit's measure (models/blend-measure.ts, whose `rankCases` is the
// TypeScript reference). Sums in f64 in the reference's order, so both give the same lists.

@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline function f32At(base: usize, i: i32): f64 {
  return <f64>load<f32>(base + (<usize>i << 2));
}
@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

/** Two f32 at base + i and base + j (f32 units) as f64 lanes. */
@inline function pairAt(base: usize, i: i32, j: i32): v128 {
  return f64x2.replace_lane(f64x2.splat(f32At(base, i)), 1, f32At(base, j));
}

/**
 * The blend of candidates t and t + 1 as two f64 lanes, each lane the reference's scalar
 * sum in its order: two candidates a step halve the chain of dependent adds that bounds
 * the scalar loop (measured ~2× on 330,000 candidates).
 */
@inline function blendPair(
  t: i32, items: usize, pop: usize, scores: usize, stride: i32, active: usize, activeCount: i32, activeSparse: i32,
  weights: usize, beta: f64, scale: usize,
): v128 {
  const o = scores + (<usize>(t * stride) << 2);
  let s = f64x2.mul(f64x2.splat(beta), pairAt(pop, t, t + 1));
  if (scale != 0) {
    let sum = f64x2.splat(0);
    for (let a = 0; a < activeSparse; a++) {
      const q = i32At(active, a);
      sum = f64x2.add(sum, f64x2.mul(f64x2.splat(f64At(weights, q)), pairAt(o, q, q + stride)));
    }
    const factor = f64x2.replace_lane(f64x2.splat(f32At(scale, i32At(items, t))), 1, f32At(scale, i32At(items, t + 1)));
    s = f64x2.add(s, f64x2.mul(sum, factor));
    for (let a = activeSparse; a < activeCount; a++) {
      const q = i32At(active, a);
      s = f64x2.add(s, f64x2.mul(f64x2.splat(f64At(weights, q)), pairAt(o, q, q + stride)));
    }
  } else {
    for (let a = 0; a < activeCount; a++) {
      const q = i32At(active, a);
      s = f64x2.add(s, f64x2.mul(f64x2.splat(f64At(weights, q)), pairAt(o, q, q + stride)));
    }
  }
  return s;
}

/** One candidate's blend, as one lane of blendPair. */
@inline function blendOne(
  t: i32, items: usize, pop: usize, scores: usize, stride: i32, active: usize, activeCount: i32, activeSparse: i32,
  weights: usize, beta: f64, scale: usize,
): f64 {
  const o = scores + (<usize>(t * stride) << 2);
  let s = beta * f32At(pop, t);
  if (scale != 0) {
    let sum: f64 = 0;
    for (let a = 0; a < activeSparse; a++) {
      const q = i32At(active, a);
      sum += f64At(weights, q) * f32At(o, q);
    }
    s += sum * f32At(scale, i32At(items, t));
    for (let a = activeSparse; a < activeCount; a++) {
      const q = i32At(active, a);
      s += f64At(weights, q) * f32At(o, q);
    }
  } else {
    for (let a = 0; a < activeCount; a++) {
      const q = i32At(active, a);
      s += f64At(weights, q) * f32At(o, q);
    }
  }
  return s;
}

/** Offers item j at score s to the case's list of `size` best (best first); returns the new size. */
@inline function offer(top: usize, topScore: usize, size: i32, k: i32, s: f64, j: i32): i32 {
  // Most candidates fail the first test.
  if (s <= 0 || (size == k && s <= f64At(topScore, k - 1))) return size;
  let r = size < k ? size++ : k - 1;
  while (r > 0 && f64At(topScore, r - 1) < s) {
    store<f64>(topScore + (<usize>r << 3), f64At(topScore, r - 1));
    store<i32>(top + (<usize>r << 2), i32At(top, r - 1));
    r--;
  }
  store<f64>(topScore + (<usize>r << 3), s);
  store<i32>(top + (<usize>r << 2), j);
  return size;
}

/**
 * Case i's candidates are offsets[i] up to offsets[i + 1] (i32), each with its item (i32),
 * popularity (f32) and `stride` source scores (f32, candidate-major). `active` (i32) lists
 * the sources of non-zero weight, the `activeSparse` sparse ones first; `weights` (f64)
 * is indexed by source. scale (f32 per item, 0 for none) multiplies the sparse sources'
 * sum. Writes each case's best items, best first, at outItems + i·k (i32) and their count
 * at outSizes[i]; topScore is k f64 of scratch.
 */
export function blendTopK(
  offsets: usize, numCases: i32, items: usize, pop: usize, scores: usize, stride: i32,
  active: usize, activeCount: i32, activeSparse: i32, weights: usize, beta: f64, scale: usize,
  k: i32, outItems: usize, outSizes: usize, topScore: usize,
): void {
  for (let i = 0; i < numCases; i++) {
    const top = outItems + (<usize>(i * k) << 2);
    let size = 0;
    const end = i32At(offsets, i + 1);
    let t = i32At(offsets, i);
    for (; t + 1 < end; t += 2) {
      const s = blendPair(t, items, pop, scores, stride, active, activeCount, activeSparse, weights, beta, scale);
      size = offer(top, topScore, size, k, f64x2.extract_lane(s, 0), i32At(items, t));
      size = offer(top, topScore, size, k, f64x2.extract_lane(s, 1), i32At(items, t + 1));
    }
    if (t < end) size = offer(top, topScore, size, k, blendOne(t, items, pop, scores, stride, active, activeCount, activeSparse, weights, beta, scale), i32At(items, t));
    store<i32>(outSizes + (<usize>i << 2), size);
  }
}
