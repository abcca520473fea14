// Plain-TypeScript reference of core-wasm/score-history.ts: the same algorithm over
// typed arrays, kept for property tests and as the readable statement of the kernel.
// Float32 rounding is applied at the same points, so results must match exactly.
import { int8Score, type Int16Query, type Int8Rows } from "../../models/int8-factors.js";
import { REASON_FACTORS, REASON_POPULAR } from "../shared/reason-codes.js";

export interface NeighbourMatrix {
  n: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  sims: Float32Array;
}

export interface ScoreRequest {
  histItems: Int32Array;
  histWeights: Float32Array;
  exclude: Int32Array;
  /** Non-zero marks an item that may never be returned (deleted, out of stock). */
  mask: Uint8Array;
  popOrder: Int32Array;
  popScores: Float32Array;
  /** Weight of popularity added to every item's score. */
  popBlend: number;
  /** A score added to every item (e.g. from factors); every item is then a candidate. */
  dense?: Float32Array;
  /**
   * Without `dense`: the shopper's factor; the candidates are then the items reached from
   * the history plus `candidates`, each with weight · (y_j · user) added.
   */
  factors?: {
    items: Float32Array; f: number; user: Float32Array; weight: number; candidates: Int32Array;
    /** Scores from int8 codes instead of `items` and `user` (models/int8-factors.ts). */
    int8?: { rows: Int8Rows; query: Int16Query };
  };
  k: number;
  /** Items whose personal score to report whether or not they make the list (see probedScore in the kernel). */
  probes?: Int32Array;
  /** Rules' boosts: every score s of item j becomes s · mul[j] + add[j] (mul[j] >= 0). */
  boosts?: { mul: Float32Array; add: Float32Array };
  /** A promotion: its best k items (matches[j] 1) are listed apart too (`promoted`). */
  promotion?: { matches: Uint8Array; k: number };
}

export interface ScoredList {
  items: Int32Array;
  scores: Float32Array;
  /** The history item contributing most to each result, or a REASON_ code (core-wasm/shared/reason-codes.ts). */
  reasons: Int32Array;
  /** The probed items with a positive score from the shopper's own signals (any order), and those scores. */
  probed?: { items: Int32Array; scores: Float32Array };
  /** With a promotion: the best of its items, apart from the list (they may be in it too). */
  promoted?: { items: Int32Array; scores: Float32Array; reasons: Int32Array };
}

const f32 = Math.fround;

/** weight · (y_j · x) in float32 (the kernel sums in another order: tests use exact values). */
function factorScore(fm: NonNullable<ScoreRequest["factors"]>, j: number): number {
  if (fm.int8) return int8Score(fm.int8.rows, j, fm.int8.query, fm.weight);
  let d = 0;
  for (let i = 0; i < fm.f; i++) d = f32(d + f32(fm.items[j * fm.f + i] * fm.user[i]));
  return f32(f32(fm.weight) * d);
}

function ranksBefore(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa > sb || (sa === sb && ia < ib);
}

