// The request-time scoring core: for each loaded model, an instance whose memory holds
// the model's arrays and the per-request scratch, laid out once so that a request copies
// only its history in and its list out. The kernel takes one parameter block
// (score-params.ts): the model's fields are written once, a request's on each call.
import type { NeighbourMatrix, ScoredList } from "../../core-wasm/reference/score-history.js";
import { instantiate, type CoreExports, type WasmBuild } from "./module.js";
import { int8RowNorms, quantizeRows } from "../../models/int8-factors.js";
import { ScoreParamBlock } from "./score-params.js";
import { arenaSizes, CELL, CELL_BYTES, CELL_WORDS, factorStride, modelParams } from "./core-arena.js";
import { writeModelArrays, type FilledArena } from "./core-fill.js";
import { ShopperFactor, type FactorCandidates, type FactorModel } from "./shopper-factor.js";
import { RuleArrays, type ItemBoosts, type Promotion } from "./rule-arrays.js";
import { ProbeArrays, type BoundedProbes, type Probed } from "./probe-arrays.js";

export type { FactorCandidates, FactorModel, FactorPrecision } from "./shopper-factor.js";
export type { ItemBoosts, Promotion } from "./rule-arrays.js";


export interface ScoringModel extends NeighbourMatrix {
  popOrder: Int32Array;
  popScores: Float32Array;
  factors?: FactorModel;
}

export interface ScoringLimits {
  maxHistory: number;
  maxResults: number;
}


/** One scoring request; see ScoringCore.score. */
export interface CoreRequest {
  histItems: ArrayLike<number>;
  histWeights: ArrayLike<number>;
  exclude: ArrayLike<number>;
  popBlend: number;
  k: number;
  probes?: Int32Array;
  filter?: Uint8Array;
  boosts?: ItemBoosts;
  promotion?: Promotion;
}

/** Cores made in this process: each core's `id`. */
let cores = 0;

export class ScoringCore {
  readonly n: number;
  /** Unique in this process: names the core (its model's item factors) without holding it. */
  readonly id = ++cores;
  private readonly exports: CoreExports;
  private readonly ptr: Record<string, number>;
  private readonly params: ScoreParamBlock;
  private readonly factor: ShopperFactor;
  private readonly mask: Uint8Array;
  private readonly histItems: Int32Array;
  private readonly histWeights: Float32Array;
  private readonly exclude: Int32Array;
  private readonly outItems: Int32Array;
  private readonly outScores: Float32Array;
  private readonly outReasons: Int32Array;
  /** The probes' flags and what the kernel reports of them, in WASM memory. */
  private readonly probes: ProbeArrays;
  /** The request's filter and the rules, in WASM memory. */
  private readonly rules: RuleArrays;

  /** @param filled an instance laid out for `model` with its large arrays written (core-fill.ts); else they are written here. */
  constructor(model: ScoringModel, readonly limits: ScoringLimits, build: WasmBuild = "release", ann?: FactorCandidates, filled?: FilledArena) {
    const n = (this.n = model.n);
    const f = model.factors?.f ?? 0;
    const stride = factorStride(model);
    const arena = filled ?? instantiate(arenaSizes(model, limits, stride, ann), build);
    if (!filled) writeModelArrays(model, arena);
    const { core, ptr } = arena;
    this.exports = core;
    this.ptr = ptr;

    // The memory never grows after this point, so these views stay valid.
    const buf = core.memory.buffer;
    const i32 = (name: string, len: number) => new Int32Array(buf, this.ptr[name], len);
    const f32 = (name: string, len: number) => new Float32Array(buf, this.ptr[name], len);
    i32("popOrder", model.popOrder.length).set(model.popOrder);
    const cells = new Float32Array(buf, this.ptr.cells, n * CELL_WORDS);
    const cellInts = new Int32Array(buf, this.ptr.cells, n * CELL_WORDS);
    for (let j = 0, c = 0; j < n; j++, c += CELL_WORDS) {
      cells[c + CELL.score] = 0;
      cellInts[c + CELL.reason] = -1;
      cells[c + CELL.pop] = model.popScores[j];
      cells[c + CELL.norm] = 0;
    }
    this.mask = new Uint8Array(buf, this.ptr.mask, n);
    this.histItems = i32("histItems", limits.maxHistory);
    this.histWeights = f32("histWeights", limits.maxHistory);
    this.exclude = i32("exclude", n);
    this.outItems = i32("outItems", limits.maxResults);
    this.outScores = f32("outScores", limits.maxResults);
    this.outReasons = i32("outReasons", limits.maxResults);
    if (model.factors) {
      if (model.factors.gram) f32("gram", f * f).set(model.factors.gram);
      else core.gramPlusRidge(ptr.itemFactors, n, f, model.factors.lambda, ptr.gram);
      const rows = stride ? quantizeRows(model.factors.items, n, f) : undefined;
      if (rows) {
        new Int8Array(buf, ptr.codes, n * stride).set(rows.codes);
        f32("codeScales", n).set(rows.scales);
      }
      // The bound on a factor score is taken over the vectors scores are computed from.
      if (ann && rows) int8RowNorms(rows).forEach((norm, j) => (cells[j * CELL_WORDS + CELL.norm] = norm));
      else if (ann) core.rowNorms(ptr.itemFactors, n, f, ptr.cells + CELL.norm * 4, CELL_BYTES);
    }
    this.factor = new ShopperFactor(core, ptr as never, n, model.factors, stride, limits.maxHistory, ann);
    this.rules = new RuleArrays(core, ptr as never, n, model.popScores, model.popOrder, limits.maxResults);
    this.probes = new ProbeArrays(core, ptr as never, n);
    this.params = new ScoreParamBlock(core.memory, ptr.params, core.scoreParamsBytes());
    this.params.set(modelParams(model, ptr, stride));
  }

