// The date range a KPI request names, checked, with defaults that fit the shop's own data:
// without `to`, the day after its newest event (a shop importing old data sees its data,
// not an empty "last 30 days"); without `from`, 30 days or 12 weeks before `to`.
import type { Store } from "../store/types.js";
import { badRequest } from "../errors.js";
import type { Interval, KpiQuery } from "./kpis.js";

const DAY = 86_400_000;
/** The most periods one report may hold. */
export const MAX_PERIODS = 400;

/** "2011-12-01" (the day's start, UTC) or an ISO time; undefined when absent. */
export function parseTime(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (!Number.isFinite(ms)) throw badRequest(`${name}: "${text}" is not a date (2011-12-01) or an ISO 8601 time`);
  return ms;
}

export async function kpiRange(store: Store, q: { from?: string; to?: string; interval: Interval }, windowMs: number): Promise<KpiQuery> {
  let to = parseTime("to", q.to);
  if (to === undefined) {
    const latest = (await store.events.timeProfile(0.1)).latest ?? Date.now();
    to = (Math.floor(latest / DAY) + 1) * DAY;
  }
  const from = parseTime("from", q.from) ?? to - (q.interval === "day" ? 30 : 84) * DAY;
  if (from >= to) throw badRequest(`from (${new Date(from).toISOString()}) must come before to (${new Date(to).toISOString()})`);
  const periods = (to - from) / ((q.interval === "day" ? 1 : 7) * DAY);
  if (periods > MAX_PERIODS) throw badRequest(`at most ${MAX_PERIODS} ${q.interval}s in one report: narrow from and to, or use interval=week`);
  return { from, to, interval: q.interval, windowMs };
}
