// The grid training searches for how histories and popularity are weighted in time and
// for the linear model, and the fit on the validation models. A setting the config fixes
// is not searched.
import type { FitGrid, FitSetting } from "../../models/hybrid-search.js";
import { fitHybrid, type HybridFit } from "../../models/hybrid-search.js";
import { scoringSources, type LinearForm } from "../../models/hybrid.js";
import type { Popularity } from "../../models/popularity.js";
import { hasDislikes, type ValidationCase } from "../../models/validation.js";
import { systemFloats } from "../../models/linear-sparse.js";
import { itemsWithEvents, type UserItemMatrix } from "../../models/user-items.js";
import { fitSimilarWeight, type SimilarFit } from "../../models/similar-fit.js";
import { factorScorer, itemModels, type ItemModelSet } from "./item-models.js";
import { denseCases } from "./dense-cases.js";
import { wasmBlendEngine } from "../wasm/blend-engine.js";
import { wasmScatterEngine } from "../wasm/scatter-engine.js";
import type { BuiltContent } from "../content/content-model.js";
import type { MakeProgress, TrainConfig } from "../train.js";

/** Used where nothing is fitted (no validation cases) and the config sets nothing. */
export const DEFAULT_HISTORY_HALF_LIFE_DAYS = 30;
export const DEFAULT_POPULARITY_HALF_LIFE_DAYS = 14;

/** The linear model's penalty where the config sets none and nothing is fitted. */
export const DEFAULT_LINEAR_LAMBDA_SCALE = 6;

/** Weights of a disliked item tried where validation histories hold dislikes: ignored, or as strong as a like. */
const DISLIKE_WEIGHTS = [0, 1];

type GridConfig = Pick<
  TrainConfig, "historyHalfLifeDays" | "popularityHalfLifeDays" | "maxHistory" | "linearLambdaScale" | "neighbours" | "linearNeighbours" | "linearMaxBytes"
>;

/**
 * The neighbourhood sizes of the linear model's neighbour form that training tries on a
 * catalogue with this many items with events: the item-kNN width K, half of it, and twice
 * it where every item's system at 2K fits the linear model's memory in one block (its time
 * grows with the cube of the size: on the standard large shop it does not fit).
 */
export function linearNeighbourhoods(config: Pick<GridConfig, "neighbours" | "linearNeighbours" | "linearMaxBytes">, activeItems: number): number[] {
  if (config.linearNeighbours !== undefined) return [config.linearNeighbours];
  const k = config.neighbours;
  const wider = activeItems * systemFloats(2 * k) * 4 <= config.linearMaxBytes ? [2 * k] : [];
  return [...new Set([k, Math.ceil(k / 2), ...wider])];
}

export function historyGrid(
  config: GridConfig,
  opts: { forms?: LinearForm[]; dislikes?: boolean; neighbourhoods?: number[] } = {},
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
    linearNeighbours: config.linearNeighbours ?? config.neighbours,
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
      linearNeighbours: opts.neighbourhoods ?? [start.linearNeighbours],
    },
  };
}

export function fitOnValidation(
  models: ItemModelSet, popularity: (halfLifeDays: number) => Popularity, cases: ValidationCase[], config: TrainConfig, weightsByCode: Float64Array,
  neighbourhoods: number[],
): HybridFit {
  const n = models.knn.n;
  const factorCore = models.factors && factorScorer(n, models.factors, config);
  return fitHybrid({
    sources: (scale, form, neighbours) => scoringSources(models.at(scale, form, neighbours)).map((s) => s.matrix),
    popularity,
    cases,
    flatPopularity: popularity(Infinity).scores,
    dense: factorCore && denseCases(factorCore, models.factors!, config.defaultResults),
    kernels: { scatter: wasmScatterEngine(), blend: wasmBlendEngine() },
    k: config.defaultResults,
    recallTolerance: config.recallTolerance,
    searchMinGain: config.annMinGain,
    weightsByCode,
    factorAlpha: config.factorAlpha,
    ...historyGrid(config, { forms: models.forms, dislikes: cases.some((c) => hasDislikes(c.events, weightsByCode)), neighbourhoods }),
  });
}

/**
 * Trains the models on the data before the validation cut and fits the hybrid on the
 * cases. The search tries every penalty of its grid at the starting form and size, so those
 * linear models are trained first, while the content model is still building in its
 * thread (online-retail: ~9 s the fit would otherwise wait for it).
 */
export async function fitValidation(
  matrix: UserItemMatrix, popularity: (halfLifeDays: number) => Popularity, cases: ValidationCase[], config: TrainConfig, weightsByCode: Float64Array,
  builtContent: () => Promise<BuiltContent | undefined>, makeProgress: MakeProgress,
): Promise<{ fitting: HybridFit; similar?: SimilarFit }> {
  const neighbourhoods = linearNeighbourhoods(config, itemsWithEvents(matrix));
  const trained = itemModels(matrix, config, makeProgress, "validation: ", { widest: Math.max(...neighbourhoods) });
  const { start, grid } = historyGrid(config, { forms: trained.forms });
  for (const scale of grid.linearLambdaScale) trained.linearAt(scale, start.linearForm, start.linearNeighbours);
  const content = await builtContent();
  const models = trained.withContent(content);
  const bar = makeProgress("fitting the hybrid's weights and history decay", "cases");
  const fitting = fitOnValidation(models, popularity, cases, config, weightsByCode, neighbourhoods);
  const f = fitting.blend;
  const reach = fitting.denseReach;
  const search = reach ? `; factor candidates beyond the history ${reach.needed ? "searched" : "not searched"} (recall ${reach.recall.toFixed(4)} with, ${reach.recallWithout.toFixed(4)} without)` : "";
  bar.done(cases.length, `validation recall@${config.defaultResults} ${f.recall.toFixed(4)} (best ${f.bestRecall.toFixed(4)}), NDCG ${f.ndcg.toFixed(4)}, coverage ${f.coverage.toFixed(3)}; history ${JSON.stringify(fitting.history)}${search}`);
  return { fitting, similar: content && fitSimilarWeight(models.knn, content.neighbours, cases, config.defaultResults) };
}