export function scoreHistoryReference(m: NeighbourMatrix, req: ScoreRequest): ScoredList {
  const scores = new Map<number, number>();
  const reason = new Map<number, { item: number; contrib: number }>();
  for (let t = 0; t < req.histItems.length; t++) {
    const h = req.histItems[t];
    if (h < 0 || h >= m.n) continue;
    const w = req.histWeights[t];
    for (let p = m.rowPtr[h]; p < m.rowPtr[h + 1]; p++) {
      const j = m.cols[p];
      const c = f32(w * m.sims[p]);
      const r = reason.get(j);
      if (!r) {
        scores.set(j, c);
        reason.set(j, { item: h, contrib: c });
      } else {
        scores.set(j, f32(scores.get(j)! + c));
        if (c > r.contrib) reason.set(j, { item: h, contrib: c });
      }
    }
  }

  const excluded = new Set<number>(req.exclude);
  const blocked = (j: number) => req.mask[j] !== 0 || excluded.has(j);
  const beta = f32(req.popBlend);
  const dense = req.dense;
  const fm = dense ? undefined : req.factors;
  for (const j of fm?.candidates ?? []) {
    if (j >= 0 && j < m.n && !scores.has(j)) scores.set(j, 0);
  }
  const factorPart = (j: number) => (fm ? factorScore(fm, j) : 0);
  const bs = req.boosts;
  const boost = (j: number, s: number) => (bs ? f32(f32(s * bs.mul[j]) + bs.add[j]) : s);
  const isBoosted = (j: number) => bs !== undefined && (bs.mul[j] !== 1 || bs.add[j] !== 0);
  const candidates: [number, number][] = dense
    ? Array.from(dense, (d, j) => [j, boost(j, f32(f32((scores.get(j) ?? 0) + d) + f32(beta * req.popScores[j])))])
    : [...scores.entries()].map(([j, s]) => [j, boost(j, f32(f32(s + factorPart(j)) + f32(beta * req.popScores[j])))]);
  if (!dense && beta > 0) {
    for (const j of req.popOrder) if (!scores.has(j) && !isBoosted(j)) candidates.push([j, f32(beta * req.popScores[j])]);
  }
  // Untouched boosted items are candidates whatever popularity says of them.
  for (let j = 0; !dense && j < m.n; j++) if (isBoosted(j) && !scores.has(j)) candidates.push([j, boost(j, f32(beta * req.popScores[j]))]);
  const eligible = candidates
    .filter(([j, s]) => s > 0 && !blocked(j))
    .sort(([ja, sa], [jb, sb]) => (ranksBefore(sa, ja, sb, jb) ? -1 : 1));
  const ranked = eligible.slice(0, Math.max(0, req.k));

  const items: number[] = ranked.map(([j]) => j);
  const out: number[] = ranked.map(([, s]) => s);
  const aboveBlend = (j: number) => (dense ? dense[j] : factorPart(j)) > f32(beta * req.popScores[j]);
  // Without a history reason: the dense score, or a factor candidate's factor score, when it
  // outweighs popularity; an untouched popular item's score has no factor part.
  const reasonOf = (j: number) => reason.get(j)?.item ?? ((dense || (fm && scores.has(j))) && aboveBlend(j) ? REASON_FACTORS : REASON_POPULAR);
  const reasons: number[] = ranked.map(([j]) => reasonOf(j));
  const promo = req.promotion;
  const promotedRanked = promo ? eligible.filter(([j]) => promo.matches[j] === 1).slice(0, Math.max(0, promo.k)) : [];
  const chosen = new Set(items);
  for (let p = 0; p < req.popOrder.length && items.length < req.k; p++) {
    const j = req.popOrder[p];
    if (blocked(j) || chosen.has(j)) continue;
    chosen.add(j);
    items.push(j);
    out.push(boost(j, f32(beta * req.popScores[j])));
    reasons.push(REASON_POPULAR);
  }
  // A probed item's score, listed or not, when the shopper's own signals give it one: the
  // history reaches it, or its factor (dense) score outweighs its popularity.
  const probed = (j: number): number => {
    if (j < 0 || j >= m.n) return 0;
    const pop = f32(beta * req.popScores[j]);
    const base = scores.get(j) ?? 0;
    if (dense) return reason.has(j) || dense[j] > pop ? f32(f32(base + dense[j]) + pop) : 0;
    if (!scores.has(j)) return 0;
    const fs = factorPart(j);
    return reason.has(j) || fs > pop ? f32(f32(base + fs) + pop) : 0;
  };
  return {
    items: Int32Array.from(items), scores: Float32Array.from(out), reasons: Int32Array.from(reasons),
    probed: req.probes && personal(req.probes, probed),
    promoted: promo && {
      items: Int32Array.from(promotedRanked, ([j]) => j), scores: Float32Array.from(promotedRanked, ([, s]) => s), reasons: Int32Array.from(promotedRanked, ([j]) => reasonOf(j)),
    },
  };
}

/** The distinct probes with a positive score, in item order. */
function personal(probes: Int32Array, score: (j: number) => number): { items: Int32Array; scores: Float32Array } {
  const items = [...new Set(probes)].sort((a, b) => a - b).filter((j) => score(j) > 0);
  return { items: Int32Array.from(items), scores: Float32Array.from(items, score) };
}
