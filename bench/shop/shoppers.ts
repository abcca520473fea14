// Generated shoppers and what they do. Activity is heavy-tailed (lognormal events per
// shopper, rescaled to the requested total); each shopper has 1–3 favourite categories,
// shops in sessions that mostly stay within one category, and moves down a funnel
// (view → click → cart → purchase) on some of the items seen. That gives collaborative
// filtering real structure to find: items of a category are bought by the same people.
import type { EventType } from "../../models/event-types.js";
import type { Catalogue } from "./catalogue.js";
import { between, choose, normal, type Random } from "./sampling.js";
import { AGE_BANDS, AGE_WEIGHTS, REGIONS, REGION_WEIGHTS, TIERS } from "./words.js";

export interface ShopperProfile {
  index: number;
  region: string;
  tier: string;
  ageBand: string;
}

export interface GeneratedEvent {
  /** Item index (0-based). */
  item: number;
  type: EventType;
  /** Quantity of a purchase, stars of a rating, otherwise null. */
  value: number | null;
  /** Milliseconds, whole seconds. */
  ts: number;
}

export interface BehaviourParams {
  /** σ of log(events per shopper): 1.4 puts ~18% of all events on the top 1% of shoppers. */
  activitySigma: number;
  /** Share of sessions themed on one of the shopper's favourite categories. */
  favouriteShare: number;
  /** Share of a session's items drawn from its category rather than the whole shop. */
  sessionFocus: number;
  /** Events per session on average. */
  sessionEvents: number;
  days: number;
  endMs: number;
}

/**
 * Events per shopper: at least one each, the rest shared in proportion to a lognormal
 * activity by systematic rounding, so the counts add up to `events` exactly.
 */
export function activityCounts(users: number, events: number, sigma: number, random: Random): Uint32Array {
  const activity = Float64Array.from({ length: users }, () => Math.exp(sigma * normal(random)));
  const total = activity.reduce((s, a) => s + a, 0);
  const spare = events - users;
  const counts = new Uint32Array(users);
  let carry = 0;
  let given = 0;
  for (let u = 0; u < users; u++) {
    const share = (spare * activity[u]) / total + carry;
    const whole = Math.floor(share);
    carry = share - whole;
    counts[u] = 1 + whole;
    given += whole;
  }
  counts[users - 1] += spare - given; // floating-point remainder, 0 or 1
  return counts;
}

export function shopperProfile(index: number, activity: number, random: Random): ShopperProfile {
  // The busiest shoppers are the likeliest members of the top tier.
  const gold = Math.min(0.6, 0.02 * activity);
  const tier = random() < gold ? TIERS[2] : random() < 0.3 ? TIERS[1] : TIERS[0];
  return { index, region: choose(random, REGIONS, REGION_WEIGHTS), tier, ageBand: choose(random, AGE_BANDS, AGE_WEIGHTS) };
}

const DAY_S = 86_400;
const FAVOURITE_WEIGHTS = [0.6, 0.3, 0.1];
const RATING_WEIGHTS = [4, 4, 12, 35, 45];

/** `n` events of one shopper, oldest first, strictly increasing in time. */
export function shopperEvents(n: number, catalogue: Catalogue, p: BehaviourParams, random: Random): GeneratedEvent[] {
  const favourites = Array.from({ length: between(random, 1, 3) }, () => catalogue.category(random));
  // Sessions fall anywhere in the period, which keeps the shop's daily traffic steady (a
  // time cut-off for validation then holds a normal share of shoppers). They start at
  // least 6 hours before the end so that the busiest shoppers' last events stay inside.
  const startS = Math.floor(p.endMs / 1000) - p.days * DAY_S;
  const spanS = p.days * DAY_S - 6 * 3600;
  const sessions = Math.max(1, Math.round(n / p.sessionEvents));
  const starts = Float64Array.from({ length: sessions }, () => Math.floor(startS + random() * spanS)).sort();

  const events: GeneratedEvent[] = [];
  let t = 0;
  const push = (item: number, type: EventType, value: number | null = null) => {
    if (events.length >= n) return false;
    t += between(random, 5, 120);
    events.push({ item, type, value, ts: t * 1000 });
    return true;
  };
  for (let s = 0; s < sessions; s++) {
    const quota = Math.floor(((s + 1) * n) / sessions);
    t = Math.max(starts[s], t + 1);
    const theme = random() < p.favouriteShare ? choose(random, favourites, FAVOURITE_WEIGHTS) : catalogue.category(random);
    while (events.length < quota) {
      const item = random() < p.sessionFocus ? catalogue.itemIn(theme, random) : catalogue.popularItem(random);
      funnel(item, push, random);
    }
  }
  return events;
}

/** One item's way down the funnel; stops as soon as `push` refuses (quota reached). */
function funnel(item: number, push: (item: number, type: EventType, value?: number | null) => boolean, random: Random): void {
  if (!push(item, "view")) return;
  if (random() < 0.02 && !push(item, "favorite")) return;
  if (random() < 0.005 && !push(item, "share")) return;
  if (random() >= 0.3 || !push(item, "click")) return;
  if (random() >= 0.25 || !push(item, "cart")) return;
  if (random() >= 0.5 || !push(item, "purchase", choose(random, [1, 2, 3], [6, 3, 1]))) return;
  if (random() < 0.2) push(item, "rating", choose(random, [1, 2, 3, 4, 5], RATING_WEIGHTS));
}

