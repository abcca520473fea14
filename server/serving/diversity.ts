// Diversity, a stage after scoring: maximal marginal relevance over item text embeddings
// (each next item trades its score against its closeness to those already chosen), then
// at most m items per category. It reorders and drops from a pool a few times n long;
// the scores shown stay the model's.
import type { RankedList } from "./list-rules.js";
import type { Counted } from "./mask-state.js";

export interface Diversity {
  /** At most this many items of one category in the list. */
  maxPerCategory?: number;
  /** MMR's trade-off: 1 is the plain ranking, 0 diversity alone. */
  mmrLambda?: number;
}

export interface ItemTraits {
  /** A category code, or -1 (no category: never capped). */
  categoryOf(j: number): number;
  /** The item's unit-length text vector, when it has one. */
  vectorOf(j: number): Float32Array | undefined;
  /** Moves when any item's category changes: a diversified list holds while it stays. */
  categories?: Counted;
}

/** How many candidates a diversified list of n is chosen from. */
export const diversityPool = (n: number): number => 3 * n;

/** The first n of `list` after MMR and the category cap. */
export function diversify(list: RankedList, n: number, d: Diversity, traits: ItemTraits): RankedList {
  let order = list.items.map((_, r) => r);
  if (d.mmrLambda !== undefined && d.mmrLambda < 1) order = mmr(list, order, n * 2, d.mmrLambda, traits);
  const out: RankedList = { items: [], scores: [], reasons: [] };
  const perCategory = new Map<number, number>();
  for (const r of order) {
    if (out.items.length >= n) break;
    const c = traits.categoryOf(list.items[r]);
    if (d.maxPerCategory !== undefined && c >= 0) {
      const seen = perCategory.get(c) ?? 0;
      if (seen >= d.maxPerCategory) continue;
      perCategory.set(c, seen + 1);
    }
    out.items.push(list.items[r]);
    out.scores.push(list.scores[r]);
    out.reasons.push(list.reasons[r]);
  }
  return out;
}

/** Greedy MMR: the `take` places of `order`, each the best λ·relevance − (1−λ)·max similarity to those before it. */
function mmr(list: RankedList, order: number[], take: number, lambda: number, traits: ItemTraits): number[] {
  const top = Math.max(...list.scores.map(Math.abs), 1e-12);
  const vectors = order.map((r) => traits.vectorOf(list.items[r]));
  const closest = new Float64Array(order.length);
  const chosen: number[] = [];
  const left = new Set(order.keys());
  while (chosen.length < take && left.size > 0) {
    let best = -1;
    let bestValue = -Infinity;
    for (const q of left) {
      const value = lambda * (list.scores[order[q]] / top) - (1 - lambda) * closest[q];
      if (value > bestValue) [best, bestValue] = [q, value];
    }
    left.delete(best);
    chosen.push(order[best]);
    const v = vectors[best];
    if (!v) continue;
    for (const q of left) {
      const w = vectors[q];
      if (w) closest[q] = Math.max(closest[q], dot(v, w));
    }
  }
  return chosen;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Intra-list diversity: 1 − the mean cosine similarity of the list's pairs of items with vectors. */
export function intraListDiversity(items: ArrayLike<number>, vectorOf: (j: number) => Float32Array | undefined): number | undefined {
  const vs = Array.from(items, vectorOf).filter((v): v is Float32Array => v !== undefined);
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < vs.length; a++) for (let b = a + 1; b < vs.length; b++, pairs++) sum += dot(vs[a], vs[b]);
  return pairs > 0 ? 1 - sum / pairs : undefined;
}
