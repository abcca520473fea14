// The scoring pass's first step: the shopper's history scattered through the neighbour
// matrix into each item's score.
import { f32At, i32At, setI32 } from "./top-k";
import { cellReason, cellScore, setCellReason, setCellScore } from "./cells";
import { ScoreParams } from "./score-params";

/**
 * score(j) += histWeights[t] · sim(histItems[t], j) for every history row; each item
 * reached is marked touched (listed in `touched`, its cell's reason a history item: the
 * strongest one is found for the listed items alone, once the list is known, by
 * historyReasons — tracking it here for every item touched kept two more arrays in the
 * cache on every step, and the demo shop's kernel took 1.4 to 1.55 times as long). Returns
 * the touched items' count.
 *
 * Where the rows reach few items, each is marked at its first touch (its reason, in the
 * cache line its score is in, is tested). Where they reach many — a catalogue of a few
 * thousand items and a model that keeps hundreds of neighbours an item, as on the demo
 * shop, where nearly every item is reached — the test's branch costs more than it
 * spares: every entry then sets its reason, and the touched items are read off the cells
 * after (the demo shop's kernel: 0.8 of the time, the same lists; the order of `touched`
 * does not change a list: the top k are ranked by score, then item).
 */
export function scatterHistory(p: ScoreParams): i32 {
  return historyEntries(p) >= p.n >> 2 ? scatterMany(p) : scatterFew(p);
}

/** The entries of the history's rows (of the items this model knows). */
export function historyEntries(p: ScoreParams): i32 {
  let entries = 0;
  for (let t = 0; t < p.histLen; t++) {
    const h = i32At(p.histItems, t);
    if (<u32>h < <u32>p.n) entries += i32At(p.rowPtr, h + 1) - i32At(p.rowPtr, h);
  }
  return entries;
}

function scatterFew(p: ScoreParams): i32 {
  const n = p.n, rowPtr = p.rowPtr, cols = p.cols, sims = p.sims, histItems = p.histItems, histWeights = p.histWeights;
  const cells = p.cells, touched = p.touched;
  let touchedLen = 0;
  for (let t = 0; t < p.histLen; t++) {
    const h = i32At(histItems, t);
    if (<u32>h >= <u32>n) continue; // unknown to this model (newer than the training run)
    const w = f32At(histWeights, t);
    const end = i32At(rowPtr, h + 1);
    for (let q = i32At(rowPtr, h); q < end; q++) {
      const j = i32At(cols, q);
      const c: f32 = w * f32At(sims, q);
      if (cellReason(cells, j) < 0) {
        setCellReason(cells, j, h);
        setI32(touched, touchedLen++, j);
      }
      setCellScore(cells, j, cellScore(cells, j) + c);
    }
  }
  return touchedLen;
}

function scatterMany(p: ScoreParams): i32 {
  const n = p.n, rowPtr = p.rowPtr, cols = p.cols, sims = p.sims, histItems = p.histItems, histWeights = p.histWeights;
  const cells = p.cells;
  for (let t = 0; t < p.histLen; t++) {
    const h = i32At(histItems, t);
    if (<u32>h >= <u32>n) continue;
    const w = f32At(histWeights, t);
    const end = i32At(rowPtr, h + 1);
    for (let q = i32At(rowPtr, h); q < end; q++) {
      const j = i32At(cols, q);
      setCellReason(cells, j, h);
      setCellScore(cells, j, cellScore(cells, j) + w * f32At(sims, q));
    }
  }
  let touchedLen = 0;
  for (let j = 0; j < n; j++) if (cellReason(cells, j) >= 0) setI32(p.touched, touchedLen++, j);
  return touchedLen;
}
