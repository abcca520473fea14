// The per-item parts of scoreHistory (score-history.ts): factor scores and their bounds,
// the rules' boosts, promotions, reasons and probed scores.
import { f32At } from "./top-k";
import { dot, dotI8 } from "./vector";
import { ScoreParams } from "./score-params";
import { cellNorm, cellPop, cellReason, cellScore } from "./cells";
import { REASON_FACTORS, REASON_POPULAR } from "./shared/reason-codes";

/**
 * How far weight · (y_j · x) can be from 0 (Cauchy–Schwarz: |y_j|·|x|), with room for
 * float32 rounding of the dot product and of a score of size `base`.
 */
@inline export function factorSlack(cells: usize, j: i32, userNorm: f32, weight: f32, base: f32): f32 {
  return abs<f32>(weight) * cellNorm(cells, j) * userNorm * 1.001 + abs<f32>(base) * 1e-6 + 1e-30;
}

/**
 * The factor score, weight · (y_j · x), of item j for the shopper's factor x: from the
 * float32 factors, or with int8 codes (non-zero `codes`: scale_j · codes_j against the
 * shopper's int16 codes, models/int8-factors.ts).
 */
@inline export function factorScore(
  itemFactors: usize, f: i32, userFactor: usize, weight: f32,
  codes: usize, codeScales: usize, stride: i32, queryCodes: usize, queryScale: f32, j: i32,
): f32 {
  if (codes != 0) {
    const s = <f32>dotI8(codes + <usize>j * <usize>stride, queryCodes, stride);
    return weight * (s * f32At(codeScales, j) * queryScale);
  }
  return weight * dot(itemFactors + <usize>j * (<usize>f << 2), userFactor, f);
}

/** A rule's boost of item j's score s (none without rules: boostMul 0). Monotone in s: boostMul[j] >= 0. */
@inline export function boosted(s: f32, j: i32, boostMul: usize, boostAdd: usize): f32 {
  return boostMul == 0 ? s : s * f32At(boostMul, j) + f32At(boostAdd, j);
}

@inline export function isBoosted(j: i32, boostMul: usize, boostAdd: usize): bool {
  return boostMul != 0 && (f32At(boostMul, j) != 1 || f32At(boostAdd, j) != 0);
}

@inline export function isPromoted(promo: usize, j: i32): bool {
  return promo != 0 && load<u8>(promo + <usize>j) != 0;
}

/**
 * Why item j (of the list) is there: the history item contributing most, else factors
 * when its factor (or dense) score outweighs its popularity, else popularity. A factor
 * candidate (reason n) is "similar shoppers" when its factor score outweighs its
 * popularity; an untouched popular item's score has no factor part, so it never is.
 */
export function reasonCode(p: ScoreParams, j: i32, sparseFactors: bool): i32 {
  let reason = cellReason(p.cells, j);
  const pop: f32 = p.popBlend * cellPop(p.cells, j);
  const candidate = reason == p.n;
  if (candidate) reason = REASON_POPULAR;
  if (reason < 0 && p.dense != 0 && f32At(p.dense, j) > pop) reason = REASON_FACTORS;
  if (candidate && sparseFactors && factorScore(p.itemFactors, p.f, p.userFactor, p.factorWeight, p.codes, p.codeScales, p.stride, p.queryCodes, p.queryScale, j) > pop) reason = REASON_FACTORS;
  return reason;
}

/**
 * An item's score when it comes from the shopper's own signals — the history reaches it,
 * or its factor (or dense) score outweighs its popularity — else 0: the score the list
 * would give it, with no threshold. `factor`: its factor score (touched items only).
 */
@inline export function probedScore(n: i32, j: i32, cells: usize, popBlend: f32, dense: usize, factor: f32): f32 {
  const pop: f32 = popBlend * cellPop(cells, j);
  const r = cellReason(cells, j);
  if (dense != 0) {
    const d = f32At(dense, j);
    return r >= 0 || d > pop ? cellScore(cells, j) + d + pop : 0;
  }
  if (r < 0 || (r == n && !(factor > pop))) return 0;
  let s: f32 = cellScore(cells, j);
  s += factor;
  return s + pop;
}
