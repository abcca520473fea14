// Item embeddings written after training, taken into the model in use: new and changed
// products become searchable and recommendable before the next training.
import type { Store } from "../store/types.js";
import type { ActiveModel } from "../serving/active-model.js";
import { textOfRow } from "../embedding/item-text.js";

/** Content neighbours a product posted after training gets (as training gives every item). */
const NEIGHBOURS_OF_LIVE_ITEM = 50;

/**
 * Takes in at most `limit` embeddings written since the model's last (by this process's
 * embedding job or another's; each costs ~1.5 ms on a 100k catalogue, so a caller that can
 * wait takes them in slices). Returns how many were added.
 */
export async function takeInEmbeddings(store: Store, model: ActiveModel, limit: number): Promise<number> {
  if (!model.content) return 0;
  const fresh = await store.embeddings.since(model.content.wordModel, model.contentSeq, limit);
  if (fresh.length === 0) return 0;
  const texts = new Map((await store.embeddings.textsOf(fresh.map((e) => e.itemId))).map((r) => [r.id, textOfRow(r)]));
  for (const e of fresh) {
    const text = texts.get(e.itemId);
    // An item the model knows keeps its trained place in lists; its new text counts for
    // search and similar now, and for lists at the next training.
    const nearest = text ? model.content.addItem(e.itemId, e.vector, text, e.itemId >= model.core.n ? NEIGHBOURS_OF_LIVE_ITEM : 0) : undefined;
    if (nearest) model.cold.set(e.itemId, nearest.labels, nearest.scores);
    model.contentSeq = e.seq;
  }
  return fresh.length;
}
