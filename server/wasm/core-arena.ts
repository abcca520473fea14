// The layout of a scoring core's WASM memory: every array's size in bytes, laid out
// once per model (scoring-core.ts), and the parameter block's fields that stay fixed for
// the model (a request writes the others).
import type { ScoringLimits, ScoringModel } from "./scoring-core.js";
import type { FactorCandidates } from "./shopper-factor.js";
import { SCORE_PARAMS_BYTES, type ScoreParamValues } from "./score-params.js";
import { int8Stride } from "../../models/int8-factors.js";
import { columnBytes, keepsColumns } from "./matrix-columns.js";

/**
 * An item's cell (core-wasm/cells.ts): score and reason (the kernel's scratch), popularity
 * score and factor length, as f32 / i32 / f32 / f32 at these offsets (in 4-byte words).
 */
export const CELL_BYTES = 16;
export const CELL_WORDS = CELL_BYTES / 4;
export const CELL = { score: 0, reason: 1, pop: 2, norm: 3 } as const;

/** Bytes of an int8 code row (0 with float32 factors). */
export const factorStride = (model: ScoringModel): number => (model.factors?.precision === "int8" ? int8Stride(model.factors.f) : 0);

/** Each array's bytes; `stride`: an int8 code row's (0 with float32 factors). */
export function arenaSizes(model: ScoringModel, limits: ScoringLimits, stride: number, ann: FactorCandidates | undefined) {
  const n = model.n;
  const nnz = model.cols.length;
  const f = model.factors?.f ?? 0;
  return {
    params: SCORE_PARAMS_BYTES,
    itemFactors: n * f * 4, gram: f * f * 4, userFactor: f * 4, cgScratch: 3 * f * 4,
    foldItems: f ? limits.maxHistory * 4 : 0, foldConf: f ? limits.maxHistory * 4 : 0,
    dense: ann ? 0 : n * 4, candidates: ann ? ann.count * 4 : 0,
    codes: n * stride, codeScales: stride ? n * 4 : 0, queryCodes: stride * 2,
    rowPtr: (n + 1) * 4, cols: nnz * 4, sims: nnz * 4, ...columnBytes(model),
    popOrder: model.popOrder.length * 4,
    mask: n, cells: n * CELL_BYTES, reasonContrib: n * 4, touched: n * 4,
    exclude: n * 4, histItems: limits.maxHistory * 4, histWeights: limits.maxHistory * 4,
    outItems: limits.maxResults * 4, outScores: limits.maxResults * 4, outReasons: limits.maxResults * 4,
    isProbe: n, probeItems: n * 4, probeScores: n * 4, probeCount: 4, probeDense: n * 4, exactItems: n * 4, exactScores: n * 4, filter: n,
    boostMul: n * 4, boostAdd: n * 4, boosted: n * 4, boostedAdd: n * 4,
    promo: n, promoOrder: n * 4, promoItems: limits.maxResults * 4, promoScores: limits.maxResults * 4, promoReasons: limits.maxResults * 4, promoCount: 4,
  };
}

/** The parameter block's model fields: the arrays' addresses and sizes. */
export function modelParams(model: ScoringModel, ptr: Record<keyof ReturnType<typeof arenaSizes>, number>, stride: number): ScoreParamValues {
  const n = model.n;
  const f = model.factors?.f ?? 0;
  return {
    n, rowPtr: ptr.rowPtr, cols: ptr.cols, sims: ptr.sims, popOrder: ptr.popOrder, popLen: model.popOrder.length,
    histItems: ptr.histItems, histWeights: ptr.histWeights, exclude: ptr.exclude, mask: ptr.mask,
    cells: ptr.cells, reasonContrib: ptr.reasonContrib, touched: ptr.touched,
    ...(keepsColumns(model) && { colPtr: ptr.colPtr, colRows: ptr.colRows, colSims: ptr.colSims, histAt: ptr.histAt }),
    itemFactors: ptr.itemFactors, f, candidates: ptr.candidates,
    codes: stride ? ptr.codes : 0, codeScales: ptr.codeScales, stride, queryCodes: ptr.queryCodes,
    boosted: ptr.boosted, boostedAdd: ptr.boostedAdd, promoOrder: ptr.promoOrder, promoItems: ptr.promoItems, promoScores: ptr.promoScores,
    promoReasons: ptr.promoReasons, promoCount: ptr.promoCount, outItems: ptr.outItems, outScores: ptr.outScores, outReasons: ptr.outReasons,
    probeItems: ptr.probeItems, probeScores: ptr.probeScores, probeCount: ptr.probeCount, probeDense: ptr.probeDense,
  };
}
