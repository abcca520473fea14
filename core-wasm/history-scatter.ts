// The scoring pass's first step: the shopper's history scattered through the neighbour
// matrix into each item's score.
import { f32At, i32At, setF32, setI32 } from "./top-k";
import { ScoreParams } from "./score-params";

/**
 * score(j) += histWeights[t] · sim(histItems[t], j) for every history row; each item
 * reached is marked touched (listed in `touched`, its reasonItem a history item: the
 * strongest one is found for the listed items alone, once the list is known, by
 * historyReasons — tracking it here for every item touched kept two more arrays in the
 * cache on every step, and the demo shop's kernel took 1.4 to 1.55 times as long). Returns
 * the touched items' count.
 *
 * Where the rows reach few items, each is marked at its first touch (a byte, `seen`, is
 * tested: reasonItem says the same in four times the bytes). Where they reach many — a
 * catalogue of a few thousand items and a model that keeps hundreds of neighbours an
 * item, as on the demo shop, where nearly every item is reached — the test's branch costs
 * more than it spares: every entry then sets its byte, and the touched items are read
 * off the bytes after (the demo shop's kernel: 0.8 of the time, the same lists; the
 * order of `touched` does not change a list: the top k are ranked by score, then item).
 */
export function scatterHistory(p: ScoreParams): i32 {
  const n = p.n, rowPtr = p.rowPtr, histItems = p.histItems, histLen = p.histLen;
  let entries = 0;
  for (let t = 0; t < histLen; t++) {
    const h = i32At(histItems, t);
    if (<u32>h < <u32>n) entries += i32At(rowPtr, h + 1) - i32At(rowPtr, h);
  }
  return entries >= n >> 2 ? scatterMany(p) : scatterFew(p);
}

function scatterFew(p: ScoreParams): i32 {
  const n = p.n, rowPtr = p.rowPtr, cols = p.cols, sims = p.sims, histItems = p.histItems, histWeights = p.histWeights;
  const scores = p.scores, reasonItem = p.reasonItem, touched = p.touched, seen = p.seen;
  let touchedLen = 0;
  for (let t = 0; t < p.histLen; t++) {
    const h = i32At(histItems, t);
    if (<u32>h >= <u32>n) continue; // unknown to this model (newer than the training run)
    const w = f32At(histWeights, t);
    const end = i32At(rowPtr, h + 1);
    for (let q = i32At(rowPtr, h); q < end; q++) {
      const j = i32At(cols, q);
      const c: f32 = w * f32At(sims, q);
      if (load<u8>(seen + <usize>j) == 0) {
        store<u8>(seen + <usize>j, 1);
        setI32(touched, touchedLen++, j);
        setI32(reasonItem, j, h);
      }
      setF32(scores, j, f32At(scores, j) + c);
    }
  }
  return touchedLen;
}

function scatterMany(p: ScoreParams): i32 {
  const n = p.n, rowPtr = p.rowPtr, cols = p.cols, sims = p.sims, histItems = p.histItems, histWeights = p.histWeights;
  const scores = p.scores, seen = p.seen;
  let first = -1;
  for (let t = 0; t < p.histLen; t++) {
    const h = i32At(histItems, t);
    if (<u32>h >= <u32>n) continue;
    if (first < 0) first = h;
    const w = f32At(histWeights, t);
    const end = i32At(rowPtr, h + 1);
    for (let q = i32At(rowPtr, h); q < end; q++) {
      const j = i32At(cols, q);
      store<u8>(seen + <usize>j, 1);
      setF32(scores, j, f32At(scores, j) + w * f32At(sims, q));
    }
  }
  let touchedLen = 0;
  for (let j = 0; j < n; j++) {
    if (load<u8>(seen + <usize>j) == 0) continue;
    setI32(p.touched, touchedLen++, j);
    setI32(p.reasonItem, j, first);
  }
  return touchedLen;
}
