// What a model's content side answers at request time: the items similar to an item
// (text similarity blended with co-purchase neighbours, each result naming its source)
// and semantic search over the catalogue, reordered by a shopper's taste when one is given.
import type { ItemNeighbours } from "../../models/item-knn.js";
import type { Embedder } from "../embedding/embedder.js";
import { LexicalEmbedder } from "../embedding/lexical.js";
import { combineVectors } from "../embedding/combined.js";
import type { VectorIndex } from "../ann/vector-index.js";

export type SimilarSource = "co_purchase" | "content";

export interface ScoredItem {
  item: number;
  score: number;
}

export interface ContentSearchParts {
  index: VectorIndex;
  /** numItems × dim, zero rows for items without text. */
  vectors: Float32Array;
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
  /** Vectors of items embedded after training (new products, changed texts). */
  private readonly live = new Map<number, Float32Array>();
  /** Item h → the live items that have h among their nearest items: how a history reaches them. */
  private readonly reach = new Map<number, { item: number; sim: number }[]>();

  constructor(private readonly parts: ContentSearchParts) {
    this.lexical = LexicalEmbedder.deserialise(parts.lexical);
  }

  get wordModel(): string {
    return this.parts.wordModel;
  }

  get liveItems(): number {
    return this.live.size;
  }

  /**
   * Adds an item embedded after training (its word-model vector and its text), so that it
   * is found by search and similar at once, and (k > 0) reaches the shoppers whose history
   * holds one of its `k` nearest items, as a trained item without events would.
   */
  addItem(item: number, word: Float32Array, text: string, k: number): void {
    const v = combineVectors(word, this.lexical.embedOne(text), this.parts.wordWeight);
    if (!v.some((x) => x !== 0)) return;
    for (const [h, list] of this.reach) this.reach.set(h, list.filter((r) => r.item !== item));
    this.parts.index.add(item, v);
    this.live.set(item, v);
    if (k === 0) return;
    const found = this.parts.index.search(v, k + 1, (j) => j !== item);
    for (let r = 0; r < found.labels.length; r++) {
      if (found.scores[r] <= 0) continue;
      const h = found.labels[r];
      this.reach.get(h)?.push({ item, sim: found.scores[r] }) ?? this.reach.set(h, [{ item, sim: found.scores[r] }]);
    }
  }

  /**
   * The content score of the live items a weighted history reaches, with the history item
   * contributing most: the same sum the trained content source gives.
   */
  liveScores(histItems: ArrayLike<number>, histWeights: ArrayLike<number>): Map<number, { score: number; because: number; best: number }> {
    const out = new Map<number, { score: number; because: number; best: number }>();
    for (let t = 0; t < histItems.length; t++) {
      for (const { item, sim } of this.reach.get(histItems[t]) ?? []) {
        const c = this.parts.weights.content * histWeights[t] * sim;
        const s = out.get(item);
        if (!s) out.set(item, { score: c, because: histItems[t], best: c });
        else {
          s.score += c;
          if (c > s.best) Object.assign(s, { because: histItems[t], best: c });
        }
      }
    }
    return out;
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

  private vectorOf(item: number): Float32Array | undefined {
    const live = this.live.get(item);
    if (live) return live;
    const { dim, vectors } = this.parts;
    if ((item + 1) * dim > vectors.length) return undefined;
    const v = vectors.subarray(item * dim, (item + 1) * dim);
    return v.some((x) => x !== 0) ? v : undefined;
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
