// The grid training searches for how histories and popularity are weighted in time, and
// the fit on the validation models. A setting the config fixes is not searched.
import type { FitGrid, FitSetting } from "../../models/hybrid-search.js";
import { fitHybrid, type HybridFit } from "../../models/hybrid-search.js";
import { scoringSources, type LinearForm } from "../../models/hybrid.js";
import type { Popularity } from "../../models/popularity.js";
import { hasDislikes, type ValidationCase } from "../../models/validation.js";
import { factorScorer, type ItemModelSet } from "./item-models.js";
import type { TrainConfig } from "../train.js";

/** Used where nothing is fitted (no validation cases) and the config sets nothing. */
export const DEFAULT_HISTORY_HALF_LIFE_DAYS = 30;
export const DEFAULT_POPULARITY_HALF_LIFE_DAYS = 14;

/** The linear model's penalty where the config sets none and nothing is fitted. */
export const DEFAULT_LINEAR_LAMBDA_SCALE = 6;

/** Weights of a disliked item tried where validation histories hold dislikes: ignored, or as strong as a like. */
const DISLIKE_WEIGHTS = [0, 1];

export function historyGrid(
  config: Pick<TrainConfig, "historyHalfLifeDays" | "popularityHalfLifeDays" | "maxHistory" | "linearLambdaScale">,
  opts: { forms?: LinearForm[]; dislikes?: boolean } = {},
): { start: FitSetting; grid: FitGrid } {
  const cap = config.maxHistory;
  const forms = opts.forms ?? ["neighbours"];
  const start = {
    historyHalfLifeDays: config.historyHalfLifeDays ?? DEFAULT_HISTORY_HALF_LIFE_DAYS,
    maxHistory: cap,
    dislikeWeight: 0,
    popularityHalfLifeDays: config.popularityHalfLifeDays ?? DEFAULT_POPULARITY_HALF_LIFE_DAYS,
    linearLambdaScale: config.linearLambdaScale ?? DEFAULT_LINEAR_LAMBDA_SCALE,
    linearForm: forms[0],
  };
  return {
    start,
    grid: {
      historyHalfLifeDays: config.historyHalfLifeDays === undefined ? [Infinity, 90, 30, 7] : [start.historyHalfLifeDays],
      maxHistory: [...new Set([Math.ceil(cap / 4), Math.ceil(cap / 2), cap])],
      dislikeWeight: opts.dislikes ? DISLIKE_WEIGHTS : [0],
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
    flatPopularity: popularity(Infinity).scores,
    dense: factorCore && ((c) => factorCore.factorScores(c.foldItems, c.foldConf)),
    k: config.defaultResults,
    recallTolerance: config.recallTolerance,
    weightsByCode,
    factorAlpha: config.factorAlpha,
    ...historyGrid(config, { forms: models.forms, dislikes: cases.some((c) => hasDislikes(c.events, weightsByCode)) }),
  });
}
