// A list on a catalogue large enough for factor candidates (its factor index searched), with
// products that have no events: the kernel reports bounds instead of most probed scores and
// the cold items follow only the sources that can reach the list (score-list.ts); the lists
// must be those of the plain path, every probe scored exactly and every cold item reached
// merged. Trained by the real `train`, with the real text model and HNSW index.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { train } from "../server/train.js";
import type { ActiveModel } from "../server/serving/active-model.js";
import type { HistoryEvent } from "../server/store/types.js";
import { factorWeight, listHistory, scoreList } from "../server/serving/score-list.js";
import { withColdItems } from "../server/serving/cold-merge.js";
import { foldInHistory } from "../models/history.js";
import { seededRandom } from "../models/random.js";
import { ShopperHistories } from "../server/serving/shopper-histories.js";
import { SEED_WEIGHT } from "../server/serving/placements/placement.js";
import type { ScoredList } from "../core-wasm/reference/score-history.js";
import { testConfig } from "./helpers.js";

const CATEGORIES = ["lamp", "mug", "chair", "towel", "candle", "basket", "rug", "vase"];
const WORDS = ["linen", "oak", "stone", "brass", "wool", "glass", "clay", "cotton", "rustic", "modern"];
const COLOURS = ["sage", "ochre", "navy", "ivory", "rust"];

let rt: Runtime;
let model: ActiveModel;
const histories: HistoryEvent[][] = [];

beforeAll(async () => {
  const config = testConfig({ factors: 8, annMinItems: 100, annSearch: "always" });
  rt = await openRuntime(config, { serving: true });
  const random = seededRandom(11);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const title = (c: string) => `${pick(WORDS)} ${pick(WORDS)} ${c} (${pick(COLOURS)})`;
  const known = Array.from({ length: 400 }, (_, j) => ({ id: `k${j}`, title: title(CATEGORIES[j % CATEGORIES.length]), category: CATEGORIES[j % CATEGORIES.length] }));
  // Never bought: known to training only by their text.
  const cold = Array.from({ length: 60 }, (_, j) => ({ id: `new${j}`, title: title(CATEGORIES[j % CATEGORIES.length]), category: CATEGORIES[j % CATEGORIES.length] }));
  await rt.catalogue.upsertItems([...known, ...cold]);
  const t0 = Date.parse("2024-03-01T00:00:00Z");
  const events: { user_id: string; item_id: string; type: "view" | "purchase"; timestamp: number }[] = [];
  for (let u = 0; u < 300; u++) {
    const favourite = u % CATEGORIES.length;
    for (let e = 0; e < 6 + (u % 13); e++) {
      const c = random() < 0.8 ? favourite : Math.floor(random() * CATEGORIES.length);
      const j = c + CATEGORIES.length * Math.floor(random() ** 2 * (known.length / CATEGORIES.length));
      events.push({ user_id: `u${u}`, item_id: known[j].id, type: random() < 0.3 ? "purchase" : "view", timestamp: t0 + events.length * 60_000 });
    }
  }
  await rt.catalogue.recordEvents(events);
  await rt.content!.idle();
  await train(rt.store, rt.registry, config);
  await rt.recommender.refresh();
  model = (rt.recommender as unknown as { active: ActiveModel }).active;
  for (let u = 0; u < 300; u++) histories.push(await rt.store.events.history((await rt.store.users.idOf(`u${u}`))!, config.maxHistory));
}, 180_000);

afterAll(() => rt.close());

/** The plain path: every probe scored exactly, every cold item it reaches scored and merged. */
function plainList(events: HistoryEvent[], k: number) {
  const p = model.historyParams;
  const history = listHistory(events, p);
  const weight = factorWeight(model, events);
  const fold = foldInHistory(events, p.weightsByCode, model.factorAlpha);
  model.core.foldIn(fold.items, fold.conf, weight);
  const scored = model.core.score({ histItems: history.items, histWeights: history.weights, exclude: [], popBlend: model.weights.popularity, k, probes: model.cold.sources() });
  const scoreOf = new Float32Array(model.core.n);
  scored.probed!.items.forEach((h, q) => (scoreOf[h] = scored.probed!.scores[q]));
  const cold = model.cold.scores({ followed: scored.probed!, scoreOf }, history.items);
  return { list: withColdItems(scored, cold, () => false, k), cold: new Set(cold.items) };
}

