// How the catalogue fares in the lists: coverage (the share of live items that appear in
// any list) and the items most often recommended, measured by computing the lists of a
// sample of shoppers now (the service keeps no log of the lists it served); and the items
// waiting for the background job to embed their text (new or changed since).
import type { Recommender } from "../recommender.js";
import type { Store } from "../store/types.js";
import { textHash, textOfRow } from "../embedding/item-text.js";

export interface CatalogueHealth {
  sampled_shoppers: number;
  list_length: number;
  live_items: number;
  /** Distinct items in the sampled lists over the live items. */
  coverage: number;
  top: { id: string; title: string | null; lists: number }[];
  /** Live items with text the model in use has no current vector for (none: no text model). */
  waiting_for_embedding: { count: number; items: { id: string; title: string | null }[] } | null;
}

const SHOWN = 20;

export async function catalogueHealth(store: Store, recommender: Recommender, sample: number, listLength: number): Promise<CatalogueHealth> {
  const shoppers = spread(await store.users.allIds(), sample);
  const times = new Map<string, { title: string | null; lists: number }>();
  for (const user of shoppers) {
    for (const item of (await recommender.recommend(user, listLength, false)).items) {
      const seen = times.get(item.id) ?? { title: item.title, lists: 0 };
      seen.lists++;
      times.set(item.id, seen);
    }
  }
  const live = await store.items.count();
  const top = [...times].sort((a, b) => b[1].lists - a[1].lists || (a[0] < b[0] ? -1 : 1)).slice(0, SHOWN);
  return {
    sampled_shoppers: shoppers.length,
    list_length: listLength,
    live_items: live,
    coverage: live === 0 ? 0 : times.size / live,
    top: top.map(([id, t]) => ({ id, title: t.title, lists: t.lists })),
    waiting_for_embedding: await waiting(store, recommender),
  };
}

/** Up to n ids evenly spread over the list (deterministic: the same sample each time). */
function spread(ids: string[], n: number): string[] {
  if (ids.length <= n) return ids;
  return Array.from({ length: n }, (_, i) => ids[Math.floor((i * ids.length) / n)]);
}

async function waiting(store: Store, recommender: Recommender): Promise<CatalogueHealth["waiting_for_embedding"]> {
  const content = recommender.loaded?.manifest.params.content;
  if (!content?.wordModel) return null;
  const stored = await store.embeddings.hashes(content.wordModel);
  const stale = (await store.embeddings.itemTexts())
    .map((r) => ({ id: r.id, text: textOfRow(r) }))
    .filter((t) => t.text !== "" && stored.get(t.id) !== textHash(t.text));
  const names = await store.items.summaries(stale.slice(0, SHOWN).map((t) => t.id));
  return {
    count: stale.length,
    items: stale.slice(0, SHOWN).map((t) => ({ id: names.get(t.id)?.extId ?? String(t.id), title: names.get(t.id)?.title ?? null })),
  };
}
