// A shopper's purchases reduced to the four numbers the BG/NBD and Gamma–Gamma models read.
// Purchases are counted per UTC day: several orders on one day are one transaction (value
// summed), since same-day orders are usually one shopping trip split by the checkout.

export const DAY_MS = 86_400_000;

/** All times in whole days. */
export interface PurchaseSummary {
  /** x: repeat purchase days (distinct purchase days − 1). */
  frequency: number;
  /** tₓ: days from the first purchase day to the last. */
  recency: number;
  /** T: days from the first purchase day to the day of `now`. */
  age: number;
  /** Mean value of the repeat purchase days (the first is left out); 0 when x = 0. */
  monetary: number;
}

export interface Purchase {
  /** Milliseconds since the epoch. */
  ts: number;
  value: number;
}

const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

/**
 * The summary of a shopper's purchases as of `now` (ms); purchases after `now` are
 * ignored. Undefined when none is left: a shopper who never bought has no summary.
 */
export function summarise(purchases: readonly Purchase[], now: number): PurchaseSummary | undefined {
  const byDay = new Map<number, number>();
  for (const { ts, value } of purchases) {
    if (ts > now) continue;
    const day = dayOf(ts);
    byDay.set(day, (byDay.get(day) ?? 0) + value);
  }
  if (byDay.size === 0) return undefined;
  const days = [...byDay.keys()].sort((u, v) => u - v);
  const first = days[0];
  let repeatValue = 0;
  for (let i = 1; i < days.length; i++) repeatValue += byDay.get(days[i])!;
  const frequency = days.length - 1;
  return {
    frequency,
    recency: days[days.length - 1] - first,
    age: dayOf(now) - first,
    monetary: frequency > 0 ? repeatValue / frequency : 0,
  };
}
