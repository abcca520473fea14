// The request-time scoring core: for each loaded model, an instance whose memory holds
// the model's arrays and the per-request scratch, laid out once so that a request copies
// only its history in and its list out.
import type { NeighbourMatrix, ScoredList } from "../../core-wasm/reference/score-history.js";
import { instantiate, type CoreExports, type WasmBuild } from "./module.js";
import { int8RowNorms, int8Stride, quantizeQuery, quantizeRows } from "../../models/int8-factors.js";

/** The item mask's bit for a request's filter (the kernel's own bits are 1, 2 and 4; it skips any item whose byte is not 0). */
const FILTERED = 8;

export interface ScoringModel extends NeighbourMatrix {
  popOrder: Int32Array;
  popScores: Float32Array;
  factors?: FactorModel;
}

/** Item factors of iALS, for folding a shopper in from their history at request time. */
export interface FactorModel {
  f: number;
  /** n × f, row-major. */
  items: Float32Array;
  lambda: number;
  cgSteps: number;
  /**
   * How scoring holds them: float32, or int8 codes with a scale per row (a quarter of the
   * bytes read per score; the fold-in still solves against the float32 factors).
   */
  precision?: FactorPrecision;
}

export type FactorPrecision = "float32" | "int8";

export interface ScoringLimits {
  maxHistory: number;
  maxResults: number;
}

/**
 * Where a large catalogue's factor candidates come from: the items with the largest
 * inner product with the shopper's factor (an HNSW index over the item factors). Without
 * one, every item is scored.
 */
export interface FactorCandidates {
  search(userFactor: Float32Array, k: number): { labels: Int32Array };
  /** How many to fetch per request. */
  readonly count: number;
}

export class ScoringCore {
  readonly n: number;
  private readonly popLen: number;
  private readonly exports: CoreExports;
  private readonly ptr: Record<string, number>;
  private readonly mask: Uint8Array;
  private readonly histItems: Int32Array;
  private readonly histWeights: Float32Array;
  private readonly exclude: Int32Array;
  private readonly outItems: Int32Array;
  private readonly outScores: Float32Array;
  private readonly outReasons: Int32Array;
  private readonly isProbe: Uint8Array;
  private readonly probeItems: Int32Array;
  private readonly probeScores: Float32Array;
  /** How many probed items the last score() wrote. */
  private readonly probeCount: Int32Array;
  /** The probes array last flagged in `isProbe`. */
  private probesFlagged?: Int32Array;
  /** The filter whose bytes are in WASM memory now (see markFiltered). */
  private filterCopied?: Uint8Array;
  private readonly factors?: FactorModel;
  private readonly foldItems: Int32Array;
  private readonly foldConf: Float32Array;
  private readonly dense: Float32Array;
  private readonly userFactor: Float32Array;
  private readonly candidates: Int32Array;
  /** What the next score() adds: nothing, a dense score per item, or the factor score of candidates. */
  private factorMode: "none" | "dense" | "candidates" = "none";
  private candLen = 0;
  private factorWeight = 0;
  /** int8 scoring: codes per row (0 for float32), the shopper's int16 codes and scale. */
  private readonly stride: number;
  private readonly queryCodes: Int16Array;
  private queryScale = 0;

