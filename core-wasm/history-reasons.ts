// Why each listed item is there: its strongest contributing history item, found once the
// list is known (the scoring pass does not track it for every item it touches: that
// kept two more arrays in the cache on every step).
import { f32At, i32At, setF32, setI32 } from "./top-k";
import { ScoreParams } from "./score-params";
import { cellReason, setCellReason } from "./cells";
import { historyEntries } from "./history-scatter";

/** The mask bit marking the items whose reason historyReasons is finding. */
const WANTS_REASON: u8 = 8;

/**
 * Each listed item's strongest contributing history item (the first of equals, as
 * history order goes), in each one's cell: the out list's `size` items and the promoted list's
 * `promoSize`, those the history reached. Found from the listed items' columns where the
 * host keeps the matrix by column and they hold fewer entries than the history's rows
 * (byColumns), else from a second pass over the history's rows (byRows).
 */
export function historyReasons(p: ScoreParams, size: i32, promoSize: i32): void {
  const n = p.n, mask = p.mask, cells = p.cells, colPtr = p.colPtr;
  let wanted = 0, colEntries = 0;
  for (let r = 0; r < size + promoSize; r++) {
    const j = listed(p, size, r);
    const h = cellReason(cells, j);
    if (h < 0 || h == n) continue;
    const m = load<u8>(mask + <usize>j);
    if ((m & WANTS_REASON) != 0) continue;
    store<u8>(mask + <usize>j, m | WANTS_REASON);
    setF32(p.reasonContrib, j, -Infinity);
    if (colPtr != 0) colEntries += i32At(colPtr, j + 1) - i32At(colPtr, j);
    wanted++;
  }
  if (wanted == 0) return;
  // A column's entries lie anywhere in memory, a row's side by side: columns pay where
  // they are well under half the rows' (the demo shop's lists: 19 against 50 µs).
  if (colPtr == 0 || 2 * colEntries >= historyEntries(p) || !byColumns(p, size, promoSize)) byRows(p);
  for (let r = 0; r < size + promoSize; r++) {
    const j = listed(p, size, r);
    store<u8>(mask + <usize>j, load<u8>(mask + <usize>j) & ~WANTS_REASON);
    setF32(p.reasonContrib, j, 0);
  }
}

@inline function listed(p: ScoreParams, size: i32, r: i32): i32 {
  return r < size ? i32At(p.outItems, r) : i32At(p.promoItems, r - size);
}

/**
 * The history's rows, reading only the mask for the items not wanted. reasonContrib is
 * -Infinity for a wanted item until its first contribution. (Searching each row for the
 * wanted items, its columns sorted, took longer on the demo shop: 0.9–1.04 of this pass's time.)
 */
function byRows(p: ScoreParams): void {
  const n = p.n, mask = p.mask, cells = p.cells, reasonContrib = p.reasonContrib;
  const rowPtr = p.rowPtr, cols = p.cols, sims = p.sims;
  for (let t = 0; t < p.histLen; t++) {
    const h = i32At(p.histItems, t);
    if (<u32>h >= <u32>n) continue;
    const w = f32At(p.histWeights, t);
    const end = i32At(rowPtr, h + 1);
    for (let q = i32At(rowPtr, h); q < end; q++) {
      const j = i32At(cols, q);
      if ((load<u8>(mask + <usize>j) & WANTS_REASON) == 0) continue;
      const c: f32 = w * f32At(sims, q);
      if (c > f32At(reasonContrib, j)) {
        setCellReason(cells, j, h);
        setF32(reasonContrib, j, c);
      }
    }
  }
}

/**
 * Each wanted item's column, its entries' history places read from histAt (the place
 * plus one, 0 for an item outside the history): the same contributions as byRows, the
 * first of equals the lowest place. False, having changed nothing, where an item comes
 * twice in the history (a page's seed item the shopper also has), whose rows then decide.
 */
function byColumns(p: ScoreParams, size: i32, promoSize: i32): bool {
  const n = p.n, histAt = p.histAt, histItems = p.histItems;
  let marked = 0;
  for (; marked < p.histLen; marked++) {
    const h = i32At(histItems, marked);
    if (<u32>h >= <u32>n) continue;
    if (i32At(histAt, h) != 0) break;
    setI32(histAt, h, marked + 1);
  }
  const distinct = marked == p.histLen;
  for (let r = 0; distinct && r < size + promoSize; r++) {
    const j = listed(p, size, r);
    const m = load<u8>(p.mask + <usize>j);
    if ((m & WANTS_REASON) == 0) continue;
    store<u8>(p.mask + <usize>j, m & ~WANTS_REASON); // (once: an item may be in both lists)
    let best: f32 = -Infinity, bestAt = 0;
    const end = i32At(p.colPtr, j + 1);
    for (let q = i32At(p.colPtr, j); q < end; q++) {
      const at = i32At(histAt, i32At(p.colRows, q));
      if (at == 0) continue;
      const c: f32 = f32At(p.histWeights, at - 1) * f32At(p.colSims, q);
      if (c > best || (c == best && at < bestAt)) {
        best = c;
        bestAt = at;
      }
    }
    if (bestAt != 0) setCellReason(p.cells, j, i32At(histItems, bestAt - 1));
  }
  for (let t = 0; t < marked; t++) {
    const h = i32At(histItems, t);
    if (<u32>h < <u32>n) setI32(histAt, h, 0);
  }
  return distinct;
}
