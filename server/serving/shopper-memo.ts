// What a list derives from a shopper's events under one model — the weighted history, the
// fold-in's items and confidences, and the factor solved from them — kept with the held
// events it came from (shopper-histories.ts) until they change, so that the shopper's next
// list (another placement, page or filter; the same list again after a catalogue change)
// starts from it. Each is a function of the events and the model alone: kept or computed,
// the list is the same.
import type { HistoryEvent } from "../store/types.js";
import { foldInHistory, weightHistory, type HistoryParams } from "../../models/history.js";
import type { ScoringCore } from "../wasm/scoring-core.js";

export interface Derived {
  /** The history's distinct items and weights (weightHistory). */
  own: { items: Int32Array; weights: Float32Array };
  /** The shopper's factor (ScoringCore.solveShopper); null without factors or a known item. */
  factor: Float32Array | null;
}

/**
 * What a derivation depends on: the history parameters, the core (its item factors), the
 * factors' confidence scale and whether factors count at all. A variant's model with
 * other weights is another object with the same core: it finds what the model's own found.
 */
export interface DerivingModel {
  factorAlpha: number;
  weights: { factors: number };
  core: Pick<ScoringCore, "solveShopper">;
}

/** A held shopper's slot for what was derived from their events (one derivation: the last asked for). */
export interface ShopperMemo {
  derived(model: DerivingModel, p: HistoryParams, events: HistoryEvent[]): Derived;
}

/** The derivation, with what it depends on. */
export interface Kept {
  core: object;
  params: HistoryParams;
  factorAlpha: number;
  factorsOn: boolean;
  derived: Derived;
}

/** The kept derivation if it is the one asked for, else a new one (to keep in its place). */
export function derivedFor(kept: Kept | undefined, model: DerivingModel, p: HistoryParams, events: HistoryEvent[]): Kept {
  const factorsOn = model.weights.factors > 0;
  if (kept && kept.core === model.core && kept.params === p && kept.factorAlpha === model.factorAlpha && kept.factorsOn === factorsOn) return kept;
  const own = weightHistory(events, p);
  const fold = factorsOn && events.length > 0 ? foldInHistory(events, p.weightsByCode, model.factorAlpha) : undefined;
  return { core: model.core, params: p, factorAlpha: model.factorAlpha, factorsOn, derived: { own, factor: fold ? model.core.solveShopper(fold.items, fold.conf) : null } };
}

/** Its bytes, as a held shopper's budget counts them (the arrays and their objects). */
export const keptBytes = (k: Kept | undefined): number => (k ? 8 * k.derived.own.items.length + 4 * (k.derived.factor?.length ?? 0) + 400 : 0);
