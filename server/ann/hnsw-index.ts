// Approximate nearest neighbours with HNSW (hnswlib-node): a layered proximity graph,
// searched greedily from the top layer down. Search is ~log(n) distance computations
// instead of n, at the price of recall below 1, which the parameters trade:
//
//   M (default 16): links per node (2·M on the bottom layer). More links raise recall,
//     especially at high dimension or on clustered data, and cost memory (≈ 8·M bytes
//     per item on top of the vector) and build time. 12–48 is the useful range; 16 is
//     plenty for 64-dimensional factors.
//   efConstruction (default 200): candidate list while inserting. A larger list finds
//     better neighbours for each new node, so a better graph, built proportionally
//     slower; it only affects search through the graph's quality. Raise it until
//     recall at ef = efConstruction stops improving (> 0.9), rarely beyond 400.
//   ef (default 100): candidate list while searching; hnswlib uses max(ef, k), so a
//     search never keeps fewer candidates than it returns. The knob for recall against
//     latency at query time: latency grows roughly linearly with it.
//   seed (default 42): draws each node's top layer, so the same items added in the
//     same order build the same graph.
//
// Behaviour of hnswlib-node 3.0.0 this class relies on (found by experiment; see
// test/vector-index.test.ts): points and queries must be plain number[] (a Float32Array
// is refused), so each call copies into one reused array; distances are 1 − a·b for
// "ip" and 1 − cos for "cosine" (vectors normalised by the binding), so similarity is
// 1 − distance; k above the live count returns what there is, but k above the
// capacity throws; a filter that throws aborts the process, so `accept` is wrapped;
// everything runs synchronously on the calling thread but readIndex (readAsync), which
// reads on libuv's pool.
import hnswlib from "hnswlib-node";
import type { HierarchicalNSW } from "hnswlib-node";
import { checkK, checkLabel, checkVector, noNeighbours, type Metric, type Neighbours, type VectorIndex } from "./vector-index.js";

export interface HnswParams {
  M: number;
  efConstruction: number;
  ef: number;
  seed: number;
}

export const HNSW_DEFAULTS: Readonly<HnswParams> = Object.freeze({ M: 16, efConstruction: 200, ef: 100, seed: 42 });

export class HnswIndex implements VectorIndex {
  readonly kind = "hnsw" as const;
  readonly params: Readonly<HnswParams>;
  private readonly native: HierarchicalNSW;
  /** Live labels; hnswlib cannot say whether a label is marked deleted without throwing. */
  private readonly live = new Set<number>();
  private readonly point: number[];

