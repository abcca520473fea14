// The embedding job: embeds every item whose text is new or changed since its stored
// vector (or was embedded by another model), in batches, and stores the vectors. `train`
// runs it first; the server runs it in the background after catalogue writes.
import type { Store } from "../store/types.js";
import type { Embedder } from "../embedding/embedder.js";
import { textHash, textOfRow } from "../embedding/item-text.js";
import type { Progress } from "../platform/progress.js";

export interface EmbedOptions {
  /** Texts per call of the embedder. */
  batch?: number;
  /** Awaited between batches (a server lets requests run). */
  between?: () => Promise<unknown>;
  progress?: Progress;
  /** Told how many texts are still to embed: the total first, then after each batch. */
  waiting?: (count: number) => void;
}

/** Returns how many items were embedded. */
export async function embedItems(store: Store, embedder: Embedder, { batch: size = 256, between, progress, waiting }: EmbedOptions = {}): Promise<number> {
  const stored = await store.embeddings.hashes(embedder.id);
  const stale = (await store.embeddings.itemTexts())
    .map((r) => ({ id: r.id, text: textOfRow(r) }))
    .filter((t) => t.text !== "")
    .map((t) => ({ ...t, hash: textHash(t.text) }))
    .filter((t) => stored.get(t.id) !== t.hash);
  waiting?.(stale.length);
  for (let start = 0; start < stale.length; start += size) {
    if (start > 0) await between?.();
    const batch = stale.slice(start, start + size);
    const vectors = await embedder.embed(batch.map((b) => b.text));
    await store.embeddings.put(embedder.id, batch.map((b, i) => ({ id: b.id, hash: b.hash, vector: vectors[i] })));
    progress?.tick(start + batch.length, stale.length);
    waiting?.(stale.length - start - batch.length);
  }
  progress?.done(stale.length);
  return stale.length;
}
