// Why each listed item is there: its strongest contributing history item, found once the
// list is known (the scoring pass does not track it for every item it touches: that
// kept two more arrays in the cache on every step).
import { f32At, i32At, setF32 } from "./top-k";
import { ScoreParams } from "./score-params";
import { cellReason, setCellReason } from "./cells";

/** The mask bit marking the items whose reason historyReasons is finding. */
const WANTS_REASON: u8 = 8;

/**
 * Each listed item's strongest contributing history item (the first of equals, as
 * history order goes), in each one's cell: the out list's `size` items and the promoted list's
 * `promoSize`, those the history reached. A second pass over the history's rows that
 * reads only the mask for the other items. reasonContrib is -Infinity for a wanted item
 * until its first contribution, and 0 again after. (Searching each row for the wanted
 * items, its columns sorted, took longer on the demo shop: 0.9–1.04 of this pass's time.)
 */
export function historyReasons(p: ScoreParams, size: i32, promoSize: i32): void {
  const n = p.n, mask = p.mask, cells = p.cells, reasonContrib = p.reasonContrib;
  let wanted = 0;
  for (let r = 0; r < size + promoSize; r++) {
    const j = r < size ? i32At(p.outItems, r) : i32At(p.promoItems, r - size);
    const h = cellReason(cells, j);
    if (h < 0 || h == n) continue;
    const m = load<u8>(mask + <usize>j);
    if ((m & WANTS_REASON) != 0) continue;
    store<u8>(mask + <usize>j, m | WANTS_REASON);
    setF32(reasonContrib, j, -Infinity);
    wanted++;
  }
  if (wanted == 0) return;
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
  for (let r = 0; r < size + promoSize; r++) {
    const j = r < size ? i32At(p.outItems, r) : i32At(p.promoItems, r - size);
    store<u8>(mask + <usize>j, load<u8>(mask + <usize>j) & ~WANTS_REASON);
    setF32(reasonContrib, j, 0);
  }
}
