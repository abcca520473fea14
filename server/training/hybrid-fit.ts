// The grid training searches for how histories and popularity are weighted in time, and
// the fit on the validation models. A setting the config fixes is not searched.
import type { HistoryGrid, HistorySetting } from "../../models/hybrid-search.js";
import { fitHybrid, type HybridFit } from "../../models/hybrid-search.js";
import { scoringSources, type LinearForm } from "../../models/hybrid.js";
import type { Popularity } from "../../models/popularity.js";
import type { ValidationCase } from "../../models/validation.js";
import { factorScorer, type ItemModelSet } from "./item-models.js";
import type { TrainConfig } from "../train.js";

/** Used where nothing is fitted (no validation cases) and the config sets nothing. */
export const DEFAULT_HISTORY_HALF_LIFE_DAYS = 30;
export const DEFAULT_POPULARITY_HALF_LIFE_DAYS = 14;

/** The linear model's penalty where the config sets none and nothing is fitted. */
export const DEFAULT_LINEAR_LAMBDA_SCALE = 6;

export function historyGrid(
  config: Pick<TrainConfig, "historyHalfLifeDays" | "popularityHalfLifeDays" | "maxHistory" | "linearLambdaScale">, forms: LinearForm[] = ["neighbours"],
): { start: HistorySetting; grid: HistoryGrid } {
  const cap = config.maxHistory;
  const start = {
    historyHalfLifeDays: config.historyHalfLifeDays ?? DEFAULT_HISTORY_HALF_LIFE_DAYS,
    maxHistory: cap,
    popularityHalfLifeDays: config.popularityHalfLifeDays ?? DEFAULT_POPULARITY_HALF_LIFE_DAYS,
    linearLambdaScale: config.linearLambdaScale ?? DEFAULT_LINEAR_LAMBDA_SCALE,
    linearForm: forms[0],
  };
  return {
    start,
    grid: {
      historyHalfLifeDays: config.historyHalfLifeDays === undefined ? [Infinity, 90, 30, 7] : [start.historyHalfLifeDays],
      maxHistory: [...new Set([Math.ceil(cap / 4), Math.ceil(cap / 2), cap])],
      popularityHalfLifeDays: config.popularityHalfLifeDays === undefined ? [Infinity, 60, 14] : [start.popularityHalfLifeDays],
      linearLambdaScale: config.linearLambdaScale === undefined ? [2, 6, 16, 40] : [start.linearLambdaScale],
      linearForm: forms,
    },
  };
}

export function fitOnValidation(
  models: ItemModelSet, popularity: (halfLifeDays: number) => Popularity, cases: ValidationCase[], config: TrainConfig, weightsByCode: Float64Array,
): HybridFit {
  const n = models.knn.n;
  const factorCore = models.factors && factorScorer(n, models.factors, config);
  return fitHybrid({
    sources: (scale, form) => scoringSources(models.at(scale, form)).map((s) => s.matrix),
    popularity,
    cases,
    dense: factorCore && ((c) => factorCore.factorScores(c.foldItems, c.foldConf)),
    k: config.defaultResults,
    recallTolerance: config.recallTolerance,
    weightsByCode,
    factorAlpha: config.factorAlpha,
    ...historyGrid(config, models.forms),
  });
}
