// Candidates → scores: a shopper's weighted history, their factor folded in, scored in the
// model's WASM core with the request's allowed items and the rules' boosts; products
// posted since training (cold items) scored from the known items they resemble and
// merged in. Nothing here awaits: the core's state belongs to one request at a time.
import type { ScoredList } from "../../core-wasm/reference/score-history.js";
import type { ItemBoosts, Promotion } from "../wasm/scoring-core.js";
import type { HistoryEvent } from "../store/types.js";
import { foldInHistory, weightHistory, type HistoryParams } from "../../models/history.js";
import type { ActiveModel } from "./active-model.js";
import { withColdItems } from "./cold-merge.js";
import type { ShopperMemo } from "./shopper-memo.js";

export interface ListRequest {
  k: number;
  /** Items never listed (internal ids). */
  exclude: ArrayLike<number>;
  /** allow[j] is 1 for the items the list may hold; all of them without it. */
  allow?: Uint8Array;
  boosts?: ItemBoosts;
  /** The best k items of a promotion, listed apart (ScoredList.promoted). */
  promotion?: Promotion;
  /** What the list is about (a product page's item, a cart's): scored as history with `weight` of it. */
  seed?: Seed;
}

/** Items that join the shopper's history with `weight` of its total (all of it when the shopper has none). */
export interface Seed {
  items: readonly number[];
  weight: number;
}

/** The weight of the shopper's factor score: the model's, times the shopper's own share of a seeded list's history. */
export function factorWeight(model: ActiveModel, events: HistoryEvent[], seed?: Seed): number {
  if (events.length === 0) return 0;
  return model.weights.factors * (seed && seed.items.length > 0 ? 1 - seed.weight : 1);
}

/** The weighted history a list scores: the shopper's events (models/history.ts), the seed's items first. */
export function listHistory(events: HistoryEvent[], p: HistoryParams, seed?: Seed, own = weightHistory(events, p)): { items: Int32Array; weights: Float32Array } {
  if (!seed || seed.items.length === 0) return own;
  const ownShare = events.length > 0 ? 1 - seed.weight : 0;
  const each = (1 - ownShare) / seed.items.length;
  return {
    items: Int32Array.from([...seed.items, ...own.items]),
    weights: Float32Array.from([...seed.items.map(() => each), ...Array.from(own.weights, (w) => w * ownShare)]),
  };
}

/**
 * The shopper's top k; with no events, popularity alone (and its scores). `memo`: where
 * what is derived from these very events (the shopper's held ones) is kept (shopper-memo.ts).
 */
export function scoreList(model: ActiveModel, events: HistoryEvent[], p: HistoryParams, req: ListRequest, memo?: ShopperMemo): ScoredList {
  const derived = memo?.derived(model, p, events);
  const history = listHistory(events, p, req.seed, derived?.own);
  // With no history the list is popularity alone, and its scores are popularity's.
  const blend = history.items.length > 0 ? model.weights.popularity : 1;
  const factors = factorWeight(model, events, req.seed);
  if (factors > 0 && derived) model.core.useShopper(derived.factor, factors);
  else if (factors > 0) {
    const fold = foldInHistory(events, p.weightsByCode, model.factorAlpha);
    model.core.foldIn(fold.items, fold.conf, factors);
  }
  const k = Math.min(req.k, model.core.limits.maxResults);
  const request = { histItems: history.items, histWeights: history.weights, exclude: req.exclude, popBlend: blend, filter: req.allow, boosts: req.boosts, promotion: req.promotion, k };
  if (history.items.length === 0 || model.cold.size === 0) return model.core.score(request);
  // Cold items are scored from this request's scores of the known items they resemble,
  // the shopper's own (excluded from the list) among them: the kernel reports those too.
  const { allow, boosts } = req;
  const { scored, cold } = model.core.scoreBounded({ ...request, probes: model.cold.sources() }, (scored, probes, exactOf) => {
    // A cold item enters a full list only by scoring at least its last item (boosts aside).
    const floor = !boosts && k > 0 && scored.items.length === k ? scored.scores[k - 1] : -Infinity;
    return { scored, cold: model.cold.scores(probes, history.items, floor, exactOf) };
  });
  if (boosts) {
    for (let c = 0; c < cold.items.length; c++) {
      const j = cold.items[c];
      if (j < boosts.mul.length) cold.scores[c] = Math.fround(cold.scores[c] * boosts.mul[j] + boosts.add[j]);
    }
  }
  const excluded = new Set(Array.from(req.exclude));
  const skip = (j: number) => excluded.has(j) || (allow !== undefined && allow[j] !== 1);
  return { ...withColdItems(scored, cold, skip, k), promoted: scored.promoted };
}

/** Both allow arrays (1 where both allow), cached per pair: the same filter and rules give the same array. */
export class AllowPairs {
  private readonly pairs = new WeakMap<Uint8Array, WeakMap<Uint8Array, Uint8Array>>();

  of(a: Uint8Array | undefined, b: Uint8Array | undefined): Uint8Array | undefined {
    if (!a || !b) return a ?? b;
    let inner = this.pairs.get(a);
    if (!inner) this.pairs.set(a, (inner = new WeakMap()));
    let both = inner.get(b);
    if (!both) {
      both = new Uint8Array(Math.min(a.length, b.length));
      for (let j = 0; j < both.length; j++) both[j] = a[j] & b[j];
      inner.set(b, both);
    }
    return both;
  }
}
