// The parameter block of scoreHistory: one struct in linear memory that the host fills
// (server/wasm/score-params.ts lays out the same fields, in this order, 4 bytes each), so
// the kernel takes a single pointer instead of forty arguments. Arrays are pointers into
// the host's arena; a pointer of 0 means "absent".
@unmanaged
export class ScoreParams {
  // The model: the neighbour matrix (CSR) and popularity.
  n: i32;
  rowPtr: usize;
  cols: usize;
  sims: usize;
  popOrder: usize;
  popLen: i32;
  popBlend: f32;
  // The shopper: weighted history and this request's exclusions; the item mask.
  histItems: usize;
  histWeights: usize;
  histLen: i32;
  exclude: usize;
  excludeLen: i32;
  mask: usize;
  // Each item's cell (cells.ts): its score and reason (scratch, 0 and -1 between calls),
  // popularity score and factor length. reasonContrib: scratch, 0 between calls.
  cells: usize;
  reasonContrib: usize;
  touched: usize;
  // The same matrix by column, where the host keeps it (else 0: server/wasm/matrix-columns.ts),
  // and each item's place in the history plus one (scratch, 0 between calls): for
  // historyReasons, which then reads the listed items' columns instead of the history's rows.
  colPtr: usize;
  colRows: usize;
  colSims: usize;
  histAt: usize;
  // Factors: a dense score per item, or the shopper's factor and candidates.
  dense: usize;
  itemFactors: usize;
  f: i32;
  userFactor: usize;
  factorWeight: f32;
  candidates: usize;
  candLen: i32;
  codes: usize;
  codeScales: usize;
  stride: i32;
  queryCodes: usize;
  queryScale: f32;
  // Rules: score' = score · boostMul[j] + boostAdd[j]. `boosted`: the items whose boost
  // adds nothing (boostAdd <= 0) and is not the identity, by popularity · multiplier,
  // highest first; `boostedAdd`: those with an addition, by it, highest first, and the
  // largest popularity · multiplier among them.
  boostMul: usize;
  boostAdd: usize;
  boosted: usize;
  boostedLen: i32;
  boostedAdd: usize;
  boostedAddLen: i32;
  boostedAddMaxKey: f32;
  // The largest multiplier and addition of any item (1 and 0 without rules).
  boostMaxMul: f32;
  boostMaxAdd: f32;
  // A promotion: a byte per item (non-zero: promoted), the promoted items by popularity,
  // and the list of the best promoK of them the call writes (with its length).
  promo: usize;
  promoOrder: usize;
  promoLen: i32;
  promoK: i32;
  promoItems: usize;
  promoScores: usize;
  promoReasons: usize;
  promoCount: usize;
  // The list.
  k: i32;
  outItems: usize;
  outScores: usize;
  outReasons: usize;
  // Probes: items whose personal score is reported whether listed or not.
  isProbe: usize;
  probeItems: usize;
  probeScores: usize;
  probeCount: usize;
  // Non-zero: every probe's score in probeDense (bounds for those that cannot reach the
  // list), only the others listed, the scratch kept (probes.ts).
  probeBounds: i32;
  probeDense: usize;
  // The touched items' count, for restoreScratch (the kernel writes it).
  touchedLen: i32;
}

/** The block's size in bytes: the host checks its own layout against it. */
export function scoreParamsBytes(): i32 {
  return <i32>offsetof<ScoreParams>();
}
