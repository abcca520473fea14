// The models a training run builds from its user-item matrix: the item-to-item sources
// (item-kNN; the linear model at the ridge penalties and neighbourhoods asked for) in WASM
// engines, and iALS factors; and the factor scorer that validation folds shoppers in with.
import type { UserItemMatrix } from "../../models/user-items.js";
import { itemTrainer, type ItemModels, type ItemTrainer, type LinearForm, type LinearModel } from "../../models/hybrid.js";
import type { ItemNeighbours } from "../../models/item-knn.js";
import { trainIals, type ItemFactors } from "../../models/ials.js";
import { wasmAlsEngine } from "../wasm/als-engine.js";
import { wasmNeighbourEngine } from "../wasm/neighbour-engine.js";
import { wasmGramEngine } from "../wasm/item-gram-engine.js";
import { denseEase } from "../wasm/ease-engine.js";
import { ScoringCore } from "../wasm/scoring-core.js";
import type { BuiltContent } from "../content/content-model.js";
import type { MakeProgress, TrainConfig } from "../train.js";

/** Trained item models whose linear source is computed per ridge penalty, form and neighbourhood, each once. */
export class ItemModelSet {
  constructor(
    private readonly trainer: ItemTrainer, readonly factors: ItemFactors | undefined, private readonly makeProgress: MakeProgress, private readonly prefix: string,
    private readonly content?: ItemNeighbours, private readonly linears = new Map<string, LinearModel>(),
  ) {}

  /** The same models with the content source (content-thread.ts builds it meanwhile); linear models trained so far are shared. */
  withContent(content: Pick<BuiltContent, "neighbours"> | undefined): ItemModelSet {
    return new ItemModelSet(this.trainer, this.factors, this.makeProgress, this.prefix, content?.neighbours, this.linears);
  }

  get knn(): ItemNeighbours {
    return this.trainer.knn;
  }

  /** The forms of the linear model this catalogue allows (exact EASE within the dense budget). */
  get forms(): LinearForm[] {
    return this.trainer.forms;
  }

  /** The models with the linear source in this form at this penalty (a multiple of the mean Gram diagonal) and neighbourhood size (neighbour form). */
  at(lambdaScale: number, form: LinearForm, neighbours: number): ItemModels {
    return { knn: this.trainer.knn, linear: this.linearAt(lambdaScale, form, neighbours), content: this.content, factors: this.factors };
  }

  /** The linear model alone, trained on first use. */
  linearAt(lambdaScale: number, form: LinearForm, neighbours: number): LinearModel {
    const size = form === "neighbours" ? `, ${neighbours} neighbours` : "";
    const key = `${form} ${lambdaScale}${size}`;
    let linear = this.linears.get(key);
    if (!linear) {
      const bar = this.makeProgress(`${this.prefix}linear model (${form}, λ ${lambdaScale} × mean Gram diagonal${size})`, "models");
      this.linears.set(key, (linear = this.trainer.linearAt(lambdaScale, form, neighbours)));
      bar.done(1);
    }
    return linear;
  }
}

/**
 * Trains item-kNN and iALS (the linear model is trained when asked for, see
 * ItemModelSet). widest: the largest neighbourhood its neighbour form will be trained at.
 */
export function itemModels(
  matrix: UserItemMatrix, config: TrainConfig, makeProgress: MakeProgress, prefix: string, opts: { widest: number },
): ItemModelSet {
  const bar = makeProgress(`${prefix}item-to-item models`, "items");
  const engines = { neighbours: wasmNeighbourEngine, gram: wasmGramEngine, ease: denseEase };
  const trainer = itemTrainer(matrix, config, engines, { widest: opts.widest, onItem: (i) => bar.tick(i, matrix.numItems) });
  bar.done(matrix.numItems);
  let factors: ItemFactors | undefined;
  if (config.factors > 0) {
    const als = makeProgress(`${prefix}iALS factors`, "iterations");
    factors = trainIals(matrix, alsParams(config), wasmAlsEngine, (i) => als.tick(i, config.factorIterations));
    als.done(config.factorIterations);
  }
  return new ItemModelSet(trainer, factors, makeProgress, prefix);
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