  /**
   * Folds a shopper in from their distinct history items and confidences (solving for
   * their factor against the fixed item factors, as training does) so that the next
   * score() adds weight · (item factor · shopper factor): to every item, or, with an ANN
   * index, to the index's nearest items and those the history reaches. Returns false,
   * adding nothing, without factors or usable history.
   */
  foldIn(items: ArrayLike<number>, conf: ArrayLike<number>, weight: number): boolean {
    return this.factor.foldIn(items, conf, weight);
  }

  /** foldIn's first half: the shopper's factor solved from the history (a copy), null without factors or a known item. */
  solveShopper(items: ArrayLike<number>, conf: ArrayLike<number>): Float32Array | null {
    return this.factor.solved(items, conf);
  }

  /** foldIn's second half: a factor solveShopper gave, ready for the next score() at `weight`; false with none. */
  useShopper(factor: Float32Array | null, weight: number): boolean {
    return this.factor.use(factor, weight);
  }

  /**
   * Folds a shopper in and returns every item's factor score (a view, valid until the
   * next call) and the shopper's factor (a copy); for validation, on a core without an
   * ANN index.
   */
  factorScores(items: ArrayLike<number>, conf: ArrayLike<number>): { scores: Float32Array; user: Float32Array } | undefined {
    return this.factor.scoresOf(items, conf);
  }

  /** The factor part of each of `of` for a shopper folded in from this history (explanations: ShopperFactor.partsOf). */
  factorParts(items: ArrayLike<number>, conf: ArrayLike<number>, weight: number, of: number[], touched: (j: number) => boolean): number[] {
    return this.factor.partsOf(items, conf, weight, of, touched);
  }

  /** Sets the dense scores directly (tests compare the kernel with its reference this way). */
  setDense(values: Float32Array): void {
    this.factor.setDense(values);
  }

  /** Sets the shopper's factor and the candidates directly (tests, like setDense). */
  setFactorCandidates(userFactor: Float32Array, candidates: ArrayLike<number>, weight: number): void {
    this.factor.setCandidates(userFactor, candidates, weight);
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
   * kernel's mask for this call and unmarked after it. With `boosts`, every score is
   * boosted by them (the same object is copied into WASM memory once). The returned
   * arrays are copies.
   */
  score(req: CoreRequest): ScoredList {
    const count = this.run(req, false);
    return this.listOf(req, count, req.probes && this.probes.probed());
  }

  /**
   * score() with probes, for the cold items: `read` gets the list, every probed item's
   * score in `scoreOf` (indexed by item; 0: none) and, listed in `followed`, those that
   * may reach the list's last score (all, when the list is not full or rules boost it).
   * With a shopper factor over candidates, an item whose factor score cannot lift it to
   * the list's last score has minus an upper bound instead (exact scores are positive),
   * sparing most factor dot products; `exactOf` gives the exact personal scores (0 when
   * not positive) of any items (a view, valid until it is called again). All of it is
   * valid during `read` only (the request's scores are live); its answer is returned.
   */
  scoreBounded<T>(req: CoreRequest & { probes: Int32Array }, read: (list: ScoredList, probes: BoundedProbes, exactOf: (items: ArrayLike<number>) => Float32Array) => T): T {
    try {
      const list = this.listOf(req, this.run(req, true), undefined);
      return read(list, this.probes.bounded(), (items) => this.probes.exactOf(this.params, items));
    } finally {
      this.exports.restoreScratch(this.params.ptr);
    }
  }

  /** Writes a request into the parameter block and runs the kernel; returns the list's length. */
  private run(req: CoreRequest, bounds: boolean): number {
    const h = Math.min(req.histItems.length, this.limits.maxHistory);
    for (let t = 0; t < h; t++) {
      this.histItems[t] = req.histItems[t];
      this.histWeights[t] = req.histWeights[t];
    }
    let e = 0;
    for (let t = 0; t < req.exclude.length && e < this.n; t++) {
      const j = req.exclude[t];
      if (j >= 0 && j < this.n) this.exclude[e++] = j;
    }
    const block = this.params;
    block.put("histLen", h);
    block.put("excludeLen", e);
    block.put("popBlend", req.popBlend);
    block.put("k", Math.max(0, Math.min(req.k, this.limits.maxResults)));
    this.probes.prepare(block, req.probes, bounds);
    this.rules.prepare(block, req.filter, req.boosts, req.promotion);
    this.factor.take(block);
    const count = this.exports.scoreHistory(this.params.ptr);
    if (req.filter) this.rules.clearFilter();
    return count;
  }

  private listOf(req: CoreRequest, count: number, probed: Probed | undefined): ScoredList {
    return {
      items: this.outItems.slice(0, count),
      scores: this.outScores.slice(0, count),
      reasons: this.outReasons.slice(0, count),
      probed,
      promoted: req.promotion && this.rules.promoted(),
    };
  }
}
