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
  popScores: usize;
  popLen: i32;
  popBlend: f32;
  // The shopper: weighted history and this request's exclusions; the item mask.
  histItems: usize;
  histWeights: usize;
  histLen: i32;
  exclude: usize;
  excludeLen: i32;
  mask: usize;
  // Scratch, all zero (reasonItem -1) between calls.
  scores: usize;
  reasonItem: usize;
  reasonContrib: usize;
  touched: usize;
  // Factors: a dense score per item, or the shopper's factor and candidates.
  dense: usize;
  itemFactors: usize;
  f: i32;
  userFactor: usize;
  factorWeight: f32;
  candidates: usize;
  candLen: i32;
  factorNorms: usize;
  codes: usize;
  codeScales: usize;
  stride: i32;
  queryCodes: usize;
  queryScale: f32;
  // Rules: score' = score · boostMul[j] + boostAdd[j] for the `boosted` items.
  boostMul: usize;
  boostAdd: usize;
  boosted: usize;
  boostedLen: i32;
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
}

/** The block's size in bytes: the host checks its own layout against it. */
export function scoreParamsBytes(): i32 {
  return <i32>offsetof<ScoreParams>();
}
