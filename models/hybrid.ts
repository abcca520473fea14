// The item-to-item sources of the hybrid ranker, trained together from one interaction
// matrix: cosine neighbours, and the linear item model at every catalogue size — exact
// EASE from the dense Gram matrix while the catalogue is within the dense budget (memory
// and n³ time), above it a ridge regression of each item on its neighbours, with Gram
// entries computed sparsely (linear-sparse.ts). The linear model is trained per ridge
// penalty and neighbourhood size asked for, so training can fit them.
import type { UserItemMatrix } from "./user-items.js";
import type { ItemFactors } from "./ials.js";
import type { Popularity } from "./popularity.js";
import type { ModelManifest } from "./artefact.js";
import { firstNeighbours, trainItemKnn, type ItemNeighbours, type NeighbourEngineFactory } from "./item-knn.js";
import { gramBytes, trainLinearItem } from "./linear-item.js";
import { trainSparseLinear, type GramEngineFactory } from "./linear-sparse.js";
import { easeLambda, easeOnActiveItems, type DenseEase } from "./ease.js";
import { candidateSide, identity, weightedSum, withoutRows } from "./sparse.js";

export interface ItemModelParams {
  neighbours: number;
  /** Largest dense Gram matrix (bytes) the linear model may allocate; also the sparse form's block budget. */
  linearMaxBytes: number;
  /** The largest catalogue for which the exact (dense) linear model is offered; its solve costs (items with events)³. */
  linearDenseMaxItems: number;
  /** Predictors kept per item by the exact linear model. */
  linearKeep: number;
}

/** The hybrid's weights, fitted at training, stored in the manifest, applied at load. */
export interface HybridWeights {
  itemKnn: number;
  linear: number;
  /** Weight of the items most similar in text (title, category, tags) to the history's. */
  content: number;
  /** Weight of the shopper's own recent items (viewed, carted: not bought) coming back. */
  recency: number;
  /** Weight of the factor score, x_u · y_j, of the shopper folded in at request time. */
  factors: number;
  popularity: number;
  /** α of the popularity compensation of the item-to-item sources' sum (compensation.ts); 0: none. */
  compensation: number;
}

/** The item-to-item sources a request scatters through. */
export interface ItemSources {
  knn: ItemNeighbours;
  linear?: ItemNeighbours;
  /** Row j: the items most similar in text to j (absent when no item has text). */
  content?: ItemNeighbours;
}

/** The linear model as trained: its weights, its ridge penalty (absolute, and as a multiple of the mean Gram diagonal), form and (neighbour form) neighbourhood size. */
export type LinearModel = ItemNeighbours & { lambda: number; lambdaScale: number; form: LinearForm; neighbours?: number };

export interface ItemModels extends ItemSources {
  linear?: LinearModel;
  factors?: ItemFactors;
}

/** exact: EASE's closed form on the dense Gram matrix; neighbours: each item regressed on its neighbours. */
export type LinearForm = "exact" | "neighbours";

export interface ItemEngines {
  neighbours: NeighbourEngineFactory;
  gram: GramEngineFactory;
  ease: (gram: Float32Array, n: number, lambda: number, keep: number) => DenseEase;
}

/**
 * Item-kNN, and the linear model at any ridge penalty (a multiple of the mean Gram
 * diagonal) in the forms the catalogue allows; the neighbour form at any neighbourhood
 * size up to the widest the trainer was made for.
 */
export interface ItemTrainer {
  knn: ItemNeighbours;
  forms: LinearForm[];
  linearAt(lambdaScale: number, form: LinearForm, neighbours: number): LinearModel;
}

/** widest: the largest neighbourhood the neighbour form will be asked for (item-kNN is trained that wide, kept at params.neighbours). */
export function itemTrainer(
  m: UserItemMatrix, params: ItemModelParams, engines: ItemEngines, opts: { widest?: number; onItem?: (done: number) => void } = {},
): ItemTrainer {
  const n = m.numItems;
  const dense = gramBytes(n) <= params.linearMaxBytes;
  const widest = Math.max(params.neighbours, opts.widest ?? 0);
  const { knn: wide, gram } = trainItemKnn(m, { neighbours: widest }, engines.neighbours, { onItem: opts.onItem, withGram: dense });
  const knn = widest === params.neighbours ? wide : firstNeighbours(wide, params.neighbours);
  const linearAt = (lambdaScale: number, form: LinearForm, neighbours: number): LinearModel => {
    if (form === "exact") return { ...easeOnActiveItems(gram!, n, easeLambda(gram!, n, lambdaScale), params.linearKeep, engines.ease), lambdaScale, form };
    if (neighbours > widest) throw new Error(`the neighbour form asked for ${neighbours} neighbours, trained for ${widest}`);
    const regressors = neighbours === widest ? wide : firstNeighbours(wide, neighbours);
    const linear = gram
      ? trainLinearItem(gram, regressors, { lambdaScale })
      : trainSparseLinear(m, regressors, { lambdaScale, maxSystemBytes: params.linearMaxBytes }, engines.gram);
    return { ...linear, lambdaScale, form, neighbours };
  };
  return { knn, forms: dense && n <= params.linearDenseMaxItems ? ["exact", "neighbours"] : ["neighbours"], linearAt };
}

