// A validation case's history spread through the fit's sparse sources, the items reached
// listed in the order first reached: the kernel of models/case-scatter.ts (its TypeScript
// reference, which it matches bit for bit: each sum is added in f64 and stored in f32).

@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline function f32At(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}

/**
 * Source s's rows are described at table + 16·s: the addresses of its rowPtr (i32), cols
 * (i32) and sims (f32), and its row count. hist (i32) and histW (f32) hold the history;
 * blocked (u8 per item) marks items not to reach; slot (i32 per item, −1 where not reached)
 * is left holding each reached item's index. acc (f32, item-major, a sum per source) is
 * left clear. Writes the items reached to outItems and their sums, item-major, to
 * outValues; returns how many.
 */
export function scatterCase(
  table: usize, numSources: i32, hist: usize, histW: usize, histLen: i32, blocked: usize, slot: usize, acc: usize,
  outItems: usize, outValues: usize,
): i32 {
  let reached = 0;
  for (let s = 0; s < numSources; s++) {
    const at = table + (<usize>s << 4);
    const rowPtr = <usize>load<u32>(at), cols = <usize>load<u32>(at, 4), sims = <usize>load<u32>(at, 8), n = load<i32>(at, 12);
    for (let t = 0; t < histLen; t++) {
      const h = i32At(hist, t);
      if (h < 0 || h >= n) continue;
      const w = <f64>f32At(histW, t);
      const end = i32At(rowPtr, h + 1);
      for (let p = i32At(rowPtr, h); p < end; p++) {
        const j = i32At(cols, p);
        if (load<u8>(blocked + <usize>j)) continue;
        if (i32At(slot, j) < 0) {
          store<i32>(slot + (<usize>j << 2), reached);
          store<i32>(outItems + (<usize>reached << 2), j);
          reached++;
        }
        const a = acc + (<usize>(j * numSources + s) << 2);
        store<f32>(a, <f32>(<f64>load<f32>(a) + w * <f64>f32At(sims, p)));
      }
    }
  }
  for (let t = 0; t < reached; t++) {
    const from = acc + (<usize>(i32At(outItems, t) * numSources) << 2);
    const to = outValues + (<usize>(t * numSources) << 2);
    for (let q = 0; q < numSources; q++) {
      store<f32>(to + (<usize>q << 2), load<f32>(from + (<usize>q << 2)));
      store<f32>(from + (<usize>q << 2), 0);
    }
  }
  return reached;
}
