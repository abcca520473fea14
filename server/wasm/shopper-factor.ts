// The factor part of a request's scores: the shopper folded in from their history against
// the model's item factors (iALS), ready for the next score() of the same core — as a
// dense score per item, or, with an ANN index, as the shopper's factor and the index's
// candidates (the kernel then rescores only those).
import type { CoreExports } from "./module.js";
import type { ScoreParamBlock } from "./score-params.js";
import { quantizeQuery } from "../../models/int8-factors.js";

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
  /** YᵀY + λI where it was computed already (factor-gram.ts); else the core computes it. */
  gram?: Float32Array;
}

export type FactorPrecision = "float32" | "int8";

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

/** Where the factor arrays live in the core's memory. */
export type FactorPointers = Record<"itemFactors" | "gram" | "userFactor" | "cgScratch" | "foldItems" | "foldConf" | "dense" | "candidates" | "codes" | "codeScales" | "queryCodes", number>;

export class ShopperFactor {
  private readonly foldItems: Int32Array;
  private readonly foldConf: Float32Array;
  private readonly dense: Float32Array;
  private readonly userFactor: Float32Array;
  private readonly candidates: Int32Array;
  private readonly queryCodes: Int16Array;
  /** What the next score() adds: nothing, a dense score per item, or the factor score of candidates. */
  private mode: "none" | "dense" | "candidates" = "none";
  private candLen = 0;
  private weight = 0;
  private queryScale = 0;

  constructor(
    private readonly exports: CoreExports, private readonly ptr: FactorPointers, private readonly n: number,
    private readonly factors: FactorModel | undefined, private readonly stride: number, maxHistory: number, private readonly ann?: FactorCandidates,
  ) {
    const buf = exports.memory.buffer;
    const f = factors?.f ?? 0;
    this.foldItems = new Int32Array(buf, ptr.foldItems, f ? maxHistory : 0);
    this.foldConf = new Float32Array(buf, ptr.foldConf, f ? maxHistory : 0);
    this.dense = new Float32Array(buf, ptr.dense, ann ? 0 : n);
    this.userFactor = new Float32Array(buf, ptr.userFactor, f);
    this.candidates = new Int32Array(buf, ptr.candidates, ann ? ann.count : 0);
    this.queryCodes = new Int16Array(buf, ptr.queryCodes, stride);
  }

  /** See ScoringCore.foldIn. */
  foldIn(items: ArrayLike<number>, conf: ArrayLike<number>, weight: number): boolean {
    this.mode = "none";
    return this.solve(items, conf, weight) && this.prepare(weight);
  }

  /** See ScoringCore.solveShopper. */
  solved(items: ArrayLike<number>, conf: ArrayLike<number>): Float32Array | null {
    this.mode = "none";
    return this.solve(items, conf, 1) ? this.userFactor.slice() : null;
  }

  /** See ScoringCore.useShopper. */
  use(factor: Float32Array | null, weight: number): boolean {
    this.mode = "none";
    if (!factor || weight === 0 || factor.length !== this.userFactor.length) return false;
    this.userFactor.set(factor);
    return this.prepare(weight);
  }

  /** The shopper's factor (in userFactor) ready for the next score() at `weight`. */
  private prepare(weight: number): boolean {
    this.weight = weight;
    this.quantizeUser();
    if (this.ann) {
      const found = this.ann.search(this.userFactor, this.ann.count).labels;
      this.candLen = Math.min(found.length, this.candidates.length);
      this.candidates.set(found.subarray(0, this.candLen));
      this.mode = "candidates";
    } else {
      const p = this.ptr;
      if (this.stride) this.exports.factorScoresI8(p.codes, p.codeScales, this.n, this.stride, p.queryCodes, this.queryScale, weight, p.dense);
      else this.exports.factorScores(p.itemFactors, this.n, this.factors!.f, p.userFactor, weight, p.dense);
      this.mode = "dense";
    }
    return true;
  }

  /** See ScoringCore.factorScores. */
  scoresOf(items: ArrayLike<number>, conf: ArrayLike<number>): { scores: Float32Array; user: Float32Array } | undefined {
    const ok = !this.ann && this.foldIn(items, conf, 1);
    this.mode = "none";
    return ok ? { scores: this.dense, user: this.userFactor.slice() } : undefined;
  }

  setDense(values: Float32Array): void {
    this.dense.set(values);
    this.mode = "dense";
  }

  setCandidates(userFactor: Float32Array, candidates: ArrayLike<number>, weight: number): void {
    this.userFactor.set(userFactor);
    this.quantizeUser();
    this.candLen = Math.min(candidates.length, this.candidates.length);
    for (let c = 0; c < this.candLen; c++) this.candidates[c] = candidates[c];
    this.weight = weight;
    this.mode = "candidates";
  }

  /** The kernel parameters of the factor part, used up: the score after next adds none unless folded in again. */
  take(block: ScoreParamBlock): void {
    const p = this.ptr;
    block.put("dense", this.mode === "dense" ? p.dense : 0);
    block.put("userFactor", this.mode === "candidates" ? p.userFactor : 0);
    block.put("factorWeight", this.weight);
    block.put("candLen", this.candLen);
    block.put("queryScale", this.queryScale);
    this.mode = "none";
  }

  /**
   * Folds the shopper in and returns the factor part the kernel adds to each of `items`:
   * every item's with a dense score; with candidates, only for the candidates and the
   * items the history reaches (`touched`), 0 for the others. Leaves nothing for the next
   * score(). For explanations.
   */
  partsOf(items: ArrayLike<number>, conf: ArrayLike<number>, weight: number, of: number[], touched: (j: number) => boolean): number[] {
    if (!this.foldIn(items, conf, weight)) return of.map(() => 0);
    const candidates = new Set(this.candidates.subarray(0, this.candLen));
    const f = this.factors!.f;
    const buf = this.exports.memory.buffer;
    const parts = of.map((j) => {
      if (j < 0 || j >= this.n) return 0;
      if (this.mode === "dense") return this.dense[j];
      if (!candidates.has(j) && !touched(j)) return 0;
      if (this.stride) {
        const codes = new Int8Array(buf, this.ptr.codes + j * this.stride, this.stride);
        let s = 0;
        for (let i = 0; i < this.stride; i++) s += codes[i] * this.queryCodes[i];
        return Math.fround(Math.fround(weight) * Math.fround(Math.fround(s * new Float32Array(buf, this.ptr.codeScales, this.n)[j]) * this.queryScale));
      }
      const y = new Float32Array(buf, this.ptr.itemFactors + j * f * 4, f);
      let d = 0;
      for (let i = 0; i < f; i++) d += y[i] * this.userFactor[i];
      return weight * d;
    });
    this.mode = "none";
    return parts;
  }

  /** With int8 scoring, the shopper's factor as int16 codes for the kernels. */
  private quantizeUser(): void {
    if (this.stride) this.queryScale = quantizeQuery(this.userFactor, this.factors!.f, this.queryCodes).scale;
  }

  private solve(items: ArrayLike<number>, conf: ArrayLike<number>, weight: number): boolean {
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
}