export type SparseSource = "itemKnn" | "linear" | "content" | "recency";

/** The sparse sources as the kernel scatters them, in a fixed order, the first being item-kNN. */
export function scoringSources(models: ItemSources): { name: SparseSource; matrix: ItemNeighbours }[] {
  const sources: { name: SparseSource; matrix: ItemNeighbours }[] = [{ name: "itemKnn", matrix: candidateSide(models.knn) }];
  if (models.linear) sources.push({ name: "linear", matrix: candidateSide(models.linear) });
  if (models.content) sources.push({ name: "content", matrix: candidateSide(models.content) });
  sources.push({ name: "recency", matrix: identity(models.knn.n) });
  return sources;
}

/**
 * Content's weight is kept at a floor of 1% of the co-purchase weights even when the fit
 * gives it 0: items without events (new products) are reachable only through it, and the
 * floor lets them follow, not displace, what the other sources rank.
 */
export const CONTENT_FLOOR = 0.01;

/** The one matrix a request scatters: the sources' candidate sides, weighted and summed, each candidate's column compensated. */
function scoringMatrix(models: ItemSources, weights: HybridWeights, compensation?: Float32Array): ItemNeighbours {
  const sources = scoringSources(models);
  const weight = (name: SparseSource) =>
    name === "content" ? Math.max(weights.content, CONTENT_FLOOR * Math.max(weights.itemKnn, weights.linear)) : weights[name];
  return weightedSum(sources.map((s) => s.matrix), sources.map((s) => weight(s.name)), compensation);
}

/** What serving needs of a model version, assembled from its manifest and artefacts. */
export interface ServingModel {
  /**
   * Row j: the items most similar in text to j. Items without events are not in the
   * scoring matrix: a request scores them from the known items they resemble (see
   * server/content/cold-items.ts).
   */
  content?: ItemNeighbours;
  /**
   * An item without events (popularity 0: an item with events has at least
   * HAS_EVENTS_FLOOR, however old they are): scored as a cold item, not through the matrix.
   */
  isCold: (item: number) => boolean;
  weights: HybridWeights;
  /** The item sources' candidate sides, weighted and summed: the one matrix a request scatters. */
  scoring: ItemNeighbours;
  popularity: Popularity;
  /** Each item's popularity compensation factor (absent: 1), applied in `scoring`. */
  compensation?: Float32Array;
  factors?: ItemFactors & { alpha: number; lambda: number; cgSteps: number };
}

type Arrays = Record<string, Int32Array | Float32Array>;

/** `scoring`: the model's scoring matrix (servingScoring) where it was summed already. */
export function servingModel(manifest: ModelManifest, artefacts: Record<string, Arrays>, scoring = servingScoring(manifest, artefacts)): ServingModel {
  const fp = manifest.params.factors;
  const popScores = artefacts.popularity.scores as Float32Array;
  return {
    // Models trained before the recency and content sources existed have no weight for them.
    weights: manifest.params.hybrid,
    content: artefacts.content && csrOf(manifest, artefacts.content),
    isCold: coldIn(popScores),
    compensation: artefacts.compensation?.scale as Float32Array | undefined,
    scoring,
    popularity: { scores: popScores, order: artefacts.popularity.order as Int32Array },
    factors: fp && artefacts.factors ? { ...fp, items: artefacts.factors.items as Float32Array } : undefined,
  };
}

/** The one matrix a request scatters, summed from a version's artefacts: most of what loading a model costs on a large catalogue. */
export function servingScoring(manifest: ModelManifest, artefacts: Record<string, Arrays>): ItemNeighbours {
  const csr = (a: Arrays) => csrOf(manifest, a);
  const popScores = artefacts.popularity.scores as Float32Array;
  // Items without events are scored as cold items (server/content/cold-items.ts), not through the matrix.
  const known = artefacts.content && withoutRows(csr(artefacts.content), coldIn(popScores));
  const compensation = artefacts.compensation?.scale as Float32Array | undefined;
  return scoringMatrix({ knn: csr(artefacts.itemKnn), linear: artefacts.linear && csr(artefacts.linear), content: known }, manifest.params.hybrid, compensation);
}

/** An item without events: popularity 0 (an item with events has at least HAS_EVENTS_FLOOR). */
const coldIn = (popScores: Float32Array) => (item: number) => !(popScores[item] > 0);

const csrOf = (manifest: ModelManifest, a: Arrays): ItemNeighbours => ({
  n: manifest.stats.items, rowPtr: a.rowPtr as Int32Array, cols: a.cols as Int32Array, sims: a.sims as Float32Array,
});
