// Seeded sampling primitives for the shop generator. Every draw takes the caller's
// generator (models/random.ts), so a shop is a pure function of its parameters.
export type Random = () => number;

/** Running sums of `weights`: cum[i] = w[0] + … + w[i]. */
export function cumulative(weights: ArrayLike<number>): Float64Array {
  const cum = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) cum[i] = sum += weights[i];
  return cum;
}

/**
 * Index i in [from, to) drawn with probability proportional to its weight, from a
 * cumulative table (binary search: 17 steps for 100,000 items, no per-draw allocation).
 * A slice of the table samples a sub-range: the running sum before `from` is subtracted.
 */
export function pick(cum: Float64Array, random: Random, from = 0, to = cum.length): number {
  const base = from > 0 ? cum[from - 1] : 0;
  const target = base + random() * (cum[to - 1] - base);
  let lo = from, hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Zipf weights 1 / (rank + 1)^exponent for ranks 0..n-1. */
export function zipfWeights(n: number, exponent: number): Float64Array {
  return Float64Array.from({ length: n }, (_, r) => 1 / Math.pow(r + 1, exponent));
}

/** A standard normal draw (Box–Muller; the second value is dropped for simplicity). */
export function normal(random: Random): number {
  const u = 1 - random(); // in (0, 1], so the log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Fisher–Yates: a seeded random permutation of 0..n-1. */
export function permutation(n: number, random: Random): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** Integer in [lo, hi]. */
export const between = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

/** One of the values, drawn with the given weights (for short lists). */
export function choose<T>(random: Random, values: readonly T[], weights: readonly number[]): T {
  let r = random() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < values.length; i++) if ((r -= weights[i]) < 0) return values[i];
  return values[values.length - 1];
}
