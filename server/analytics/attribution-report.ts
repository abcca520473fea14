// GET /attribution: what the lists served in a range earned, overall and by placement,
// model version and experiment variant, with each metric's 95% interval (metrics.ts), and
// the click-through of each place in the list (how much position matters to this shop).
import type { Store } from "../store/types.js";
import { listOutcomes } from "./attribution.js";
import { GroupTally, type GroupFigures } from "./experiments/metrics.js";

export type { GroupFigures };

/** Places reported in clicks_by_position. */
const PLACES = 20;

export interface AttributionReport {
  from: string;
  to: string;
  attribution_window_hours: number;
  total: GroupFigures;
  by_placement: Record<string, GroupFigures>;
  by_model_version: Record<string, GroupFigures>;
  /** Lists outside any experiment are under "none". */
  by_variant: Record<string, GroupFigures>;
  /** Clicks on the item in place p (1-based) per list that had a place p, p = 1 … 20. */
  ctr_by_position: number[];
}

export async function attributionReport(store: Store, q: { from: number; to: number; windowMs: number }): Promise<AttributionReport> {
  const total = new GroupTally();
  const groups = { placement: new Map<string, GroupTally>(), model: new Map<string, GroupTally>(), variant: new Map<string, GroupTally>() };
  const add = (m: Map<string, GroupTally>, key: string) => {
    let t = m.get(key);
    if (!t) m.set(key, (t = new GroupTally()));
    return t;
  };
  const clicks = new Array<number>(PLACES).fill(0);
  const lists = new Array<number>(PLACES).fill(0);
  for await (const o of listOutcomes(store, q)) {
    total.add(o);
    add(groups.placement, o.list.placement).add(o);
    add(groups.model, o.list.modelVersion).add(o);
    add(groups.variant, o.list.variant ?? "none").add(o);
    for (let p = 0; p < Math.min(PLACES, o.list.items.length); p++) lists[p]++;
    for (const p of o.clickedAt) if (p < PLACES) clicks[p]++;
  }
  const byKey = (m: Map<string, GroupTally>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, t.figures()]));
  return {
    from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), attribution_window_hours: q.windowMs / 3_600_000,
    total: total.figures(), by_placement: byKey(groups.placement), by_model_version: byKey(groups.model), by_variant: byKey(groups.variant),
    ctr_by_position: lists.map((n, p) => (n > 0 ? Number((clicks[p] / n).toFixed(4)) : 0)),
  };
}
