// Sticky variant assignment without storing it: a shopper's bucket in [0, 1) is a hash of
// the experiment's id and the shopper's id, so every process (and a SQL or Python job
// re-deriving assignments) puts the same shopper in the same variant, and each experiment
// shuffles shoppers independently of the others (the experiment id is part of the key).
//
// The hash is MurmurHash3 x86_32 (seed 0) over the UTF-8 bytes of
// `${experimentId}:${shopperId}`: published test vectors, a full avalanche finaliser
// (plain FNV-1a leaves its top bits nearly unchanged between "shopper-1" and "shopper-2",
// which would put consecutive ids in the same bucket), and one line elsewhere:
// `mmh3.hash(f"{experiment}:{shopper}", signed=False) / 2**32` in Python.
// 32 bits of bucket are plenty: weights are never finer than one part in four billion.

const encoder = new TextEncoder();

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

const rotl32 = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

/** Scrambles one 32-bit block before it is mixed into the state. */
const scramble = (k: number): number => Math.imul(rotl32(Math.imul(k, C1), 15), C2);

/** MurmurHash3 x86_32 of the UTF-8 bytes of `key`, as an unsigned 32-bit integer. */
export function murmur3_32(key: string, seed = 0): number {
  const bytes = encoder.encode(key);
  const blocks = bytes.length & ~3;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i += 4) {
    const k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    h ^= scramble(k);
    h = (Math.imul(rotl32(h, 13), 5) + 0xe6546b64) | 0;
  }
  const rest = bytes.length - blocks;
  if (rest > 0) {
    let k = bytes[blocks];
    if (rest > 1) k |= bytes[blocks + 1] << 8;
    if (rest > 2) k |= bytes[blocks + 2] << 16;
    h ^= scramble(k);
  }
  h ^= bytes.length;
  // Finaliser: every input bit flips each output bit with probability ~½.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The shopper's bucket in [0, 1) for one experiment. The ':' separates the two ids, so an
 * experiment id must not contain one ("a:b" + "c" and "a" + "b:c" would collide).
 */
export function assignmentBucket(shopperId: string, experimentId: string): number {
  return murmur3_32(`${experimentId}:${shopperId}`) / 2 ** 32;
}

/**
 * The index of the variant whose slice of [0, 1) holds `bucket`, slices in order and
 * proportional to `weights` (any scale: [50, 50] or [0.5, 0.5]). A weight of 0 gets no
 * one. Changing the weights moves only the shoppers near the slices' edges, so keep the
 * order of variants fixed for the life of an experiment.
 */
export function assignVariant(bucket: number, weights: readonly number[]): number {
  if (!(bucket >= 0 && bucket < 1)) throw new RangeError(`bucket ${bucket}: must be in [0, 1)`);
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`variant weight ${w}: must be a finite number ≥ 0`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError("assignVariant: needs at least one weight > 0");
  const target = bucket * total;
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] === 0) continue;
    cumulative += weights[i];
    last = i;
    if (target < cumulative) return i;
  }
  // Rounding in the running sum can leave a bucket just below 1 past the end.
  return last;
}