  constructor(readonly dim: number, readonly metric: Metric, params: Partial<HnswParams> = {}, capacity = 1024) {
    this.params = checkParams({ ...HNSW_DEFAULTS, ...params });
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim ${dim}: must be an integer ≥ 1`);
    this.native = new hnswlib.HierarchicalNSW(metric, dim);
    this.point = new Array<number>(dim).fill(0);
    const { M, efConstruction, ef, seed } = this.params;
    // allowReplaceDeleted: a new label takes a removed item's slot, so a catalogue with
    // churn does not grow the index forever.
    this.native.initIndex(Math.max(1, Math.ceil(capacity)), M, efConstruction, seed, true);
    this.native.setEf(ef);
  }

  /**
   * Reads a file written by `write` (checked by the caller: see index-file.ts); `size` is
   * the live count saved with it, which spares probing every label for deletion marks.
   */
  static read(file: string, dim: number, metric: Metric, params: HnswParams, size: number): HnswIndex {
    const index = new HnswIndex(dim, metric, params, 1);
    index.native.readIndexSync(file, true);
    return index.loaded(size);
  }

  /** The same, read on libuv's thread pool: the event loop goes on meanwhile. */
  static async readAsync(file: string, dim: number, metric: Metric, params: HnswParams, size: number): Promise<HnswIndex> {
    const index = new HnswIndex(dim, metric, params, 1);
    await index.native.readIndex(file, true);
    return index.loaded(size);
  }

  private loaded(size: number): this {
    this.native.setEf(this.params.ef); // hnswlib does not save ef; it loads as 10
    const ids = this.native.getIdsList();
    for (const id of ids) this.live.add(id);
    if (ids.length !== size) this.dropRemoved(ids);
    return this;
  }

  get size(): number {
    return this.live.size;
  }

  /** Slots allocated; doubles when an add finds it full and no removed slot to reuse. */
  get capacity(): number {
    return this.native.getMaxElements();
  }

  /** Search-time candidate list (see the file comment); takes effect on the next search. */
  get ef(): number {
    return this.native.getEf();
  }

  set ef(ef: number) {
    if (!Number.isInteger(ef) || ef < 1) throw new RangeError(`ef ${ef}: must be an integer ≥ 1`);
    this.native.setEf(ef);
  }

  has(label: number): boolean {
    return this.live.has(label);
  }

  add(label: number, vector: Float32Array): void {
    checkLabel(label);
    checkVector(vector, this.dim, "vector");
    const point = this.toPoint(vector);
    const removedSlots = this.native.getCurrentCount() - this.live.size;
    if (this.live.has(label)) {
      this.native.addPoint(point, label, false); // updates the vector and its links
    } else if (removedSlots > 0 && this.revive(label)) {
      this.native.addPoint(point, label, false);
    } else if (removedSlots > 0) {
      this.native.addPoint(point, label, true); // into a removed item's slot
    } else {
      if (this.native.getCurrentCount() >= this.capacity) this.native.resizeIndex(this.capacity * 2);
      this.native.addPoint(point, label, false);
    }
    this.live.add(label);
  }

  vector(label: number): Float32Array | undefined {
    return this.live.has(label) ? Float32Array.from(this.native.getPoint(label)) : undefined;
  }

  remove(label: number): void {
    if (!this.live.delete(label)) return;
    this.native.markDelete(label);
  }

  search(query: Float32Array, k: number, accept?: (label: number) => boolean): Neighbours {
    checkVector(query, this.dim, "query");
    checkK(k);
    const n = Math.min(k, this.live.size);
    if (n === 0) return noNeighbours();
    let failure: { error: unknown } | undefined;
    const filter = accept && ((label: number) => {
      if (failure) return false;
      try {
        return accept(label);
      } catch (error) {
        failure = { error };
        return false;
      }
    });
    const { neighbors, distances } = this.native.searchKnn(this.toPoint(query), n, filter);
    if (failure) throw failure.error;
    return { labels: Int32Array.from(neighbors), scores: Float32Array.from(distances, (d) => 1 - d) };
  }

  /** Writes hnswlib's own format; ef, seed and the metric live in the caller's manifest. */
  write(file: string): void {
    this.native.writeIndexSync(file);
  }

  /**
   * Brings a label marked deleted back; false if hnswlib no longer knows it (never added,
   * or its slot was given to another label).
   */
  private revive(label: number): boolean {
    try {
      this.native.unmarkDelete(label);
      return true;
    } catch {
      return false;
    }
  }

  /** Finds the labels a loaded file has marked deleted: getPoint refuses exactly those. */
  private dropRemoved(ids: number[]): void {
    for (const id of ids) {
      try {
        this.native.getPoint(id);
      } catch {
        this.live.delete(id);
      }
    }
  }

  private toPoint(vector: Float32Array): number[] {
    const point = this.point;
    for (let i = 0; i < point.length; i++) point[i] = vector[i];
    return point;
  }
}

function checkParams(p: HnswParams): HnswParams {
  const bad = (name: string, min: number) => new RangeError(`HNSW ${name} ${p[name as keyof HnswParams]}: must be an integer ≥ ${min}`);
  if (!Number.isInteger(p.M) || p.M < 2) throw bad("M", 2);
  if (!Number.isInteger(p.efConstruction) || p.efConstruction < 1) throw bad("efConstruction", 1);
  if (!Number.isInteger(p.ef) || p.ef < 1) throw bad("ef", 1);
  if (!Number.isInteger(p.seed) || p.seed < 0) throw bad("seed", 0);
  return Object.freeze(p);
}
