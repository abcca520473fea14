// Popularity within a segment — a category ("category=Mugs") or a kind of shopper
// ("region=EU") — for shoppers with no history of their own: each event adds its strength
// × 2^(-age / half-life) to its item in every segment of its shopper and of its item.
// Memory: a segment keeps an open-addressing table of the items it has seen until a dense
// row would be smaller, so it costs about min(8 × items, 24 × distinct items) bytes (plus
// at most 7 unused dense lanes in all); categories stay sparse, broad segments go dense.
import { eventStrength } from "./event-types.js";
import { TopK } from "./top-k.js";
import { ArtefactError } from "./artefact.js";

/** Per segment (CSR), its best items by decayed strength; each segment's best scores 1. */
export interface SegmentPopularity {
  keys: string[];
  rowPtr: Int32Array;
  items: Int32Array;
  scores: Float32Array;
}

export interface SegmentPopularityOptions {
  numItems: number;
  weightsByCode: Float64Array;
  halfLifeMs: number;
  referenceTs: number;
  /** Items kept per segment. */
  perSegment?: number;
  /** Segments with fewer events (of any strength) are dropped: their ranking would be noise. */
  minEvents?: number;
}

/**
 * 2^(-age / halfLife) by table look-up: Math.pow per event showed in the training profile
 * (~100 ns; this is a few). The age in whole ms is split into four 10-bit digits and their
 * factors multiplied, exact to rounding unlike bucketing by day; 4 tables of 8 KB stay in
 * cache, where one table of 16-bit digits did not. Ages beyond 2^40 ms (35 years) use pow.
 */
export function decayByAge(halfLifeMs: number, referenceTs: number): (ts: number) => number {
  const table = (unit: number) => Float64Array.from({ length: 1024 }, (_, i) => Math.pow(2, (-i * unit) / halfLifeMs));
  const [d0, d1, d2, d3] = [table(1), table(2 ** 10), table(2 ** 20), table(2 ** 30)];
  return (ts) => {
    if (ts >= referenceTs) return 1;
    const age = Math.floor(referenceTs - ts);
    if (age >= 2 ** 40) return Math.pow(2, -age / halfLifeMs);
    const high = Math.floor(age / 2 ** 20);
    const low = age - high * 2 ** 20;
    return d0[low & 1023] * d1[low >> 10] * d2[high & 1023] * d3[high >> 10];
  };
}

/**
 * Dense rows, interleaved 8 to a block (sums[item × 8 + lane]): a shopper's segments
 * (region, tier, age band) then share one cache line per item instead of one each, and
 * the updates are bound by memory latency.
 */
class DenseRows {
  readonly blocks: Float64Array[] = [];
  private taken = 0;
  constructor(private readonly numItems: number) {}

  take(): { block: Float64Array; lane: number } {
    if (this.taken % 8 === 0) this.blocks.push(new Float64Array(this.numItems * 8));
    return { block: this.blocks[this.blocks.length - 1], lane: this.taken++ % 8 };
  }
}

/** One segment's sums by item: a hash table (item + 1 in keys, 0 = empty) until a dense row pays. */
class SegmentSums {
  events = 0;
  private size = 0;
  private shift = 28;
  private keys: Int32Array | null = new Int32Array(16);
  private sums: Float64Array = new Float64Array(16);
  private lane = 0;

  constructor(private readonly numItems: number, private readonly dense: DenseRows) {}

  add(item: number, w: number): void {
    const keys = this.keys;
    if (keys === null) {
      this.sums[item * 8 + this.lane] += w;
      return;
    }
    const mask = keys.length - 1;
    // Fibonacci hashing: items of a category are often evenly strided ids.
    for (let h = Math.imul(item + 1, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      if (keys[h] === item + 1) {
        this.sums[h] += w;
        return;
      }
      if (keys[h] === 0) {
        keys[h] = item + 1;
        this.sums[h] = w;
        if (++this.size * 2 > keys.length) this.grow();
        return;
      }
    }
  }

  private grow(): void {
    const [keys, sums] = [this.keys!, this.sums];
    // 12 bytes a slot against 8 an item: past 2/3 of the catalogue a dense row is smaller.
    if (keys.length * 2 * 3 >= this.numItems * 2) {
      ({ block: this.sums, lane: this.lane } = this.dense.take());
      this.keys = null;
      for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.sums[(keys[i] - 1) * 8 + this.lane] = sums[i];
      return;
    }
    this.keys = new Int32Array(keys.length * 2);
    this.sums = new Float64Array(keys.length * 2);
    this.shift--;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.add(keys[i] - 1, sums[i]);
  }

  forEach(fn: (item: number, sum: number) => void): void {
    const { keys, sums, lane } = this;
    if (keys === null) for (let i = 0; i < this.numItems; i++) fn(i, sums[i * 8 + lane]);
    else for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) fn(keys[i] - 1, sums[i]);
  }

