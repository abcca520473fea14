import type { TimeProfile } from "./types.js";

export interface DayCount {
  day: number;
  n: number;
  last: number;
}

/**
 * From the events counted by day: the newest event time; the decay reference, the newest
 * time once the newest `outlierShare` of the events (at least one, when there are two or
 * more) are set aside; and the start of the day from which on at least `share` of the
 * events lie (undefined when that is the first day). Shared by the backends.
 */
export function profileOfDays(days: DayCount[], share: number, outlierShare: number): TimeProfile {
  const total = days.reduce((s, d) => s + d.n, 0);
  const setAside = Math.min(Math.ceil(outlierShare * total), total - 1);
  const profile: TimeProfile = { latest: days.at(-1)?.last };
  let later = 0;
  for (let i = days.length - 1; i >= 0; i--) {
    later += days[i].n;
    if (profile.reference === undefined && later > setAside) profile.reference = days[i].last;
    if (i > 0 && profile.cutoff === undefined && later >= share * total) profile.cutoff = days[i].day * 86_400_000;
  }
  return profile;
}

/** Shoppers with two events or more, and those of them active on two days or more, over every stride-th shopper id. */
export const ACTIVE_DAYS_SQL = `
SELECT count(*) AS shoppers, coalesce(sum(CASE WHEN days > 1 THEN 1 ELSE 0 END), 0) AS "multiDay" FROM (
  SELECT count(DISTINCT ts / 86400000) AS days FROM events WHERE user_id % {stride} = 0 GROUP BY user_id HAVING count(*) > 1
) per_user`;
