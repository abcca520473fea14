// What a list derives from a shopper's events under one model — the weighted history and
// the factor solved from the fold-in — kept with the held events it came from
// (shopper-histories.ts) until they change, from the second list made from them on (a
// shopper asked for once, most of an all-miss load, does not pay for keeping it: 8% more
// CPU a new shopper on the large shop when every list kept it), so that the shopper's
// next lists (other placements, pages or filters; the same list after a catalogue change
// or with the list cache off) start from it. Each is a function of the events and the
// model alone: kept or computed, the list is the same.
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
  core: Pick<ScoringCore, "solveShopper" | "id">;
}

/** A held shopper's slot for what was derived from their events (one derivation: the last asked for). */
export interface ShopperMemo {
  derived(model: DerivingModel, p: HistoryParams, events: HistoryEvent[]): Derived;
}

/** The derivation, with what it depends on (one object and its arrays: held by thousands of shoppers). */
export interface Kept {
  /** The core's id, not the core: a kept derivation must not hold a replaced model's memory. */
  coreId: number;
  params: HistoryParams;
  factorAlpha: number;
  factorsOn: boolean;
  items: Int32Array;
  weights: Float32Array;
  factor: Float32Array | null;
}

/** The kept derivation if it is the one asked for, else undefined. */
export function keptFor(kept: Kept | undefined, model: DerivingModel, p: HistoryParams): Kept | undefined {
  const factorsOn = model.weights.factors > 0;
  return kept && kept.coreId === model.core.id && kept.params === p && kept.factorAlpha === model.factorAlpha && kept.factorsOn === factorsOn ? kept : undefined;
}

/** The derivation of `events` under `model` and `p`, with what it depends on. */
export function derive(model: DerivingModel, p: HistoryParams, events: HistoryEvent[]): Kept {
  const factorsOn = model.weights.factors > 0;
  const { items, weights } = weightHistory(events, p);
  const fold = factorsOn && events.length > 0 ? foldInHistory(events, p.weightsByCode, model.factorAlpha) : undefined;
  return { coreId: model.core.id, params: p, factorAlpha: model.factorAlpha, factorsOn, items, weights, factor: fold ? model.core.solveShopper(fold.items, fold.conf) : null };
}

export const derivedOf = (k: Kept): Derived => ({ own: { items: k.items, weights: k.weights }, factor: k.factor });

/** Its bytes, as a held shopper's budget counts them (the arrays and their objects). */
export const keptBytes = (k: Kept | undefined): number => (k ? 8 * k.items.length + 4 * (k.factor?.length ?? 0) + 300 : 0);
