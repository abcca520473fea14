// The candidates stage of /recommend, per placement: the scoring kernel for home (or, for
// a shopper without events, the context's popular items), product and cart (their items
// scored as part of the history); what is due again for buy_again; what is rising for
// trending; the theme's closest items for scenario.
import type { ScoredList } from "../../../core-wasm/reference/score-history.js";
import type { HistoryEvent } from "../../store/types.js";
import type { HistoryParams } from "../../../models/history.js";
import type { ItemBoosts, Promotion } from "../../wasm/scoring-core.js";
import type { ActiveModel } from "../active-model.js";
import { SEED_WEIGHT, type Placement, type PlacementInput } from "./placement.js";
import type { Store } from "../../store/types.js";
import { notFound } from "../../errors.js";
import { scoreList, type Seed } from "../score-list.js";
import type { ShopperMemo } from "../shopper-memo.js";
import { inContext } from "../in-context.js";
import { toRanked, type RankedList } from "../list-rules.js";
import { boostedTop, buyAgainList, trendingList } from "./ranked-lists.js";
import { REASON_THEME } from "../../../core-wasm/shared/reason-codes.js";

export interface CandidateRequest {
  model: ActiveModel;
  events: HistoryEvent[];
  params: HistoryParams;
  /** Where what is derived from `events` is kept (shopper-memo.ts). */
  memo?: ShopperMemo;
  placement: Placement;
  k: number;
  exclude: number[];
  allow?: Uint8Array;
  boosts?: ItemBoosts;
  promotion?: Promotion;
  /** Whether the list may show item j (not excluded, available, allowed). */
  admits(j: number): boolean;
  /** product and cart: their items. */
  seed?: Seed;
  /** home, for a shopper without events: the context's segment keys. */
  contextKeys: string[];
  /** scenario: the theme's closest items (content-lists.ts themed). */
  themed?: (k: number, accept: (j: number) => boolean) => Promise<{ item: number; score: number }[]>;
  /** buy_again measures how due an item is from this time. */
  now: number;
}

export interface Candidates {
  list: RankedList;
  /** The kernel's answer, when the kernel ranked the list (its promoted items). */
  kernel?: ScoredList;
  /** The segments of a shopper's context that matched (home without events). */
  matched?: string[];
}

export async function candidates(r: CandidateRequest): Promise<Candidates> {
  const { model, boosts, k } = r;
  const popular = (seen: number[], m: number) => toRanked(scoreList(model, [], r.params, { k: m, exclude: seen, allow: r.allow, boosts }));
  switch (r.placement) {
    case "buy_again":
      return { list: buyAgainList(r.events, r.now, k, r.admits, boosts) };
    case "trending": {
      const list = model.trending ? trendingList(model.trending, k, r.admits, boosts) : { items: [], scores: [], reasons: [] };
      // Too few rising items (or a model trained before trending): popularity fills the list.
      return { list: list.items.length < k ? concat(list, popular([...r.exclude, ...list.items], k - list.items.length)) : list };
    }
    case "scenario": {
      const found = await r.themed!(k, r.admits);
      return { list: boostedTop(found, k, r.admits, boosts, REASON_THEME) };
    }
    case "home":
      if (r.events.length === 0 && model.segments) {
        const situated = await inContext(model.segments, { keys: r.contextKeys, k, exclude: r.exclude, admits: r.admits, boosts }, async (seen, m) => popular(seen, m));
        if (situated) return situated;
      }
  }
  const kernel = scoreList(model, r.events, r.params, { k, exclude: r.exclude, allow: r.allow, boosts, promotion: r.promotion, seed: r.seed }, r.memo);
  return { list: toRanked(kernel), kernel };
}

/** product: the page's item (404 when unknown); cart: the cart's items (unknown ids are ignored); none for the rest. */
export async function seedOf(store: Store, placement: Placement, input: Partial<PlacementInput>): Promise<Seed | undefined> {
  if (placement === "product") {
    const item = input.item === undefined ? undefined : await store.items.idOf(input.item);
    if (item === undefined) throw notFound("unknown_item", `no item with id "${input.item}"`);
    return { items: [item], weight: SEED_WEIGHT };
  }
  if (placement === "cart") return { items: [...(await store.items.idsOf(input.items ?? [])).values()], weight: SEED_WEIGHT };
  return undefined;
}

function concat(a: RankedList, b: RankedList): RankedList {
  return { items: [...a.items, ...b.items], scores: [...a.scores, ...b.scores], reasons: [...a.reasons, ...b.reasons] };
}
