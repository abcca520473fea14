// The item-to-item sources of the hybrid ranker, trained together from one interaction
// matrix: cosine neighbours always, and the linear item model when the catalogue's
// dense Gram matrix fits the memory budget (above it the hybrid runs without it).
import type { UserItemMatrix } from "./user-items.js";
import type { ItemFactors } from "./ials.js";
import type { Popularity } from "./popularity.js";
import type { ModelManifest } from "./artefact.js";
import { trainItemKnn, type ItemNeighbours, type NeighbourEngineFactory } from "./item-knn.js";
import { gramBytes, trainLinearItem } from "./linear-item.js";
import { candidateSide, identity, weightedSum, withoutRows } from "./sparse.js";

export interface ItemModelParams {
  neighbours: number;
  linearLambdaScale: number;
  /** Largest dense Gram matrix (bytes) the linear model may allocate. */
  linearMaxBytes: number;
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
}

/** The item-to-item sources a request scatters through. */
export interface ItemSources {
  knn: ItemNeighbours;
  linear?: ItemNeighbours;
  /** Row j: the items most similar in text to j (absent when no item has text). */
  content?: ItemNeighbours;
}

export interface ItemModels extends ItemSources {
  linear?: ItemNeighbours & { lambda: number };
  /** Why the linear model was not trained, when it was not. */
  linearSkipped?: string;
  factors?: ItemFactors;
}

export function trainItemModels(m: UserItemMatrix, params: ItemModelParams, engine: NeighbourEngineFactory, onItem?: (done: number) => void): ItemModels {
  const bytes = gramBytes(m.numItems);
  if (bytes > params.linearMaxBytes) {
    const { knn } = trainItemKnn(m, { neighbours: params.neighbours }, engine, { onItem });
    return { knn, linearSkipped: `${m.numItems} items need a ${Math.ceil(bytes / 2 ** 20)} MiB Gram matrix, over the ${Math.floor(params.linearMaxBytes / 2 ** 20)} MiB budget` };
  }
  const { knn, gram } = trainItemKnn(m, { neighbours: params.neighbours }, engine, { onItem, withGram: true });
  const linear = trainLinearItem(gram!, knn, { lambdaScale: params.linearLambdaScale });
  return { knn, linear };
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

/** The one matrix a request scatters: the sources' candidate sides, weighted and summed. */
function scoringMatrix(models: ItemSources, weights: HybridWeights): ItemNeighbours {
  const sources = scoringSources(models);
  const weight = (name: SparseSource) =>
    name === "content" ? Math.max(weights.content, CONTENT_FLOOR * Math.max(weights.itemKnn, weights.linear)) : weights[name];
  return weightedSum(sources.map((s) => s.matrix), sources.map((s) => weight(s.name)));
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
  factors?: ItemFactors & { alpha: number; lambda: number; cgSteps: number };
}

type Arrays = Record<string, Int32Array | Float32Array>;

export function servingModel(manifest: ModelManifest, artefacts: Record<string, Arrays>): ServingModel {
  const n = manifest.stats.items;
  const csr = (a: Arrays): ItemNeighbours => ({ n, rowPtr: a.rowPtr as Int32Array, cols: a.cols as Int32Array, sims: a.sims as Float32Array });
  // Models trained before the recency and content sources existed have no weight for them.
  const weights = { recency: 0, content: 0, ...(manifest.params.hybrid as Partial<HybridWeights>) } as HybridWeights;
  const fp = manifest.params.factors as { f: number; alpha: number; lambda: number; cgSteps: number } | null;
  const popScores = artefacts.popularity.scores as Float32Array;
  const isCold = (item: number) => !(popScores[item] > 0);
  const content = artefacts.content && csr(artefacts.content);
  const known = content && withoutRows(content, isCold);
  return {
    weights,
    content,
    isCold,
    scoring: scoringMatrix({ knn: csr(artefacts.itemKnn), linear: artefacts.linear && csr(artefacts.linear), content: known }, weights),
    popularity: { scores: popScores, order: artefacts.popularity.order as Int32Array },
    factors: fp && artefacts.factors ? { ...fp, items: artefacts.factors.items as Float32Array } : undefined,
  };
}