  /** Bytes of its hash table (dense rows are counted by their blocks). */
  bytes(): number {
    return this.keys === null ? 0 : this.sums.byteLength + this.keys.byteLength;
  }
}

export class SegmentPopularityBuilder {
  private readonly segments: (SegmentSums | undefined)[] = [];
  private readonly dense: DenseRows;
  private readonly decay: (ts: number) => number;
  private readonly perSegment: number;
  private readonly minEvents: number;

  constructor(private readonly opts: SegmentPopularityOptions) {
    this.decay = decayByAge(opts.halfLifeMs, opts.referenceTs);
    this.dense = new DenseRows(opts.numItems);
    this.perSegment = opts.perSegment ?? 100;
    this.minEvents = opts.minEvents ?? 20;
  }

  /** One event, counted in each of `segments` (its shopper's and its item's segment ids). */
  add(segments: ArrayLike<number>, item: number, type: number, value: number | null, ts: number): void {
    if (segments.length === 0 || item < 0 || item >= this.opts.numItems) return;
    const w = eventStrength(type, value, this.opts.weightsByCode) * this.decay(ts);
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      // Grown one by one: a write far past the end would turn the array into a slow dictionary.
      while (this.segments.length <= s) this.segments.push(undefined);
      const sums = (this.segments[s] ??= new SegmentSums(this.opts.numItems, this.dense));
      sums.events++;
      if (w > 0) sums.add(item, w);
    }
  }

  /** Bytes held by the sums, for benchmarks and progress reports. */
  bytes(): number {
    const dense = this.dense.blocks.reduce((sum, b) => sum + b.byteLength, 0);
    return this.segments.reduce((sum, s) => sum + (s?.bytes() ?? 0), dense);
  }

  /** keys[s] names segment id s; segments with too few events or no positive item are left out. */
  build(keys: string[]): SegmentPopularity {
    const kept: string[] = [];
    const rowPtr = [0];
    const items: number[] = [];
    const scores: number[] = [];
    const top = new TopK(this.perSegment);
    keys.forEach((key, s) => {
      const sums = this.segments[s];
      if (!sums || sums.events < this.minEvents) return;
      // Scaled before the float32 heap: sums of old events can be below float32's range.
      let max = 0;
      sums.forEach((_, sum) => (max = Math.max(max, sum)));
      if (max > 0) sums.forEach((item, sum) => sum > 0 && top.push(item, sum / max));
      const best = top.drain();
      if (best.idx.length === 0) return;
      kept.push(key);
      for (let r = 0; r < best.idx.length; r++) items.push(best.idx[r]), scores.push(best.score[r]);
      rowPtr.push(items.length);
    });
    return { keys: kept, rowPtr: Int32Array.from(rowPtr), items: Int32Array.from(items), scores: Float32Array.from(scores) };
  }
}

/** The typed arrays of an artefact file; the keys travel separately (in the manifest, as JSON). */
export const segmentArrays = (p: SegmentPopularity) => ({ rowPtr: p.rowPtr, items: p.items, scores: p.scores });

export function segmentFromArrays(keys: string[], arrays: Record<string, Int32Array | Float32Array>): SegmentPopularity {
  const { rowPtr, items, scores } = arrays;
  const ok = rowPtr instanceof Int32Array && items instanceof Int32Array && scores instanceof Float32Array
    && rowPtr.length === keys.length + 1 && rowPtr[keys.length] === items.length && items.length === scores.length;
  if (!ok) throw new ArtefactError(`segment popularity arrays do not fit ${keys.length} segment keys`);
  return { keys, rowPtr, items, scores };
}

const rowOfKey = new WeakMap<SegmentPopularity, Map<string, number>>();

/**
 * The top k items over the named segments: each item's scaled scores summed, ties to the
 * lower item id. Unknown keys are ignored; none known gives an empty list, on which the
 * caller falls back to global popularity. `accept`: only items it accepts; `boost`: each
 * summed score as the rules change it.
 */
export function rankBySegments(
  p: SegmentPopularity, segmentKeys: string[], k: number, exclude: Set<number> | undefined, accept?: (item: number) => boolean,
  boost?: (item: number, score: number) => number,
): { items: number[]; scores: number[] } {
  let rows = rowOfKey.get(p);
  if (!rows) rowOfKey.set(p, (rows = new Map(p.keys.map((key, s) => [key, s]))));
  const totals = new Map<number, number>();
  for (const key of new Set(segmentKeys)) {
    const s = rows.get(key);
    if (s === undefined) continue;
    for (let r = p.rowPtr[s]; r < p.rowPtr[s + 1]; r++) {
      const item = p.items[r];
      if (!exclude?.has(item)) totals.set(item, (totals.get(item) ?? 0) + p.scores[r]);
    }
  }
  const ranked = [...totals].filter(([item]) => !accept || accept(item));
  if (boost) for (const e of ranked) e[1] = boost(e[0], e[1]);
  ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const best = ranked.slice(0, Math.max(0, k));
  return { items: best.map(([item]) => item), scores: best.map(([, score]) => score) };
}
