// The models a training run builds from its user-item matrix: the item-to-item sources
// (item-kNN, the linear model) in the WASM neighbour engine, and iALS factors; and the
// factor scorer that validation folds shoppers in with.
import type { UserItemMatrix } from "../../models/user-items.js";
import { trainItemModels, type ItemModels } from "../../models/hybrid.js";
import { trainIals, type ItemFactors } from "../../models/ials.js";
import { wasmAlsEngine } from "../wasm/als-engine.js";
import { wasmNeighbourEngine } from "../wasm/neighbour-engine.js";
import { ScoringCore } from "../wasm/scoring-core.js";
import type { ContentModel } from "../content/content-model.js";
import type { MakeProgress, TrainConfig } from "../train.js";

export function itemModels(matrix: UserItemMatrix, config: TrainConfig, makeProgress: MakeProgress, prefix: string, content?: ContentModel): ItemModels {
  const bar = makeProgress(`${prefix}item-to-item models`, "items");
  const models: ItemModels = { ...trainItemModels(matrix, config, wasmNeighbourEngine, (i) => bar.tick(i, matrix.numItems)), content: content?.neighbours };
  bar.done(matrix.numItems, models.linearSkipped ? `linear model skipped: ${models.linearSkipped}` : undefined);
  if (config.factors > 0) {
    const als = makeProgress(`${prefix}iALS factors`, "iterations");
    models.factors = trainIals(matrix, alsParams(config), wasmAlsEngine, (i) => als.tick(i, config.factorIterations));
    als.done(config.factorIterations);
  }
  return models;
}

const alsParams = (config: TrainConfig) => ({
  factors: config.factors,
  iterations: config.factorIterations,
  alpha: config.factorAlpha,
  lambda: config.factorLambda,
  cgSteps: config.factorCgSteps,
  seed: config.seed,
});

/** A WASM core holding only item factors: folds validation shoppers in and scores every item. */
export function factorScorer(n: number, factors: ItemFactors, config: TrainConfig): ScoringCore {
  return new ScoringCore(
    {
      n, rowPtr: new Int32Array(n + 1), cols: new Int32Array(0), sims: new Float32Array(0),
      popOrder: new Int32Array(0), popScores: new Float32Array(n),
      factors: { f: factors.f, items: factors.items, lambda: config.factorLambda, cgSteps: config.factorCgSteps },
    },
    { maxHistory: config.maxHistory, maxResults: 1 },
  );
}