  constructor(model: ScoringModel, readonly limits: ScoringLimits, build: WasmBuild = "release", private readonly ann?: FactorCandidates) {
    const n = (this.n = model.n);
    this.popLen = model.popOrder.length;
    const nnz = model.cols.length;
    const f = model.factors?.f ?? 0;
    this.factors = model.factors;
    const stride = (this.stride = model.factors?.precision === "int8" ? int8Stride(f) : 0);
    const { core, ptr } = instantiate(
      {
        itemFactors: n * f * 4, gram: f * f * 4, userFactor: f * 4, cgScratch: 3 * f * 4,
        foldItems: f ? limits.maxHistory * 4 : 0, foldConf: f ? limits.maxHistory * 4 : 0,
        dense: ann ? 0 : n * 4, candidates: ann ? ann.count * 4 : 0, factorNorms: ann ? n * 4 : 0,
        codes: n * stride, codeScales: stride ? n * 4 : 0, queryCodes: stride * 2,
        rowPtr: (n + 1) * 4, cols: nnz * 4, sims: nnz * 4,
        popOrder: model.popOrder.length * 4, popScores: n * 4,
        mask: n, scores: n * 4, reasonItem: n * 4, reasonContrib: n * 4, touched: n * 4,
        exclude: n * 4, histItems: limits.maxHistory * 4, histWeights: limits.maxHistory * 4,
        outItems: limits.maxResults * 4, outScores: limits.maxResults * 4, outReasons: limits.maxResults * 4,
        isProbe: n, probeItems: n * 4, probeScores: n * 4, probeCount: 4, filter: n,
      },
      build,
    );
    this.exports = core;
    this.ptr = ptr;
    const memory = core.memory;

    // The memory never grows after this point, so these views stay valid.
    const buf = memory.buffer;
    const i32 = (name: string, len: number) => new Int32Array(buf, this.ptr[name], len);
    const f32 = (name: string, len: number) => new Float32Array(buf, this.ptr[name], len);
    i32("rowPtr", n + 1).set(model.rowPtr);
    i32("cols", nnz).set(model.cols);
    f32("sims", nnz).set(model.sims);
    i32("popOrder", model.popOrder.length).set(model.popOrder);
    f32("popScores", n).set(model.popScores);
    i32("reasonItem", n).fill(-1);
    this.mask = new Uint8Array(buf, this.ptr.mask, n);
    this.histItems = i32("histItems", limits.maxHistory);
    this.histWeights = f32("histWeights", limits.maxHistory);
    this.exclude = i32("exclude", n);
    this.outItems = i32("outItems", limits.maxResults);
    this.outScores = f32("outScores", limits.maxResults);
    this.outReasons = i32("outReasons", limits.maxResults);
    this.isProbe = new Uint8Array(buf, this.ptr.isProbe, n);
    this.probeItems = i32("probeItems", n);
    this.probeScores = f32("probeScores", n);
    this.probeCount = i32("probeCount", 1);
    this.foldItems = i32("foldItems", f ? limits.maxHistory : 0);
    this.foldConf = f32("foldConf", f ? limits.maxHistory : 0);
    this.dense = f32("dense", ann ? 0 : n);
    this.userFactor = f32("userFactor", f);
    this.candidates = i32("candidates", ann ? ann.count : 0);
    this.queryCodes = new Int16Array(buf, ptr.queryCodes, stride);
    if (model.factors) {
      f32("itemFactors", n * f).set(model.factors.items);
      core.gramPlusRidge(ptr.itemFactors, n, f, model.factors.lambda, ptr.gram);
      const rows = stride ? quantizeRows(model.factors.items, n, f) : undefined;
      if (rows) {
        new Int8Array(buf, ptr.codes, n * stride).set(rows.codes);
        f32("codeScales", n).set(rows.scales);
      }
      // The bound on a factor score is taken over the vectors scores are computed from.
      if (ann && rows) f32("factorNorms", n).set(int8RowNorms(rows));
      else if (ann) core.rowNorms(ptr.itemFactors, n, f, ptr.factorNorms);
    }
  }

  /**
   * Folds a shopper in from their distinct history items and confidences (solving for
   * their factor against the fixed item factors, as training does) so that the next
   * score() adds weight · (item factor · shopper factor): to every item, or, with an ANN
   * index, to the index's nearest items and those the history reaches. Returns false,
   * adding nothing, without factors or usable history.
   */
  foldIn(items: ArrayLike<number>, conf: ArrayLike<number>, weight: number): boolean {
    this.factorMode = "none";
    if (!this.solveUserFactor(items, conf, weight)) return false;
    this.factorWeight = weight;
    this.quantizeUser();
    if (this.ann) {
      const found = this.ann.search(this.userFactor, this.ann.count).labels;
      this.candLen = Math.min(found.length, this.candidates.length);
      this.candidates.set(found.subarray(0, this.candLen));
      this.factorMode = "candidates";
    } else {
      const p = this.ptr;
      if (this.stride) this.exports.factorScoresI8(p.codes, p.codeScales, this.n, this.stride, p.queryCodes, this.queryScale, weight, p.dense);
      else this.exports.factorScores(p.itemFactors, this.n, this.factors!.f, p.userFactor, weight, p.dense);
      this.factorMode = "dense";
    }
    return true;
  }

  /** With int8 scoring, the shopper's factor as int16 codes for the kernels. */
  private quantizeUser(): void {
    if (this.stride) this.queryScale = quantizeQuery(this.userFactor, this.factors!.f, this.queryCodes).scale;
  }

  private solveUserFactor(items: ArrayLike<number>, conf: ArrayLike<number>, weight: number): boolean {
    const fm = this.factors;
    if (!fm || weight === 0) return false;
    let h = 0;
    for (let t = 0; t < items.length && h < this.foldItems.length; t++) {
      if (items[t] < 0 || items[t] >= this.n) continue;
      this.foldItems[h] = items[t];
      this.foldConf[h++] = conf[t];
    }
    if (h === 0) return false;
    const p = this.ptr;
    this.userFactor.fill(0);
    this.exports.cgRow(p.gram, fm.f, p.foldItems, p.foldConf, 0, h, p.itemFactors, p.userFactor, fm.cgSteps, p.cgScratch);
    return true;
  }

  /**
   * Folds a shopper in and returns every item's factor score (a view, valid until the
   * next call); for validation, on a core without an ANN index.
   */
  factorScores(items: ArrayLike<number>, conf: ArrayLike<number>): Float32Array | undefined {
    const ok = !this.ann && this.foldIn(items, conf, 1);
    this.factorMode = "none";
    return ok ? this.dense : undefined;
  }

