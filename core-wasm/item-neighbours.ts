// Item-to-item training: cosine neighbours from co-occurrence, over the shopper × item
// matrix held twice in host memory (item → shoppers and shopper → items, CSR). All
// arithmetic is f32 in a fixed order, so the TypeScript reference matches exactly.
import { f32At, i32At, offer, setF32, setI32, sortHeap } from "./top-k";

/**
 * For each item i in [first, last): acc[j] = Σ_u w_ui · w_uj over i's shoppers' items j ≠ i
 * (row i of the Gram matrix G = XᵀX, also written to `gram` (n × n) when it is non-zero),
 * then the k best j by acc[j] / (norm_i · norm_j), best first, appended to outCols and
 * outSims; outPtr[r + 1] is the count written after item first + r.
 * acc (n floats) must be zero on entry and is left zero; touched holds n ints.
 */
export function itemNeighbours(
  first: i32, last: i32, n: i32,
  itemPtr: usize, itemUsers: usize, itemWeights: usize,
  userPtr: usize, userItems: usize, userWeights: usize,
  norms: usize, k: i32,
  acc: usize, touched: usize, gram: usize,
  outPtr: usize, outCols: usize, outSims: usize,
): void {
  let written = 0;
  setI32(outPtr, 0, 0);
  for (let i = first; i < last; i++) {
    let touchedLen = 0;
    const end = i32At(itemPtr, i + 1);
    for (let p = i32At(itemPtr, i); p < end; p++) {
      const u = i32At(itemUsers, p);
      const wi = f32At(itemWeights, p);
      const uEnd = i32At(userPtr, u + 1);
      for (let q = i32At(userPtr, u); q < uEnd; q++) {
        const j = i32At(userItems, q);
        if (j == i) continue;
        const a = f32At(acc, j);
        if (a == 0) setI32(touched, touchedLen++, j);
        setF32(acc, j, a + wi * f32At(userWeights, q));
      }
    }
    const ni = f32At(norms, i);
    const heapItems = outCols + (<usize>written << 2);
    const heapSims = outSims + (<usize>written << 2);
    const gramRow = gram + ((<usize>i * <usize>n) << 2);
    if (gram != 0) store<f32>(gramRow + (<usize>i << 2), ni * ni);
    let size = 0;
    for (let t = 0; t < touchedLen; t++) {
      const j = i32At(touched, t);
      const a = f32At(acc, j);
      if (gram != 0) store<f32>(gramRow + (<usize>j << 2), a);
      const s: f32 = a / (ni * f32At(norms, j));
      size = offer(heapItems, heapSims, size, k, j, s);
      setF32(acc, j, 0);
    }
    sortHeap(heapItems, heapSims, size);
    written += size;
    setI32(outPtr, i - first + 1, written);
  }
}
