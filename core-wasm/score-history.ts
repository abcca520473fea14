// Per-request item-to-item scoring over linear memory owned by the host.
//
// The host lays out every array once per model (see server/wasm/core-arena.ts) and passes
// pointers; nothing here allocates. Scratch arrays keep an invariant between calls:
// each item's cell holds score 0 and reason -1 (cells.ts), so a call only
// touches the items reached from the user's history and restores exactly those afterwards
// (with probeBounds, when the host calls restoreScratch: probes.ts).

// mask bits: the host sets UNAVAILABLE (deleted, out of stock); the kernel sets and
// clears EXCLUDED (this request's exclusions) and CHOSEN (already in the output).
const UNAVAILABLE: u8 = 1;
const EXCLUDED: u8 = 2;
const CHOSEN: u8 = 4;
// (score-parts.ts sets and clears WANTS_REASON, 8, around historyReasons.)

import { f32At, i32At, offer, ranksBefore, setF32, setI32, sortHeap } from "./top-k";
import { dot } from "./vector";
import { ScoreParams } from "./score-params";
import { REASON_POPULAR } from "./shared/reason-codes";
import { boosted, factorScore, factorSlack, isBoosted, isPromoted, reasonCode } from "./score-parts";
import { historyReasons } from "./history-reasons";
import { scatterHistory } from "./history-scatter";
import { probePass, restoreScratch } from "./probes";
import { cellPop, cellReason, cellScore, setCellReason } from "./cells";

/**
 * Scores items for a user: score(j) = Σ_t histWeights[t] · sim(histItems[t], j) through the
 * neighbour matrix (CSR: rowPtr, cols, sims), plus popBlend · pop[j], plus dense[j]
 * when `dense` is non-zero (a score for every item, e.g. from factors). Without `dense`
 * but with a shopper factor (`userFactor` non-zero), the candidates are the items reached
 * from the history plus `candidates` (e.g. an HNSW index's nearest items), each
 * rescored exactly with factorWeight · (y_j · userFactor): a large catalogue is then
 * never scanned whole (each item factor's length, in its cell, lets most touched items
 * skip their dot product: see below). With `codes` non-zero, factor scores come from int8
 * codes instead (factorScore). With `boostMul` non-zero, every score is then boosted by
 * the rules (score · boostMul[j] + boostAdd[j]; `boosted` lists the items whose boost is
 * not the identity, so those popularity's order would pass over are offered too). Drops
 * masked and excluded items, writes the top k best first to outItems/outScores/outReasons
 * (the history item contributing most; else REASON_FACTORS when the dense score outweighs
 * popularity's, REASON_POPULAR otherwise), then fills any remaining slots in popOrder
 * (score popBlend · pop[j], boosted). Returns the count. All inputs come in one
 * ScoreParams block (score-params.ts). With `isProbe`
 * non-zero (a byte per item, non-zero for the items whose scores the caller needs), also
 * writes each probed item with a positive personal score (probedScore), masked or
 * excluded or not, to probeItems/probeScores, and their count to probeCount; with
 * `probeBounds`, some as upper bounds, the scratch kept for exactProbes (probes.ts).
 */