  /** Sets the dense scores directly (tests compare the kernel with its reference this way). */
  setDense(values: Float32Array): void {
    this.dense.set(values);
    this.factorMode = "dense";
  }

  /** Sets the shopper's factor and the candidates directly (tests, like setDense). */
  setFactorCandidates(userFactor: Float32Array, candidates: ArrayLike<number>, weight: number): void {
    this.userFactor.set(userFactor);
    this.quantizeUser();
    this.candLen = Math.min(candidates.length, this.candidates.length);
    for (let c = 0; c < this.candLen; c++) this.candidates[c] = candidates[c];
    this.factorWeight = weight;
    this.factorMode = "candidates";
  }

  /** Sets (or clears) the FILTERED bit of the items `filter` refuses, in WASM (SIMD). */
  private markFiltered(filter: Uint8Array, on: boolean): void {
    const p = this.ptr;
    if (!on) return this.exports.clearBit(p.mask, this.n, FILTERED);
    // Callers pass the same array for the same filter until the catalogue changes: copy it in once.
    if (filter !== this.filterCopied) {
      const view = new Uint8Array(this.exports.memory.buffer, p.filter, this.n);
      view.fill(0);
      view.set(filter.subarray(0, this.n));
      this.filterCopied = filter;
    }
    this.exports.markRefused(p.mask, p.filter, this.n, FILTERED);
  }

  isUnavailable(item: number): boolean {
    return item < 0 || item >= this.n || this.mask[item] !== 0;
  }

  /** Marks an item as never recommendable (deleted, out of stock) or clears that. */
  setUnavailable(item: number, unavailable: boolean): void {
    if (item >= 0 && item < this.n) this.mask[item] = unavailable ? 1 : 0;
  }

  /**
   * Scores a history (most relevant first; longer ones are cut at maxHistory) blended
   * with popBlend × popularity and, right after foldIn() or setDense(), the factor scores
   * (used up by this call); returns the top k, excluding `exclude`, and, of `probes`, the
   * items with a positive score from the shopper's own signals, listed or not, with those
   * scores (a changed set of probes must come as a new array: the last one stays flagged
   * in WASM memory). With `filter` (a byte per item id, non-zero: may be shown), only the
   * items it lets through are listed, popularity's fill included: they are marked in the
   * kernel's mask for this call and unmarked after it. The returned arrays are copies.
   */
  score(histItems: ArrayLike<number>, histWeights: ArrayLike<number>, exclude: ArrayLike<number>, popBlend: number, k: number, probes?: Int32Array, filter?: Uint8Array): ScoredList {
    const h = Math.min(histItems.length, this.limits.maxHistory);
    for (let t = 0; t < h; t++) {
      this.histItems[t] = histItems[t];
      this.histWeights[t] = histWeights[t];
    }
    let e = 0;
    for (let t = 0; t < exclude.length && e < this.n; t++) {
      const j = exclude[t];
      if (j >= 0 && j < this.n) this.exclude[e++] = j;
    }
    // Callers pass the same array until it changes (the cold items' sources): flag it once.
    if (probes && probes !== this.probesFlagged) {
      this.isProbe.fill(0);
      for (const j of probes) if (j >= 0 && j < this.n) this.isProbe[j] = 1;
      this.probesFlagged = probes;
    }
    const kk = Math.max(0, Math.min(k, this.limits.maxResults));
    if (filter) this.markFiltered(filter, true);
    const p = this.ptr;
    const count = this.exports.scoreHistory(
      this.n, p.rowPtr, p.cols, p.sims,
      p.histItems, p.histWeights, h,
      p.exclude, e,
      p.mask,
      p.scores, p.reasonItem, p.reasonContrib, p.touched,
      p.popOrder, p.popScores, this.popLen, popBlend,
      this.factorMode === "dense" ? p.dense : 0,
      p.itemFactors, this.factors?.f ?? 0, this.factorMode === "candidates" ? p.userFactor : 0, this.factorWeight, p.candidates, this.candLen, p.factorNorms,
      this.stride ? p.codes : 0, p.codeScales, this.stride, p.queryCodes, this.queryScale,
      kk,
      p.outItems, p.outScores, p.outReasons,
      probes ? p.isProbe : 0, p.probeItems, p.probeScores, p.probeCount,
    );
    this.factorMode = "none";
    if (filter) this.markFiltered(filter, false);
    return {
      items: this.outItems.slice(0, count),
      scores: this.outScores.slice(0, count),
      reasons: this.outReasons.slice(0, count),
      probed: probes && { items: this.probeItems.slice(0, this.probeCount[0]), scores: this.probeScores.slice(0, this.probeCount[0]) },
    };
  }
}
