// What training fits besides the source weights: how a shopper's history is read (its
// decay half-life, including none, and its length), popularity's half-life and the
// linear model's ridge penalty and form. The weights are fitted at the starting setting;
// then each dimension in turn tries its other values at those weights on the same
// validation cases, a change kept only when it raises recall; the weights are refitted
// once at the setting found. Every setting tried is reported.
import type { ItemNeighbours } from "./item-knn.js";
import type { LinearForm } from "./hybrid.js";
import type { Popularity } from "./popularity.js";
import { historyOfCase, type ValidationCase } from "./validation.js";
import { preparedMeasure, type DenseScorer } from "./blend-cases.js";
import { fitBlend, type BlendFit } from "./blend-fit.js";

/** How a shopper's history and popularity are weighted in time (Infinity: no decay), and the linear model's penalty. */
export interface HistorySetting {
  historyHalfLifeDays: number;
  maxHistory: number;
  popularityHalfLifeDays: number;
  linearLambdaScale: number;
  linearForm: LinearForm;
}

export type HistoryGrid = { [K in keyof HistorySetting]: HistorySetting[K][] };

export interface HybridSearch {
  /** The sparse sources with the linear model at a penalty and in a form of the grid. */
  sources: (linearLambdaScale: number, form: LinearForm) => ItemNeighbours[];
  /** The validation popularity at a half-life of the grid. */
  popularity: (halfLifeDays: number) => Popularity;
  cases: ValidationCase[];
  dense?: DenseScorer;
  k: number;
  recallTolerance: number;
  weightsByCode: Float64Array;
  factorAlpha: number;
  start: HistorySetting;
  grid: HistoryGrid;
}

export interface HybridFit {
  blend: BlendFit;
  history: HistorySetting;
  tried: (HistorySetting & { recall: number; coverage: number })[];
}

export function fitHybrid(s: HybridSearch): HybridFit {
  const measureAt = (h: HistorySetting) => {
    const cases = s.cases.map((c) => ({ ...c, ...historyOfCase(c.events, { ...h, weightsByCode: s.weightsByCode, factorAlpha: s.factorAlpha }) }));
    return preparedMeasure(s.sources(h.linearLambdaScale, h.linearForm), s.popularity(h.popularityHalfLifeDays), cases, s.k, s.dense);
  };
  const fitAt = (h: HistorySetting) => fitBlend(measureAt(h), { sparse: s.sources(h.linearLambdaScale, h.linearForm).length, dense: s.dense !== undefined, cases: s.cases.length, recallTolerance: s.recallTolerance });

  let history = s.start;
  let blend = fitAt(history);
  const tried: HybridFit["tried"] = [{ ...history, recall: blend.recall, coverage: blend.coverage }];
  const weights = [...blend.weights, ...(s.dense ? [blend.dense] : [])];
  let best = blend.recall;
  for (const key of Object.keys(s.grid) as (keyof HistorySetting)[]) {
    for (const value of s.grid[key]) {
      if (value === history[key]) continue;
      const trial = { ...history, [key]: value };
      const { recall, coverage } = measureAt(trial)(weights, blend.blend);
      tried.push({ ...trial, recall, coverage });
      if (recall > best) {
        best = recall;
        history = trial;
      }
    }
  }
  if (history !== s.start) blend = fitAt(history);
  return { blend, history, tried };
}
