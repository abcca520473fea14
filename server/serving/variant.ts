// An experiment variant's overrides applied to what a list is made from: the model's
// hybrid weights, the shopper's history and its decay, the rules and diversity. No
// overrides: everything as it is.
import type { VariantOverrides } from "../analytics/experiments/definition.js";
import type { HistoryEvent } from "../store/types.js";
import type { HistoryParams } from "../../models/history.js";
import type { ActiveModel } from "./active-model.js";
import type { RuleSet } from "./rules/rule-set.js";
import type { ShopperMemo } from "./shopper-memo.js";

export interface ListInputs {
  model: ActiveModel;
  events: HistoryEvent[];
  params: HistoryParams;
  rules?: RuleSet;
  /** Where what is derived from `events` is kept: only with the shopper's held events, as they are. */
  memo?: ShopperMemo;
}

export function withOverrides(base: ListInputs, o: VariantOverrides | undefined): ListInputs {
  if (!o) return base;
  const model = o.weights ? { ...base.model, weights: { ...base.model.weights, ...o.weights } } : base.model;
  const events = o.popularity_only ? [] : o.max_history !== undefined ? base.events.slice(0, o.max_history) : base.events;
  const params = o.history_half_life_days !== undefined ? { ...base.params, historyHalfLifeDays: o.history_half_life_days } : base.params;
  let rules = o.rules === false ? undefined : base.rules;
  if (o.diversity) {
    const diversity = { maxPerCategory: o.diversity.max_per_category, mmrLambda: o.diversity.mmr_lambda };
    rules = { ...(rules ?? { exclusions: [], pins: [], shares: [], until: Infinity }), diversity };
  }
  return { model, events, params, rules, memo: events === base.events ? base.memo : undefined };
}
