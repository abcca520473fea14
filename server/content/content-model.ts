// The content side of a model, built at train from the items' texts: one vector per item
// (stored word-model embeddings joined with character n-grams whose IDF is fitted on this
// catalogue), a cosine index over them, and each item's most similar items, which the
// hybrid ranker scatters like co-purchase neighbours. An item with text but no events yet
// is reachable through it: that is how a new product gets recommended.
import type { Store } from "../store/types.js";
import type { ItemNeighbours } from "../../models/item-knn.js";
import { TopK } from "../../models/top-k.js";
import { LexicalEmbedder } from "../embedding/lexical.js";
import { combineVectors } from "../embedding/combined.js";
import { textOfRow } from "../embedding/item-text.js";
import { createIndex } from "../ann/create-index.js";
import type { VectorIndex } from "../ann/vector-index.js";
import type { IndexFileEntry } from "../../models/artefact.js";
import { indexFile } from "../factor-index.js";

export interface ContentParams {
  /** Most similar items kept per item. */
  neighbours: number;
  /** The word model's share of the cosine (the rest: character n-grams). */
  embeddingWordWeight: number;
  annMinItems: number;
  hnswM: number;
  hnswEfConstruction: number;
  hnswEf: number;
  seed: number;
}

/** What training keeps of a content model: the index only as its file (indexFile), so it can be built in another thread. */
export interface BuiltContent {
  dim: number;
  lexical: Float32Array;
  neighbours: ItemNeighbours;
  /** Items with a vector (in the index). */
  items: number;
  index: { entry: IndexFileEntry; data: Uint8Array };
}

export function builtContent(model: ContentModel): BuiltContent {
  return { dim: model.dim, lexical: model.lexical, neighbours: model.neighbours, items: model.index.size, index: indexFile(model.index, "content.index") };
}

export interface ContentModel {
  dim: number;
  /** numItems × dim; an item without text has a zero row. */
  vectors: Float32Array;
  /** The fitted character n-gram state (LexicalEmbedder.serialise()). */
  lexical: Float32Array;
  index: VectorIndex;
  /** Row j: the items most similar to j, by cosine. */
  neighbours: ItemNeighbours;
}

/**
 * Joins each live item's stored word embedding (by `wordModel`, of `wordDim`) with its
 * n-gram vector; undefined when no item has text.
 */
export async function buildContentModel(
  store: Store, numItems: number, wordModel: { id: string; dim: number }, params: ContentParams, onItem?: (done: number) => void,
): Promise<ContentModel | undefined> {
  const texts = (await store.embeddings.itemTexts()).map((r) => ({ id: r.id, text: textOfRow(r) })).filter((t) => t.text !== "");
  if (texts.length === 0) return undefined;
  const lexical = new LexicalEmbedder().fit(texts.map((t) => t.text));
  const words = new Map((await store.embeddings.since(wordModel.id, 0, Number.MAX_SAFE_INTEGER)).map((e) => [e.itemId, e.vector]));
  const noWord = new Float32Array(wordModel.dim);
  const dim = wordModel.dim + lexical.dim;
  const vectors = new Float32Array(numItems * dim);
  const index = createIndex({
    kind: numItems >= params.annMinItems ? "hnsw" : "exact", dim, metric: "cosine", capacity: texts.length,
    M: params.hnswM, efConstruction: params.hnswEfConstruction, ef: params.hnswEf, seed: params.seed,
  });
  for (const { id, text } of texts) {
    if (id >= numItems) continue;
    const word = words.get(id);
    const v = combineVectors(word?.length === wordModel.dim ? word : noWord, lexical.embedOne(text), params.embeddingWordWeight);
    if (!v.some((x) => x !== 0)) continue;
    vectors.set(v, id * dim);
    index.add(id, v);
  }
  return { dim, vectors, lexical: lexical.serialise(), index, neighbours: contentNeighbours(index, vectors, numItems, dim, params.neighbours, onItem) };
}

function contentNeighbours(index: VectorIndex, vectors: Float32Array, n: number, dim: number, k: number, onItem?: (done: number) => void): ItemNeighbours {
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const sims: number[] = [];
  for (let j = 0; j < n; j++) {
    if (index.has(j)) {
      const found = index.search(vectors.subarray(j * dim, (j + 1) * dim), k + 1);
      const top = new TopK(k);
      for (let r = 0; r < found.labels.length; r++) {
        if (found.labels[r] !== j && found.scores[r] > 0) top.push(found.labels[r], found.scores[r]);
      }
      const { idx, score } = top.drain();
      for (let r = 0; r < idx.length; r++) {
        cols.push(idx[r]);
        sims.push(score[r]);
      }
    }
    rowPtr[j + 1] = cols.length;
    if ((j & 1023) === 0) onItem?.(j);
  }
  return { n, rowPtr, cols: Int32Array.from(cols), sims: Float32Array.from(sims) };
}
