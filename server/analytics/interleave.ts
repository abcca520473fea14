// Team-draft interleaving (Radlinski, Kurup & Joachims, "How does clickthrough data
// reflect retrieval quality?", CIKM 2008): one list shown to the shopper mixes two
// rankers' lists, each position remembering which ranker ("team") put it there; clicks
// credit the teams, and the ranker credited more wins the impression. Because each shopper
// compares both rankers within one list, it tells them apart with 10–100× less traffic
// than an A/B test (Chapelle, Joachims, Radlinski & Yue, ACM TOIS 2012).
import { murmur3_32 } from "./assignment.js";

export const TEAM_A = 0;
export const TEAM_B = 1;

export interface Interleaving {
  items: number[];
  /** Per position: TEAM_A (0) or TEAM_B (1), the ranker that picked the item. */
  teams: Uint8Array;
}

export type InterleavingOutcome = "a" | "b" | "tie";

export interface InterleavingCredit {
  /** Clicked positions picked by A. */
  a: number;
  /** Clicked positions picked by B. */
  b: number;
  outcome: InterleavingOutcome;
}

/**
 * Mixes rankings `a` and `b` into at most `k` items. Each round the team with fewer picks
 * picks (a coin flip from `random` when they are level), taking its highest-ranked item
 * not yet in the list. The paper stops as soon as either ranking runs out; here the other
 * team fills the remaining places instead, so the shopper still sees a full list, and
 * credit stays with the team that chose each item. Duplicates within a ranking are
 * skipped like items the other team took.
 */
export function teamDraft(a: readonly number[], b: readonly number[], k: number, random: () => number): Interleaving {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k ${k}: must be a whole number ≥ 0`);
  const items: number[] = [];
  const teams: number[] = [];
  const taken = new Set<number>();
  let nextA = 0;
  let nextB = 0;
  let picksA = 0;
  let picksB = 0;
  while (items.length < k) {
    while (nextA < a.length && taken.has(a[nextA])) nextA++;
    while (nextB < b.length && taken.has(b[nextB])) nextB++;
    const aLeft = nextA < a.length;
    const bLeft = nextB < b.length;
    if (!aLeft && !bLeft) break;
    // The coin is drawn only on a level score with both teams able to pick, so the
    // sequence of draws (and so the mix for a seed) depends only on the two rankings.
    const aPicks = !bLeft || (aLeft && (picksA < picksB || (picksA === picksB && random() < 0.5)));
    const item = aPicks ? a[nextA] : b[nextB];
    taken.add(item);
    items.push(item);
    teams.push(aPicks ? TEAM_A : TEAM_B);
    if (aPicks) picksA++;
    else picksB++;
  }
  return { items, teams: Uint8Array.from(teams) };
}

/**
 * Credits each clicked position to the team that picked it. A position clicked twice
 * counts once (the credit is for the item, not the enthusiasm), and a position outside the
 * list, from a stale or forged event, counts for no one.
 */
export function interleavingCredit(teams: Uint8Array, clickedPositions: readonly number[]): InterleavingCredit {
  const counted = new Set<number>();
  let a = 0;
  let b = 0;
  for (const position of clickedPositions) {
    if (!Number.isInteger(position) || position < 0 || position >= teams.length || counted.has(position)) continue;
    counted.add(position);
    if (teams[position] === TEAM_A) a++;
    else b++;
  }
  return { a, b, outcome: a > b ? "a" : b > a ? "b" : "tie" };
}

/**
 * A seeded generator of uniform numbers in [0, 1): mulberry32 started from the
 * MurmurHash3 of the seed's text, so a list's interleaving can be rebuilt from its
 * recommendation id. A number seed is hashed as its decimal text (42 and "42" agree).
 * Statistically fine for coin flips and shuffles; not for anything secret.
 */
export function seededRandom(seed: string | number): () => number {
  let state = murmur3_32(String(seed));
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
