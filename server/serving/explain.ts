// explain=true: each listed item's score taken apart into what each source contributed —
// item-kNN, the linear model, text similarity and recency (the history's items through
// each trained item-to-item matrix), factors (the shopper folded in again), popularity and
// the rules' boosts — and the history items behind the largest one. For a list the kernel
// scored, the contributions add up to the score (to float32 rounding). Items placed by
// other means carry one contribution: a pin, a new product (cold item), popularity in
// the shopper's context.
import type { HistoryEvent } from "../store/types.js";
import type { ItemBoosts } from "../wasm/scoring-core.js";
import { foldInHistory, type HistoryParams } from "../../models/history.js";
import { REASON_BUY_AGAIN, REASON_NEW_ITEM, REASON_PINNED, REASON_POPULAR_IN, REASON_THEME, REASON_TRENDING } from "../../core-wasm/shared/reason-codes.js";
import { factorWeight, listHistory, type Seed } from "./score-list.js";
import type { ActiveModel } from "./active-model.js";
import type { RankedList } from "./list-rules.js";

export type Contribution =
  | "item_knn" | "linear" | "text" | "recency" | "factors" | "popularity" | "rules" | "pin" | "new_item" | "popular_in_context" | "buy_again" | "trending" | "theme";

/** The placements' own rankings, whose score is one contribution (and the rules' boost of it). */
const OWN_RANKING = new Map<number, Contribution>([[REASON_BUY_AGAIN, "buy_again"], [REASON_TRENDING, "trending"], [REASON_THEME, "theme"]]);

export interface ItemExplanation {
  contributions: Partial<Record<Contribution, number>>;
  /** The history items behind the largest item-to-item contribution, largest first (internal ids). */
  because: { item: number; contribution: number }[];
}

/** How many history items `because` names. */
const BECAUSE = 3;

/** The explanation of each item of `list` (internal ids) for a shopper with `events`. */
export function explainList(model: ActiveModel, events: HistoryEvent[], p: HistoryParams, list: RankedList, boosts?: ItemBoosts, seed?: Seed): ItemExplanation[] {
  const history = listHistory(events, p, seed);
  const weightOf = new Map<number, number>();
  for (let t = 0; t < Math.min(history.items.length, p.maxHistory); t++) weightOf.set(history.items[t], (weightOf.get(history.items[t]) ?? 0) + history.weights[t]);
  const popBlend = history.items.length > 0 ? model.weights.popularity : 1;
  const sparse = list.items.map((j) => itemToItem(model, weightOf, j));
  const weight = factorWeight(model, events, seed);
  const factorParts = weight > 0
    ? factorsOf(model, events, p, weight, list.items, (j) => sparse[list.items.indexOf(j)]?.touched ?? false)
    : list.items.map(() => 0);
  return list.items.map((j, r) => {
    const reason = list.reasons[r];
    const score = list.scores[r];
    if (reason === REASON_PINNED) return { contributions: { pin: score }, because: [] };
    if (reason === REASON_NEW_ITEM || j >= model.core.n) return { contributions: { new_item: score }, because: [] };
    if (reason === REASON_POPULAR_IN) return { contributions: { popular_in_context: score }, because: [] };
    const own = OWN_RANKING.get(reason);
    if (own) {
      const boosted = boosts && j < boosts.mul.length && (boosts.mul[j] !== 1 || boosts.add[j] !== 0);
      const raw = boosted && boosts.mul[j] > 0 ? (score - boosts.add[j]) / boosts.mul[j] : score;
      return { contributions: boosted && boosts.mul[j] > 0 ? { [own]: raw, rules: score - raw } : { [own]: score }, because: [] };
    }
    const { parts, because } = sparse[r];
    const contributions: ItemExplanation["contributions"] = { ...parts };
    if (factorParts[r] !== 0) contributions.factors = factorParts[r];
    const pop = popBlend * model.popScores[j];
    if (pop !== 0) contributions.popularity = pop;
    const raw = Object.values(contributions).reduce((s, c) => s + c, 0);
    if (boosts && j < boosts.mul.length && (boosts.mul[j] !== 1 || boosts.add[j] !== 0)) contributions.rules = raw * (boosts.mul[j] - 1) + boosts.add[j];
    return { contributions, because };
  });
}

/** Item j's item-to-item contributions from the weighted history, and the history items behind the largest. */
function itemToItem(model: ActiveModel, weightOf: Map<number, number>, j: number) {
  const parts: Partial<Record<Contribution, number>> = {};
  const behind = new Map<Contribution, { item: number; contribution: number }[]>();
  let touched = false;
  const cold = !(model.popScores[j] > 0);
  const scale = model.compensation?.[j] ?? 1;
  for (const { name, matrix: m, weight } of j < model.core.n && !cold ? model.sources : []) {
    for (let q = m.rowPtr[j]; q < m.rowPtr[j + 1]; q++) {
      const w = weightOf.get(m.cols[q]);
      if (w === undefined) continue;
      touched = true;
      const c = w * weight * m.sims[q] * scale;
      parts[name] = (parts[name] ?? 0) + c;
      behind.set(name, [...(behind.get(name) ?? []), { item: m.cols[q], contribution: c }]);
    }
  }
  const own = weightOf.get(j);
  if (own !== undefined && model.recencyWeight !== 0) {
    touched = true;
    parts.recency = own * model.recencyWeight * scale;
    behind.set("recency", [{ item: j, contribution: parts.recency }]);
  }
  const largest = (Object.entries(parts) as [Contribution, number][]).sort((a, b) => b[1] - a[1])[0]?.[0];
  const because = largest ? behind.get(largest)!.sort((a, b) => b.contribution - a.contribution).slice(0, BECAUSE) : [];
  return { parts, because, touched };
}

function factorsOf(model: ActiveModel, events: HistoryEvent[], p: HistoryParams, weight: number, items: number[], touched: (j: number) => boolean): number[] {
  const fold = foldInHistory(events, p.weightsByCode, model.factorAlpha);
  return model.core.factorParts(fold.items, fold.conf, weight, items, touched);
}
