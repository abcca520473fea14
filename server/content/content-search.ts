// What a model's content side answers at request time: the items similar to an item
// (text similarity blended with co-purchase neighbours, each result naming its source)
// and semantic search over the catalogue, reordered by a shopper's taste when one is given.
import type { ItemNeighbours } from "../../models/item-knn.js";
import type { Embedder } from "../embedding/embedder.js";
import { LexicalEmbedder } from "../embedding/lexical.js";
import { combineVectors } from "../embedding/combined.js";
import type { Neighbours, VectorIndex } from "../ann/vector-index.js";

export type SimilarSource = "co_purchase" | "content";

export interface ScoredItem {
  item: number;
  score: number;
}

export interface ContentSearchParts {
  /** Every item with text, by its combined vector: also where the vectors are read from. */
  index: VectorIndex;
  dim: number;
  lexical: Float32Array;
  wordWeight: number;
  /** The word model's id the vectors were made with: a query must be embedded by the same. */
  wordModel: string;
  /** Row j: j's co-purchase neighbours (item-kNN as trained). */
  coPurchase: ItemNeighbours;
  /** The hybrid's weights of the two sources. */
  weights: { coPurchase: number; content: number };
}

/** A shopper's taste counts for this share of a search result's score; the query for the rest. */
const TASTE_SHARE = 0.25;

export class ContentSearch {
  private readonly lexical: LexicalEmbedder;

  constructor(private readonly parts: ContentSearchParts) {
    this.lexical = LexicalEmbedder.deserialise(parts.lexical);
  }

  get wordModel(): string {
    return this.parts.wordModel;
  }

  /**
   * Adds an item embedded after training (its word-model vector and its text), so that
   * search and similar find it at once; returns its k nearest items (none for k = 0).
   */
  addItem(item: number, word: Float32Array, text: string, k: number): Neighbours | undefined {
    const v = combineVectors(word, this.lexical.embedOne(text), this.parts.wordWeight);
    if (!v.some((x) => x !== 0)) return undefined;
    this.parts.index.add(item, v);
    return k > 0 ? this.parts.index.search(v, k, (j) => j !== item) : undefined;
  }

  /** Items similar to `item`, best first, each with the source that contributed most. */
  similar(item: number, n: number, accept: (j: number) => boolean): (ScoredItem & { source: SimilarSource })[] {
    const { coPurchase: m, weights } = this.parts;
    const scores = new Map<number, { co: number; content: number }>();
    const entry = (j: number) => scores.get(j) ?? scores.set(j, { co: 0, content: 0 }).get(j)!;
    if (item < m.n) {
      for (let p = m.rowPtr[item]; p < m.rowPtr[item + 1]; p++) entry(m.cols[p]).co = weights.coPurchase * m.sims[p];
    }
    const v = this.vectorOf(item);
    if (v) {
      const found = this.parts.index.search(v, n + 1, (j) => j !== item && accept(j));
      for (let r = 0; r < found.labels.length; r++) entry(found.labels[r]).content = weights.content * found.scores[r];
    }
    return [...scores]
      .filter(([j]) => j !== item && accept(j))
      .map(([j, s]) => ({ item: j, score: s.co + s.content, source: (s.co >= s.content ? "co_purchase" : "content") as SimilarSource }))
      .sort((a, b) => b.score - a.score || a.item - b.item)
      .slice(0, n);
  }

  /**
   * Items whose text is closest to the query; with a history (item ids, most relevant
   * first), those also closer to the shopper's items move up.
   */
  async search(query: string, word: Embedder, n: number, history: number[], accept: (j: number) => boolean): Promise<ScoredItem[]> {
    const [w] = await word.embed([query]);
    const q = combineVectors(w, this.lexical.embedOne(query), this.parts.wordWeight);
    if (!q.some((x) => x !== 0)) return [];
    const found = this.parts.index.search(q, history.length > 0 ? 4 * n : n, accept);
    const taste = this.profile(history);
    return Array.from(found.labels, (j, r) => ({
      item: j,
      score: taste ? (1 - TASTE_SHARE) * found.scores[r] + TASTE_SHARE * this.cosine(taste, j) : found.scores[r],
    }))
      .sort((a, b) => b.score - a.score || a.item - b.item)
      .slice(0, n);
  }

  /** The item's text vector scaled to length 1 (diversity compares items by it). */
  unitVector(item: number): Float32Array | undefined {
    const v = this.vectorOf(item);
    if (!v) return undefined;
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    return v.map((x) => x / norm);
  }

  private vectorOf(item: number): Float32Array | undefined {
    const v = this.parts.index.vector(item);
    return v?.some((x) => x !== 0) ? v : undefined;
  }

  /** The normalised mean of the history items' vectors. */
  private profile(history: number[]): Float32Array | undefined {
    const sum = new Float32Array(this.parts.dim);
    for (const h of history) {
      const v = this.vectorOf(h);
      if (v) for (let i = 0; i < v.length; i++) sum[i] += v[i];
    }
    const norm = Math.hypot(...sum);
    return norm > 0 ? sum.map((x) => x / norm) : undefined;
  }

  private cosine(unit: Float32Array, item: number): number {
    const v = this.vectorOf(item);
    let dot = 0;
    if (v) for (let i = 0; i < v.length; i++) dot += unit[i] * v[i];
    return dot;
  }
}
