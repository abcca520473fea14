// Per-request item-to-item scoring over linear memory owned by the host.
//
// The host lays out every array once per model (see server/wasm-core.ts) and passes
// pointers; nothing here allocates. Scratch arrays keep an invariant between calls:
// scores[j] == 0 and reasonItem[j] == -1 for every item j, so a call only touches the
// items reached from the user's history and restores exactly those afterwards.

// mask bits: the host sets UNAVAILABLE (deleted, out of stock); the kernel sets and
// clears EXCLUDED (this request's exclusions) and CHOSEN (already in the output).
const UNAVAILABLE: u8 = 1;
const EXCLUDED: u8 = 2;
const CHOSEN: u8 = 4;

@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline function f32At(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}
@inline function setI32(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}
@inline function setF32(base: usize, i: i32, v: f32): void {
  store<f32>(base + (<usize>i << 2), v);
}

// Higher score first; equal scores by lower item index, so results are deterministic.
@inline function ranksBefore(sa: f32, ia: i32, sb: f32, ib: i32): bool {
  return sa > sb || (sa == sb && ia < ib);
}

// Min-heap (the worst kept candidate at the root) stored in outItems/outScores.
function siftDown(items: usize, scores: usize, size: i32, start: i32): void {
  let i = start;
  while (true) {
    const l = 2 * i + 1;
    if (l >= size) break;
    let worst = l;
    const r = l + 1;
    if (r < size && ranksBefore(f32At(scores, worst), i32At(items, worst), f32At(scores, r), i32At(items, r))) {
      worst = r;
    }
    if (!ranksBefore(f32At(scores, i), i32At(items, i), f32At(scores, worst), i32At(items, worst))) break;
    const ti = i32At(items, i), ts = f32At(scores, i);
    setI32(items, i, i32At(items, worst));
    setF32(scores, i, f32At(scores, worst));
    setI32(items, worst, ti);
    setF32(scores, worst, ts);
    i = worst;
  }
}

function siftUp(items: usize, scores: usize, start: i32): void {
  let i = start;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!ranksBefore(f32At(scores, p), i32At(items, p), f32At(scores, i), i32At(items, i))) break;
    const ti = i32At(items, i), ts = f32At(scores, i);
    setI32(items, i, i32At(items, p));
    setF32(scores, i, f32At(scores, p));
    setI32(items, p, ti);
    setF32(scores, p, ts);
    i = p;
  }
}

/**
 * Scores items for a user: score(j) = Σ_t histWeights[t] · sim(histItems[t], j) through the
 * neighbour matrix (CSR: rowPtr, cols, sims), plus popBlend · popScores[j], plus dense[j]
 * when `dense` is non-zero (a score for every item, e.g. from factors). Drops masked and
 * excluded items, writes the top k best first to outItems/outScores/outReasons (the
 * history item contributing most; else -2 when the dense score outweighs popularity's,
 * -1 otherwise), then fills any remaining slots in popOrder (score popBlend ·
 * popScores[j]). Returns the count.
 */
