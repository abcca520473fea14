// Probed scores: the personal scores of the items the host asks about (the known items
// cold items are scored from), listed or not. With bounds (probeBounds non-zero), each
// goes to a dense array the host reads in place, and only those that may reach the list
// are listed; with a shopper factor over candidates, an item whose factor score cannot
// lift it to the list's last score gets an upper bound instead of its exact score
// (negated: exact scores are positive), which spares most of the factor dot products.
// The scratch is then kept, so that the host can ask for exact scores of the items it
// still needs (exactProbes) before it restores it (restoreScratch).
import { f32At, i32At, setF32, setI32 } from "./top-k";
import { dot } from "./vector";
import { ScoreParams } from "./score-params";
import { cellPop, cellReason, cellScore, setCellReason, setCellScore } from "./cells";
import { factorScore, factorSlack, probedScore } from "./score-parts";

/** Item j's exact personal score (0 when not positive or not an item): touched items only have one. */
@inline function exactScore(p: ScoreParams, j: i32, sparseFactors: bool): f32 {
  if (<u32>j >= <u32>p.n || (p.dense == 0 && cellReason(p.cells, j) < 0)) return 0;
  const factor: f32 = sparseFactors ? factorScore(p.itemFactors, p.f, p.userFactor, p.factorWeight, p.codes, p.codeScales, p.stride, p.queryCodes, p.queryScale, j) : 0;
  const s = probedScore(p.n, j, p.cells, p.popBlend, p.dense, factor);
  return s > 0 ? s : 0;
}

/**
 * Writes the probed items with a positive personal score to probeItems/probeScores and
 * their count to probeCount; `size`: the list's length. Only a touched item has a
 * personal score, so the touched list is scanned, not the probes (there may be as many
 * as items); with a dense score any item may have one, and every item is scanned. With
 * bounds, every probed item's score (exact, minus a bound, or 0) goes to probeDense
 * instead, and probeItems/probeScores list only those that may reach the list.
 */
export function probePass(p: ScoreParams, touchedLen: i32, size: i32, sparseFactors: bool): void {
  const n = p.n, isProbe = p.isProbe, probeItems = p.probeItems, probeScores = p.probeScores;
  const dense = p.dense, bounds = p.probeBounds != 0, probeDense = p.probeDense;
  // A bound below the list's last score (less a margin for the host's float64 sums) spares the exact score.
  let follow: f32 = Infinity;
  if (bounds && sparseFactors && p.boostMul == 0 && p.k > 0 && size == p.k) follow = f32At(p.outScores, p.k - 1) * <f32>(1 - 1e-6);
  const userNorm: f32 = follow < Infinity ? sqrt<f32>(dot(p.userFactor, p.userFactor, p.f)) : 0;
  let found = 0;
  const scan = dense != 0 ? n : touchedLen;
  for (let t = 0; t < scan; t++) {
    const j = dense != 0 ? t : i32At(p.touched, t);
    if (load<u8>(isProbe + <usize>j) == 0) continue;
    if (follow < Infinity) {
      const pop: f32 = p.popBlend * cellPop(p.cells, j);
      const base: f32 = (cellReason(p.cells, j) == n ? 0 : cellScore(p.cells, j)) + pop;
      const bound = base + factorSlack(p.cells, j, userNorm, p.factorWeight, base);
      if (!(bound > 0)) continue;
      if (bound < follow) {
        setF32(probeDense, j, -bound);
        continue;
      }
    }
    const s = exactScore(p, j, sparseFactors);
    if (s == 0) continue;
    if (bounds) setF32(probeDense, j, s);
    if (bounds && s < follow && follow < Infinity) continue;
    setI32(probeItems, found, j);
    setF32(probeScores, found++, s);
  }
  store<i32>(p.probeCount, found);
}

/**
 * After a call with bounds: the exact personal scores (0 when not positive) of the
 * `count` items at `items`, written to `out`.
 */
export function exactProbes(params: usize, items: usize, out: usize, count: i32): void {
  const p = changetype<ScoreParams>(params);
  const sparseFactors = p.dense == 0 && p.userFactor != 0;
  for (let t = 0; t < count; t++) setF32(out, t, exactScore(p, i32At(items, t), sparseFactors));
}

/** Restores the scratch invariant: score 0 and reason -1 in the touched items' cells; probeDense 0. */
export function restoreScratch(params: usize): void {
  const p = changetype<ScoreParams>(params);
  const touched = p.touched, probeDense = p.probeDense, isProbe = p.isProbe, bounds = p.probeBounds != 0;
  for (let t = 0; t < p.touchedLen; t++) {
    const j = i32At(touched, t);
    setCellScore(p.cells, j, 0);
    setCellReason(p.cells, j, -1);
    // Only probed items were written (probePass): the others' lines of probeDense stay out of the cache.
    if (bounds && load<u8>(isProbe + <usize>j) != 0) setF32(probeDense, j, 0);
  }
  // With a dense score, untouched items may have been probed too: they are all listed.
  if (bounds) for (let q = 0; q < load<i32>(p.probeCount); q++) setF32(probeDense, i32At(p.probeItems, q), 0);
  p.touchedLen = 0;
}
