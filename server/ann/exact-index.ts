// Exact nearest neighbours by scanning every live vector: the reference HNSW's recall is
// measured against, and the index for catalogues small enough (tens of thousands of
// vectors) that a scan costs about as much as a graph walk. Vectors sit back to back in
// one Float32Array; a removed vector's slot is zeroed and reused by the next new label.
// For "cosine" vectors are normalised once at add time, so every search is inner products.
import { TopK } from "../../models/top-k.js";
import { checkK, checkLabel, checkVector, noNeighbours, type Metric, type Neighbours, type VectorIndex } from "./vector-index.js";

/** The index's memory, slot by slot: what index-file.ts writes and reads back. */
export interface ExactSlots {
  /** Slots in use (live or removed). */
  count: number;
  labels: Int32Array;
  /** 1 for a live slot, 0 for a removed one. */
  live: Uint8Array;
  /** count × dim, normalised for "cosine". */
  vectors: Float32Array;
}

export class ExactIndex implements VectorIndex {
  readonly kind = "exact" as const;
  private vectors: Float32Array;
  private labels: Int32Array;
  private live: Uint8Array;
  /** Slots handed out so far; slots ≥ count are unused capacity. */
  private count = 0;
  private readonly slotOf = new Map<number, number>();
  private readonly freeSlots: number[] = [];
  private readonly unit: Float32Array;

  constructor(readonly dim: number, readonly metric: Metric, capacity = 1024) {
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim ${dim}: must be an integer ≥ 1`);
    const slots = Math.max(1, Math.ceil(capacity));
    this.vectors = new Float32Array(slots * dim);
    this.labels = new Int32Array(slots);
    this.live = new Uint8Array(slots);
    this.unit = new Float32Array(dim);
  }

  /** An index over saved slots (copied: the index grows its own arrays). */
  static fromSlots(dim: number, metric: Metric, slots: ExactSlots): ExactIndex {
    const index = new ExactIndex(dim, metric, Math.max(16, slots.count));
    index.count = slots.count;
    index.labels.set(slots.labels.subarray(0, slots.count));
    index.live.set(slots.live.subarray(0, slots.count));
    index.vectors.set(slots.vectors.subarray(0, slots.count * dim));
    for (let s = 0; s < slots.count; s++) {
      if (!index.live[s]) index.freeSlots.push(s);
      else if (index.slotOf.has(index.labels[s])) throw new RangeError(`label ${index.labels[s]} is in two slots`);
      else index.slotOf.set(index.labels[s], s);
    }
    return index;
  }

  get size(): number {
    return this.slotOf.size;
  }

  get capacity(): number {
    return this.labels.length;
  }

  /** Views of the slots in use, valid until the next add. */
  slots(): ExactSlots {
    const n = this.count;
    return { count: n, labels: this.labels.subarray(0, n), live: this.live.subarray(0, n), vectors: this.vectors.subarray(0, n * this.dim) };
  }

  has(label: number): boolean {
    return this.slotOf.has(label);
  }

  vector(label: number): Float32Array | undefined {
    const slot = this.slotOf.get(label);
    return slot === undefined ? undefined : this.vectors.slice(slot * this.dim, (slot + 1) * this.dim);
  }

  add(label: number, vector: Float32Array): void {
    checkLabel(label);
    checkVector(vector, this.dim, "vector");
    let slot = this.slotOf.get(label);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.newSlot();
      this.slotOf.set(label, slot);
      this.labels[slot] = label;
      this.live[slot] = 1;
    }
    this.vectors.set(this.metric === "cosine" ? this.normalised(vector) : vector, slot * this.dim);
  }

  remove(label: number): void {
    const slot = this.slotOf.get(label);
    if (slot === undefined) return;
    this.slotOf.delete(label);
    this.live[slot] = 0;
    this.vectors.fill(0, slot * this.dim, (slot + 1) * this.dim);
    this.freeSlots.push(slot);
  }

  search(query: Float32Array, k: number, accept?: (label: number) => boolean): Neighbours {
    checkVector(query, this.dim, "query");
    checkK(k);
    const n = Math.min(k, this.size);
    if (n === 0) return noNeighbours();
    const q = this.metric === "cosine" ? this.normalised(query) : query;
    const { dim, vectors, labels, live } = this;
    const top = new TopK(n);
    for (let s = 0; s < this.count; s++) {
      if (!live[s] || (accept && !accept(labels[s]))) continue;
      let dot = 0;
      for (let i = 0, o = s * dim; i < dim; i++, o++) dot += vectors[o] * q[i];
      top.push(labels[s], dot); // ties go to the lower label, whatever the slot order
    }
    const { idx, score } = top.drain();
    return { labels: idx, scores: score };
  }

  private newSlot(): number {
    if (this.count === this.capacity) {
      const slots = this.capacity * 2;
      this.labels = grow(this.labels, new Int32Array(slots));
      this.live = grow(this.live, new Uint8Array(slots));
      this.vectors = grow(this.vectors, new Float32Array(slots * this.dim));
    }
    return this.count++;
  }

  /** v / |v| into a reused buffer; a zero vector stays zero (as hnswlib does). */
  private normalised(v: Float32Array): Float32Array {
    let sq = 0;
    for (let i = 0; i < this.dim; i++) sq += v[i] * v[i];
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let i = 0; i < this.dim; i++) this.unit[i] = v[i] * inv;
    return this.unit;
  }
}

function grow<T extends Int32Array | Uint8Array | Float32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