export function scoreHistory(
  n: i32,
  rowPtr: usize, cols: usize, sims: usize,
  histItems: usize, histWeights: usize, histLen: i32,
  exclude: usize, excludeLen: i32,
  mask: usize,
  scores: usize, reasonItem: usize, reasonContrib: usize, touched: usize,
  popOrder: usize, popScores: usize, popLen: i32, popBlend: f32,
  dense: usize,
  k: i32,
  outItems: usize, outScores: usize, outReasons: usize,
): i32 {
  // 1. Accumulate neighbour scores, remembering the strongest contributing history item.
  let touchedLen = 0;
  for (let t = 0; t < histLen; t++) {
    const h = i32At(histItems, t);
    if (<u32>h >= <u32>n) continue; // unknown to this model (newer than the training run)
    const w = f32At(histWeights, t);
    const end = i32At(rowPtr, h + 1);
    for (let p = i32At(rowPtr, h); p < end; p++) {
      const j = i32At(cols, p);
      const c: f32 = w * f32At(sims, p);
      if (i32At(reasonItem, j) < 0) {
        setI32(touched, touchedLen++, j);
        setF32(scores, j, c);
        setI32(reasonItem, j, h);
        setF32(reasonContrib, j, c);
      } else {
        setF32(scores, j, f32At(scores, j) + c);
        if (c > f32At(reasonContrib, j)) {
          setI32(reasonItem, j, h);
          setF32(reasonContrib, j, c);
        }
      }
    }
  }

  for (let e = 0; e < excludeLen; e++) {
    const j = i32At(exclude, e);
    if (<u32>j < <u32>n) store<u8>(mask + <usize>j, load<u8>(mask + <usize>j) | EXCLUDED);
  }

  // 2. Top k: with a dense score every item is a candidate...
  let size = 0;
  if (dense != 0) {
    for (let j = 0; j < n; j++) {
      const s: f32 = f32At(scores, j) + f32At(dense, j) + popBlend * f32At(popScores, j);
      if (s <= 0 || load<u8>(mask + <usize>j) != 0) continue;
      size = offer(outItems, outScores, size, k, j, s);
    }
  }
  // ...otherwise the touched items with a positive blended score...
  for (let t = 0; dense == 0 && t < touchedLen; t++) {
    const j = i32At(touched, t);
    const s: f32 = f32At(scores, j) + popBlend * f32At(popScores, j);
    if (s <= 0 || load<u8>(mask + <usize>j) != 0) continue;
    size = offer(outItems, outScores, size, k, j, s);
  }
  // ...and the untouched popular items: popOrder is sorted, so once one cannot enter
  // the full heap, none after it can.
  if (dense == 0 && popBlend > 0) {
    for (let p = 0; p < popLen; p++) {
      const j = i32At(popOrder, p);
      if (i32At(reasonItem, j) >= 0 || load<u8>(mask + <usize>j) != 0) continue;
      const s: f32 = popBlend * f32At(popScores, j);
      if (s <= 0) break;
      if (size == k && !ranksBefore(s, j, f32At(outScores, 0), i32At(outItems, 0))) break;
      size = offer(outItems, outScores, size, k, j, s);
    }
  }
  // Heap sort in place: repeatedly move the worst to the end, leaving best first.
  for (let end = size - 1; end > 0; end--) {
    const ti = i32At(outItems, 0), ts = f32At(outScores, 0);
    setI32(outItems, 0, i32At(outItems, end));
    setF32(outScores, 0, f32At(outScores, end));
    setI32(outItems, end, ti);
    setF32(outScores, end, ts);
    siftDown(outItems, outScores, end, 0);
  }
  for (let r = 0; r < size; r++) {
    const j = i32At(outItems, r);
    let reason = i32At(reasonItem, j);
    if (reason < 0 && dense != 0 && f32At(dense, j) > popBlend * f32At(popScores, j)) reason = -2;
    setI32(outReasons, r, reason);
    store<u8>(mask + <usize>j, load<u8>(mask + <usize>j) | CHOSEN);
  }

  // 3. Restore the scratch invariant.
  for (let t = 0; t < touchedLen; t++) {
    const j = i32At(touched, t);
    setF32(scores, j, 0);
    setI32(reasonItem, j, -1);
    setF32(reasonContrib, j, 0);
  }

  // 4. Fill from the popularity order.
  for (let p = 0; p < popLen && size < k; p++) {
    const j = i32At(popOrder, p);
    if (load<u8>(mask + <usize>j) != 0) continue;
    setI32(outItems, size, j);
    setF32(outScores, size, popBlend * f32At(popScores, j));
    setI32(outReasons, size, -1);
    store<u8>(mask + <usize>j, CHOSEN);
    size++;
  }

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

/** Offers (j, s) to the bounded heap of the k best; returns the new heap size. */
@inline function offer(items: usize, scores: usize, size: i32, k: i32, j: i32, s: f32): i32 {
  if (size < k) {
    setI32(items, size, j);
    setF32(scores, size, s);
    siftUp(items, scores, size);
    return size + 1;
  }
  if (k > 0 && ranksBefore(s, j, f32At(scores, 0), i32At(items, 0))) {
    setI32(items, 0, j);
    setF32(scores, 0, s);
    siftDown(items, scores, size, 0);
  }
  return size;
}
