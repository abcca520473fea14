// What training fits besides the source weights: how a shopper's history is read (its
// decay half-life, including none, its length and the weight of dislikes), popularity's
// half-life and the linear model's ridge penalty, form and neighbourhood size. The
// weights are fitted at the starting setting; then each dimension in turn tries its other
// values at those weights on the same validation cases, a change kept only when it finds
// more than the cases' noise (clearlyBetter); the weights are refitted once at the setting
// found, and for each other form of the linear model, which replaces the found one only
// when clearly better with its own weights. Every setting tried is reported.
import type { ItemNeighbours } from "./item-knn.js";
import type { LinearForm } from "./hybrid.js";
import type { Popularity } from "./popularity.js";
import { historyOfCase, type ValidationCase } from "./validation.js";
import { preparedMeasure, type DenseScorer, type FitKernels } from "./blend-cases.js";
import type { Measure } from "./blend-measure.js";
import { clearlyBetter } from "./clearly-better.js";
import { fitBlend, type BlendFit } from "./blend-fit.js";
import { compensationScale } from "./compensation.js";

/** How a shopper's history and popularity are weighted (half-lives: Infinity is no decay), and the linear model's penalty, form and neighbourhood. */
export interface FitSetting {
  historyHalfLifeDays: number;
  maxHistory: number;
  dislikeWeight: number;
  popularityHalfLifeDays: number;
  linearLambdaScale: number;
  linearForm: LinearForm;
  /** Regressors per item of the neighbour form (the exact form regresses on every item). */
  linearNeighbours: number;
}

export type FitGrid = { [K in keyof FitSetting]: FitSetting[K][] };

export interface HybridSearch {
  /** The sparse sources with the linear model at a penalty, in a form and at a neighbourhood size of the grid. */
  sources: (linearLambdaScale: number, form: LinearForm, neighbours: number) => ItemNeighbours[];
  /** The validation popularity at a half-life of the grid. */
  popularity: (halfLifeDays: number) => Popularity;
  cases: ValidationCase[];
  /** Validation popularity without decay: offers the fit popularity compensation (compensation.ts). */
  flatPopularity?: Float32Array;
  dense?: DenseScorer;
  /** The kernels the fit runs on (the TypeScript references if absent). */
  kernels?: FitKernels;
  k: number;
  recallTolerance: number;
  /** The share of validation recall the dense source's items beyond the history must add for a server to search for them (a list at about twice the CPU). */
  searchMinGain: number;
  weightsByCode: Float64Array;
  factorAlpha: number;
  start: FitSetting;
  grid: FitGrid;
}

export interface HybridFit {
  blend: BlendFit;
  history: FitSetting;
  tried: (FitSetting & { recall: number; coverage: number })[];
  /**
   * With a dense source: whether its scores of items beyond the history's reach change the
   * lists (`needed`: the fitted blend's recall with them is clearly better than without,
   * by at least `searchMinGain` of it).
   */
  denseReach?: { needed: boolean; recall: number; recallWithout: number };
}

export function fitHybrid(s: HybridSearch): HybridFit {
  const measureAt = (h: FitSetting, denseReach: "all" | "reached" = "all") => {
    const cases = s.cases.map((c) => ({ ...c, ...historyOfCase(c.events, { ...h, weightsByCode: s.weightsByCode, factorAlpha: s.factorAlpha }) }));
    return preparedMeasure(s.sources(h.linearLambdaScale, h.linearForm, h.linearNeighbours), s.popularity(h.popularityHalfLifeDays), cases, s.k, s.dense, s.kernels, denseReach);
  };
  const scales = new Map<number, Float32Array>();
  const compensation = s.flatPopularity && ((alpha: number) => {
    let scale = scales.get(alpha);
    if (!scale) scales.set(alpha, (scale = compensationScale(s.flatPopularity!, alpha)));
    return scale;
  });
  const fitWith = (measure: Measure, h: FitSetting) =>
    fitBlend(measure, { sparse: s.sources(h.linearLambdaScale, h.linearForm, h.linearNeighbours).length, dense: s.dense !== undefined, cases: s.cases.length, recallTolerance: s.recallTolerance, compensation });
  // What a blend's weights find on a measure: the sparse sources', the dense one's, β and α.
  const measureBlend = (measure: Measure, b: BlendFit) =>
    measure([...b.weights, ...(s.dense ? [b.dense] : [])], b.blend, b.compensation !== 0 ? compensation?.(b.compensation) : undefined);

  let history = s.start;
  const startMeasure = measureAt(history);
  const blend = fitWith(startMeasure, history);
  const tried: HybridFit["tried"] = [{ ...history, recall: blend.recall, coverage: blend.coverage }];
  let kept = measureBlend(startMeasure, blend);
  // Prepared cases asked for again below, not prepared twice: the setting kept's and the
  // other forms' (their weights are fitted there).
  let keptMeasure = startMeasure;
  const formMeasures = new Map<string, Measure>();
  for (const key of Object.keys(s.grid) as (keyof FitSetting)[]) {
    for (const value of s.grid[key]) {
      if (value === history[key]) continue;
      // The exact form has no neighbourhood: another size would measure the same model.
      if (key === "linearNeighbours" && history.linearForm === "exact") continue;
      const trial = { ...history, [key]: value };
      const measure = measureAt(trial);
      const measured = measureBlend(measure, blend);
      tried.push({ ...trial, recall: measured.recall, coverage: measured.coverage });
      if (key === "linearForm") formMeasures.set(settingKey(trial), measure);
      if (clearlyBetter(measured, kept)) {
        kept = measured;
        history = trial;
        keptMeasure = measure;
      }
    }
  }
  // Weights fitted at a setting, and what they find there.
  const fitAt = (h: FitSetting, measure = formMeasures.get(settingKey(h)) ?? measureAt(h)) => {
    const b = fitWith(measure, h);
    return { blend: b, measured: measureBlend(measure, b) };
  };
  let final = history === s.start ? { blend, measured: kept } : fitAt(history, keptMeasure);
  // The forms of the linear model can tie at the starting weights and part once each has
  // its own: every other form gets its weights fitted too, and replaces the one found only
  // when clearly better (on MovieLens latest-small the exact form tied at 0.2078 and then
  // fitted 0.2142 against the neighbour form's 0.2270).
  for (const form of s.grid.linearForm) {
    if (form === history.linearForm) continue;
    const trial = { ...history, linearForm: form };
    const other = fitAt(trial);
    tried.push({ ...trial, recall: other.measured.recall, coverage: other.measured.coverage });
    if (clearlyBetter(other.measured, final.measured)) [history, final] = [trial, other];
  }
  // A server finds the dense source's items beyond the history by searching an index on
  // every request, which about doubles a list's CPU: worth it only where those items change
  // the lists, by more than chance and by a gain worth that price.
  const without = s.dense && measureBlend(measureAt(history, "reached"), final.blend);
  const needed = !!without && clearlyBetter(final.measured, without) && final.measured.recall - without.recall >= s.searchMinGain * without.recall;
  const denseReach = without ? { needed, recall: final.measured.recall, recallWithout: without.recall } : undefined;
  return { blend: final.blend, history, tried, denseReach };
}

/** Settings that measure the same: the exact form's has no neighbourhood size. */
const settingKey = (h: FitSetting) => JSON.stringify({ ...h, linearNeighbours: h.linearForm === "exact" ? 0 : h.linearNeighbours });
