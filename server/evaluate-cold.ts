// `tuijian eval --cold-items`: how well the production ranker orders products that have
// no events yet. For every evaluated shopper who bought, in the test period, items that
// are in the items file but absent from train, it ranks only those cold items (the rest of
// the catalogue excluded) and measures the list against what the shopper bought.
import type { Runtime } from "./runtime.js";
import { MetricsAccumulator, type RankingMetrics } from "../models/metrics.js";

export interface ColdItemReport {
  /** Items with text in the catalogue and no training event. */
  coldItems: number;
  ranker: RankingMetrics;
  /** Expected recall@k of a random order of the cold items, for scale. */
  randomRecall: number;
}

export async function evaluateColdItems(rt: Runtime, testItems: Map<string, Set<string>>, trainItems: Set<number>, k: number): Promise<ColdItemReport> {
  const maxId = await rt.store.items.maxId();
  const cold = new Set<number>();
  const warm: number[] = [];
  for (let id = 1; id <= maxId; id++) (trainItems.has(id) ? warm : []).push(id);
  for (const [, items] of testItems) {
    for (const ext of items) {
      const id = await rt.store.items.idOf(ext);
      if (id !== undefined && !trainItems.has(id)) cold.add(id);
    }
  }
  // Cold items nobody bought in test are still candidates: every item without events is.
  const everyCold = Array.from({ length: maxId }, (_, i) => i + 1).filter((id) => !trainItems.has(id));
  const metrics = new MetricsAccumulator<number>(k, everyCold.length);
  let randomRecall = 0;
  for (const [user, items] of testItems) {
    const userId = await rt.store.users.idOf(user);
    if (userId === undefined || (await rt.store.events.interactedItems(userId)).length === 0) continue;
    const relevant = new Set<number>();
    for (const ext of items) {
      const id = await rt.store.items.idOf(ext);
      if (id !== undefined && cold.has(id)) relevant.add(id);
    }
    if (relevant.size === 0) continue;
    metrics.add(Array.from((await rt.recommender.rank(userId, k, warm)).items), relevant);
    randomRecall += Math.min(k, everyCold.length) * relevant.size / everyCold.length / Math.min(k, relevant.size);
  }
  const ranker = metrics.result();
  return { coldItems: everyCold.length, ranker, randomRecall: ranker.users > 0 ? randomRecall / ranker.users : 0 };
}
