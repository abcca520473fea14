// The weight of text similarity against co-purchases in "similar items" (GET
// /items/:id/similar), fitted for that task rather than borrowed from the personal
// ranker, where text weighs 3–10× item-kNN and would always win. The task: a shopper on the
// page of an item they touched last before the validation cutoff; the items they went on
// to buy or use after it are the hits. For each case's newest history items (anchors),
// similar(anchor) scores j as co[anchor, j] + w · text[anchor, j] over the validation
// period's co-purchase neighbours and the text neighbours; the w of the grid with the best
// hit rate@k wins (ties: the smallest), and the measure is reported in the manifest.
import type { ItemNeighbours } from "./item-knn.js";
import type { ValidationCase } from "./validation.js";

export const SIMILAR_WEIGHT_GRID = [0, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100];
/** Anchors a case contributes: its newest distinct history items. */
const ANCHORS = 3;

export interface SimilarFit {
  /** The weight of text similarity; co-purchase weighs 1. */
  content: number;
  /** Share of (anchor, later item) pairs whose item is among the anchor's k similar items, at that weight. */
  hitRate: number;
  /** The hit rate with text alone and co-purchases alone, for the report. */
  contentOnly: number;
  coPurchaseOnly: number;
  /** The hit rate at each weight of the grid. */
  byWeight: Record<string, number>;
  pairs: number;
  k: number;
}

export function fitSimilarWeight(coPurchase: ItemNeighbours, text: ItemNeighbours, cases: ValidationCase[], k: number, grid = SIMILAR_WEIGHT_GRID): SimilarFit | undefined {
  const anchors = cases.flatMap((c) => {
    const own = new Set<number>();
    for (let t = 0; t < c.histItems.length && own.size < ANCHORS; t++) own.add(c.histItems[t]);
    return [...own].map((a) => ({ a, relevant: new Set(c.relevant), exclude: own }));
  });
  const pairs = anchors.reduce((sum, x) => sum + x.relevant.size, 0);
  if (pairs === 0) return undefined;
  // The candidates of an anchor and their two scores, gathered once.
  const candidates = anchors.map(({ a, relevant, exclude }) => {
    const scores = new Map<number, [number, number]>();
    const add = (m: ItemNeighbours, at: 0 | 1) => {
      if (a >= m.n) return;
      for (let p = m.rowPtr[a]; p < m.rowPtr[a + 1]; p++) {
        const j = m.cols[p];
        if (j === a || exclude.has(j)) continue;
        const s = scores.get(j) ?? scores.set(j, [0, 0]).get(j)!;
        s[at] = m.sims[p];
      }
    };
    add(coPurchase, 0);
    add(text, 1);
    return { relevant, items: [...scores.keys()], co: [...scores.values()].map((s) => s[0]), tx: [...scores.values()].map((s) => s[1]) };
  });
  const hitRate = (wCo: number, wText: number) => {
    let hits = 0;
    for (const c of candidates) {
      const order = c.items.map((_, t) => t).filter((t) => wCo * c.co[t] + wText * c.tx[t] > 0);
      order.sort((x, y) => wCo * c.co[y] + wText * c.tx[y] - (wCo * c.co[x] + wText * c.tx[x]) || c.items[x] - c.items[y]);
      for (const t of order.slice(0, k)) if (c.relevant.has(c.items[t])) hits++;
    }
    return hits / pairs;
  };
  let best = { content: grid[0], hitRate: -1 };
  const byWeight: Record<string, number> = {};
  for (const w of grid) {
    const h = (byWeight[w] = hitRate(1, w));
    if (h > best.hitRate) best = { content: w, hitRate: h };
  }
  return { ...best, contentOnly: hitRate(0, 1), coPurchaseOnly: byWeight[0] ?? hitRate(1, 0), byWeight, pairs, k };
}