export function scoreHistory(params: usize): i32 {
  const p = changetype<ScoreParams>(params);
  const n = p.n;
  const popOrder = p.popOrder, popLen = p.popLen, popBlend = p.popBlend;
  const exclude = p.exclude, excludeLen = p.excludeLen, mask = p.mask;
  const cells = p.cells, touched = p.touched;
  const dense = p.dense, itemFactors = p.itemFactors, f = p.f, userFactor = p.userFactor, factorWeight = p.factorWeight;
  const candidates = p.candidates, candLen = p.candLen;
  const codes = p.codes, codeScales = p.codeScales, stride = p.stride, queryCodes = p.queryCodes, queryScale = p.queryScale;
  const boostMul = p.boostMul, boostAdd = p.boostAdd;
  const promo = p.promo, promoK = p.promoK, promoItems = p.promoItems, promoScores = p.promoScores;
  let promoSize = 0;
  const k = p.k, outItems = p.outItems, outScores = p.outScores, outReasons = p.outReasons;
  const isProbe = p.isProbe;
  // 1. Accumulate neighbour scores, marking the items touched (history-scatter.ts).
  let touchedLen = scatterHistory(p);

  // Candidates from outside the history join the touched items, with no history reason
  // (marked n: "touched", yet no item).
  const sparseFactors = dense == 0 && userFactor != 0;
  for (let c = 0; sparseFactors && c < candLen; c++) {
    const j = i32At(candidates, c);
    if (<u32>j >= <u32>n || cellReason(cells, j) >= 0) continue;
    setI32(touched, touchedLen++, j);
    setCellReason(cells, j, n);
  }

  for (let e = 0; e < excludeLen; e++) {
    const j = i32At(exclude, e);
    if (<u32>j < <u32>n) store<u8>(mask + <usize>j, load<u8>(mask + <usize>j) | EXCLUDED);
  }

  // 2. Top k: with a dense score every item is a candidate...
  let size = 0;
  if (dense != 0) {
    for (let j = 0; j < n; j++) {
      const s = boosted(cellScore(cells, j) + f32At(dense, j) + popBlend * cellPop(cells, j), j, boostMul, boostAdd);
      if (s <= 0 || load<u8>(mask + <usize>j) != 0) continue;
      size = offer(outItems, outScores, size, k, j, s);
      if (isPromoted(promo, j)) promoSize = offer(promoItems, promoScores, promoSize, promoK, j, s);
    }
  }
  // ...otherwise the touched items with a positive blended score. Each factor score reads
  // a random row of the item factors, a cache miss or four: first the k best lower bounds
  // (no factor reads) give a threshold, and an item whose upper bound stays below it
  // cannot enter the list, so it needs no dot product. The list is the same, exactly.
  let threshold: f32 = -Infinity;
  const userNorm: f32 = sparseFactors ? sqrt<f32>(dot(userFactor, userFactor, f)) : 0;
  if (sparseFactors && k > 0) {
    let lows = 0;
    for (let t = 0; t < touchedLen; t++) {
      const j = i32At(touched, t);
      if (load<u8>(mask + <usize>j) != 0) continue;
      const base: f32 = cellScore(cells, j) + popBlend * cellPop(cells, j);
      const low = boosted(base - factorSlack(cells, j, userNorm, factorWeight, base), j, boostMul, boostAdd);
      if (low > 0) lows = offer(outItems, outScores, lows, k, j, low);
    }
    if (lows == k) threshold = f32At(outScores, 0);
  }
  for (let t = 0; dense == 0 && t < touchedLen; t++) {
    const j = i32At(touched, t);
    if (load<u8>(mask + <usize>j) != 0) continue;
    let s: f32 = cellScore(cells, j);
    if (sparseFactors) {
      const base: f32 = s + popBlend * cellPop(cells, j);
      // (A promoted item may still belong in the promoted list.)
      if (boosted(base + factorSlack(cells, j, userNorm, factorWeight, base), j, boostMul, boostAdd) < threshold && !isPromoted(promo, j)) continue;
      s += factorScore(itemFactors, f, userFactor, factorWeight, codes, codeScales, stride, queryCodes, queryScale, j);
    }
    s += popBlend * cellPop(cells, j);
    s = boosted(s, j, boostMul, boostAdd);
    if (s <= 0) continue;
    size = offer(outItems, outScores, size, k, j, s);
    if (isPromoted(promo, j)) promoSize = offer(promoItems, promoScores, promoSize, promoK, j, s);
  }
  // ...and the untouched items a rule boosts (or buries), whose place popularity's order
  // no longer gives: those without an addition sorted by popularity · multiplier, those
  // with one by their addition, so that each loop stops once nothing after can enter
  // (bounds with room for float32 rounding: the list is exact)...
  for (let b = 0; dense == 0 && b < p.boostedLen; b++) {
    const j = i32At(p.boosted, b);
    const bound: f32 = popBlend * cellPop(cells, j) * f32At(boostMul, j) * (1 + 1e-5);
    if (bound <= 0 || (size == k && bound < f32At(outScores, 0))) break;
    if (cellReason(cells, j) >= 0 || load<u8>(mask + <usize>j) != 0) continue;
    const s = boosted(popBlend * cellPop(cells, j), j, boostMul, boostAdd);
    if (s > 0) size = offer(outItems, outScores, size, k, j, s);
  }
  for (let b = 0; dense == 0 && b < p.boostedAddLen; b++) {
    const j = i32At(p.boostedAdd, b);
    const bound: f32 = (popBlend * p.boostedAddMaxKey + f32At(boostAdd, j)) * (1 + 1e-5);
    if (size == k && bound < f32At(outScores, 0)) break;
    if (cellReason(cells, j) >= 0 || load<u8>(mask + <usize>j) != 0) continue;
    const s = boosted(popBlend * cellPop(cells, j), j, boostMul, boostAdd);
    if (s > 0) size = offer(outItems, outScores, size, k, j, s);
  }
  // ...and the untouched popular items: popOrder is sorted, so once one cannot enter
  // the full heap, none after it can.
  if (dense == 0 && popBlend > 0) {
    for (let p = 0; p < popLen; p++) {
      const j = i32At(popOrder, p);
      if (cellReason(cells, j) >= 0 || load<u8>(mask + <usize>j) != 0 || isBoosted(j, boostMul, boostAdd)) continue;
      const s: f32 = popBlend * cellPop(cells, j);
      if (s <= 0) break;
      if (size == k && !ranksBefore(s, j, f32At(outScores, 0), i32At(outItems, 0))) break;
      size = offer(outItems, outScores, size, k, j, s);
    }
  }
  // The promoted list's untouched items (promoOrder: the promoted items by popularity),
  // boosted or not: none after one whose popularity, at the largest multiplier and
  // addition of any rule, cannot enter it can.
  if (promo != 0 && dense == 0) {
    for (let q = 0; q < p.promoLen; q++) {
      const j = i32At(p.promoOrder, q);
      const bound: f32 = (popBlend * cellPop(cells, j) * p.boostMaxMul + p.boostMaxAdd) * (1 + 1e-5);
      if (bound <= 0 || (promoSize == promoK && bound < f32At(promoScores, 0))) break;
      if (cellReason(cells, j) >= 0 || load<u8>(mask + <usize>j) != 0) continue;
      const s = boosted(popBlend * cellPop(cells, j), j, boostMul, boostAdd);
      if (s > 0) promoSize = offer(promoItems, promoScores, promoSize, promoK, j, s);
    }
  }
  sortHeap(outItems, outScores, size);
  if (promo != 0) sortHeap(promoItems, promoScores, promoSize);
  historyReasons(p, size, promoSize);
  for (let r = 0; r < size; r++) {
    const j = i32At(outItems, r);
    setI32(outReasons, r, reasonCode(p, j, sparseFactors));
    store<u8>(mask + <usize>j, load<u8>(mask + <usize>j) | CHOSEN);
  }
  if (promo != 0) {
    for (let r = 0; r < promoSize; r++) setI32(p.promoReasons, r, reasonCode(p, i32At(promoItems, r), sparseFactors));
    store<i32>(p.promoCount, promoSize);
  }

  // 3. Fill from the popularity order.
  for (let p = 0; p < popLen && size < k; p++) {
    const j = i32At(popOrder, p);
    if (load<u8>(mask + <usize>j) != 0) continue;
    setI32(outItems, size, j);
    setF32(outScores, size, boosted(popBlend * cellPop(cells, j), j, boostMul, boostAdd));
    setI32(outReasons, size, REASON_POPULAR);
    store<u8>(mask + <usize>j, CHOSEN);
    size++;
  }

  // 4. Probed items (the known items cold items are scored from) need their scores whether
  // or not they made the list; then the scratch invariant is restored, unless the host
  // asked for bounds and will still ask for exact scores (probes.ts).
  p.touchedLen = touchedLen;
  if (isProbe != 0) probePass(p, touchedLen, size, sparseFactors);
  if (isProbe == 0 || p.probeBounds == 0) restoreScratch(params);

  // 5. Clear this request's mask bits.
  const clear: u8 = ~(EXCLUDED | CHOSEN);
  for (let r = 0; r < size; r++) {
    const j = i32At(outItems, r);
    store<u8>(mask + <usize>j, load<u8>(mask + <usize>j) & clear);
  }
  for (let e = 0; e < excludeLen; e++) {
    const j = i32At(exclude, e);
    if (<u32>j < <u32>n) store<u8>(mask + <usize>j, load<u8>(mask + <usize>j) & clear);
  }
  return size;
}
