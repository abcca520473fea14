// Exact EASE's weights read out of P = (G + λI)⁻¹ (spd-inverse.ts), each item's strongest
// kept: B[h, j] = −P[h, j] / P[j, j].
import { at } from "./spd-blocks";
import { i32At, offer, setF32, setI32, sortHeap } from "./top-k";

/**
 * For each item j in [first, last): the keep items h ≠ j of largest |B[h, j]|, with
 * B[h, j] = −P[h, j] / P[j, j] (P from spdInverse), exact zeros left out; best first (equal
 * magnitudes by lower h), appended to outCols and outWeights; outPtr[r + 1] is the count
 * written after item first + r.
 */
export function easeRows(p: usize, n: i32, stride: i32, first: i32, last: i32, keep: i32, outPtr: usize, outCols: usize, outWeights: usize): void {
  let written = 0;
  setI32(outPtr, 0, 0);
  for (let j = first; j < last; j++) {
    const row = at(p, <usize>stride << 2, j, 0); // P is symmetric: row j is column j
    const diag = load<f32>(row + (<usize>j << 2));
    const items = outCols + (<usize>written << 2);
    const weights = outWeights + (<usize>written << 2);
    let size = 0;
    for (let h = 0; h < n; h++) {
      const b = -load<f32>(row + (<usize>h << 2)) / diag;
      if (h != j && b != 0) size = offer(items, weights, size, keep, h, Mathf.abs(b));
    }
    sortHeap(items, weights, size);
    // The heap ranked magnitudes; the weights keep their sign.
    for (let t = 0; t < size; t++) setF32(weights, t, -load<f32>(row + (<usize>i32At(items, t) << 2)) / diag);
    written += size;
    setI32(outPtr, j - first + 1, written);
  }
}