describe("cold items with bounded probes", () => {
  it("give the plain path's lists, following fewer cold items, with bounds in place of most probed scores", () => {
    expect(model.cold.size).toBeGreaterThanOrEqual(60);
    let [listsWithCold, bounded, exact, reachedPlain, reachedBounded] = [0, 0, 0, 0, 0];
    for (const events of histories) {
      for (const k of [20, 150]) {
        const plain = plainList(events, k);
        const got = scoreList(model, events, model.historyParams, { k, exclude: [] });
        expect({ items: Array.from(got.items), scores: Array.from(got.scores), reasons: Array.from(got.reasons) })
          .toEqual({ items: Array.from(plain.list.items), scores: Array.from(plain.list.scores), reasons: Array.from(plain.list.reasons) });
        listsWithCold += Array.from(got.items).some((j) => plain.cold.has(j)) ? 1 : 0;
        if (k === 20) reachedPlain += plain.cold.size;
      }
      // What the kernel reports with bounds, for the same list of 20.
      const history = listHistory(events, model.historyParams);
      const fold = foldInHistory(events, model.historyParams.weightsByCode, model.factorAlpha);
      model.core.foldIn(fold.items, fold.conf, factorWeight(model, events));
      model.core.scoreBounded({ histItems: history.items, histWeights: history.weights, exclude: [], popBlend: model.weights.popularity, k: 20, probes: model.cold.sources() }, (list, probes, exactOf) => {
        for (const h of model.cold.sources()) [bounded, exact] = [bounded + (probes.scoreOf[h] < 0 ? 1 : 0), exact + (probes.scoreOf[h] > 0 ? 1 : 0)];
        reachedBounded += model.cold.scores(probes, history.items, list.items.length === 20 ? list.scores[19] : -Infinity, exactOf).items.length;
      });
    }
    // Measured: every list of 150 holds cold items; 2.8 bounds for each exact score; no cold item can reach a list of 20.
    expect(listsWithCold).toBeGreaterThanOrEqual(0.9 * histories.length);
    expect(bounded).toBeGreaterThan(2.5 * exact);
    expect(reachedBounded).toBeLessThan(reachedPlain / 10);
  });
});

describe("what a list derives from a held shopper's events, kept", () => {
  it("gives the lists made afresh, for every placement's history, until the shopper's events change", async () => {
    const histories = new ShopperHistories(rt.store, model.historyParams.maxHistory, 1_000_000);
    if (!rt.store.eventFeed) {
      // PostgreSQL: no shopper is held (its event ids do not follow commit order), so nothing is kept.
      expect((await histories.of((await rt.store.users.idOf("u0"))!)).memo).toBeUndefined();
      return;
    }
    const seed = { items: [3, 5], weight: SEED_WEIGHT };
    const list = (l: ScoredList) => ({ items: Array.from(l.items), scores: Array.from(l.scores), reasons: Array.from(l.reasons) });
    let kept = 0;
    for (let u = 0; u < 300; u += 7) {
      const id = (await rt.store.users.idOf(`u${u}`))!;
      const shopper = await histories.of(id);
      const events = await shopper.events();
      // Kept from the second list made from these events on.
      shopper.memo!.derived(model, model.historyParams, events);
      const second = shopper.memo!.derived(model, model.historyParams, events);
      for (const req of [{ k: 20, exclude: [] }, { k: 150, exclude: [1, 2] }, { k: 20, exclude: [], seed }]) {
        expect(list(scoreList(model, events, model.historyParams, req, shopper.memo)), `u${u}`).toEqual(list(scoreList(model, events, model.historyParams, req)));
      }
      const again = await histories.of(id);
      if (again.memo!.derived(model, model.historyParams, await again.events()).own.items === second.own.items) kept++;
    }
    expect(kept).toBe(Math.ceil(300 / 7));
    // An event of the shopper: derived afresh from the new events.
    const id = (await rt.store.users.idOf("u0"))!;
    const before = (await histories.of(id)).memo!.derived(model, model.historyParams, await (await histories.of(id)).events());
    await rt.catalogue.recordEvents([{ user_id: "u0", item_id: "k9", type: "purchase", timestamp: Date.now() }]);
    const after = await histories.of(id);
    const derived = after.memo!.derived(model, model.historyParams, await after.events());
    expect(derived.own.items).not.toBe(before.own.items);
    expect(Array.from(derived.own.items)[0]).toBe((await rt.store.items.idOf("k9"))!);
  });
});
