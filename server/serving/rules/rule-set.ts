// The rules that apply to a list, compiled into the forms the request path takes: an
// allow byte per item (exclusions), per-item boosts laid out for the kernel, pins and
// share limits. Compiled once per change of the rules, the catalogue or a rule's window,
// never per request.
import type { ItemBoosts } from "../../wasm/scoring-core.js";
import type { ItemFilters } from "../item-filter.js";
import { maskState, type MaskState } from "../mask-state.js";
import { parseFilter } from "../filter-expression.js";
import { inWindow, MAX_ADD, MAX_MULTIPLY, type Placement, type RuleDefinition } from "./definition.js";
import type { Diversity } from "../diversity.js";

export interface LiveRule {
  id: string;
  version: number;
  definition: RuleDefinition;
}

export interface Pin {
  rule: string;
  item: number;
  /** 1-based. */
  position: number;
}

export interface Share {
  rule: string;
  /** matches[j] is 1 when item j is one the share counts. */
  matches: Uint8Array;
  min?: number;
  max?: number;
}

export interface RuleSet {
  /** allow[j] is 0 for the items an exclude rule hides; undefined when none does. */
  allow?: Uint8Array;
  /** Each exclude rule and the items it hides (why-not names them). */
  exclusions: { rule: string; matches: Uint8Array }[];
  boosts?: ItemBoosts;
  pins: Pin[];
  shares: Share[];
  /** The strictest of the diversity rules: the smallest cap, the smallest λ. */
  diversity?: Diversity;
  /** When a rule's window next opens or closes: the set must be compiled again then. */
  until: number;
  /** The filter masks its matches read and their counts of changes then: the set compiled again is the same while they stay. */
  masks?: MaskState[];
}

/** How a rule's match reads the catalogue: filter masks, and internal ids of external ones. */
export interface MatchSource {
  filters: ItemFilters;
  idsOf(extIds: readonly string[]): Promise<Map<string, number>>;
}

/** The rules live at `now` for `placement` and a shopper of `segment` (a rule naming segments applies to their shoppers only). */
export function applicable(rules: LiveRule[], placement: Placement | undefined, now: number, segment?: string): LiveRule[] {
  return rules.filter((r) => {
    const d = r.definition;
    return inWindow(d, now) && (d.placement === undefined || d.placement === placement) && (d.segments === undefined || (segment !== undefined && d.segments.includes(segment as never)));
  });
}

/** The next time after `now` at which any rule's window opens or closes. */
export function nextBoundary(rules: LiveRule[], now: number): number {
  let until = Infinity;
  for (const { definition: d } of rules) {
    for (const t of [d.starts_at, d.ends_at]) {
      const at = t === undefined ? NaN : Date.parse(t);
      if (at > now && at < until) until = at;
    }
  }
  return until;
}

export async function compileRules(rules: LiveRule[], source: MatchSource, until: number): Promise<RuleSet> {
  const n = source.filters.size;
  const set: RuleSet = { exclusions: [], pins: [], shares: [], until, masks: [] };
  let mul: Float32Array | undefined;
  let add: Float32Array | undefined;
  // Ids in order, so that two rules' effects combine the same way in every process.
  for (const { id, definition: d } of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (d.action === "diversity") {
      const was = set.diversity ?? {};
      set.diversity = { maxPerCategory: minOf(was.maxPerCategory, d.max_per_category), mmrLambda: minOf(was.mmrLambda, d.mmr_lambda) };
      continue;
    }
    if (d.action === "pin") {
      const item = (await source.idsOf([d.item])).get(d.item);
      if (item !== undefined) set.pins.push({ rule: id, item, position: d.position });
      continue;
    }
    const matches = await matchesOf(d.match, source, n, set.masks!);
    if (d.action === "exclude") {
      set.allow ??= new Uint8Array(n).fill(1);
      for (let j = 0; j < n; j++) if (matches[j]) set.allow[j] = 0;
      set.exclusions.push({ rule: id, matches });
    } else if (d.action === "boost") {
      mul ??= new Float32Array(n).fill(1);
      add ??= new Float32Array(n);
      // Several boosts of one item multiply their multipliers and add their additions, within the bounds.
      for (let j = 0; j < n; j++) {
        if (!matches[j]) continue;
        mul[j] = Math.min(MAX_MULTIPLY, mul[j] * d.multiply);
        add[j] = Math.max(-MAX_ADD, Math.min(MAX_ADD, add[j] + d.add));
      }
    } else {
      set.shares.push({ rule: id, matches, min: d.min, max: d.max });
    }
  }
  if (mul && add) {
    const items: number[] = [];
    for (let j = 0; j < n; j++) if (mul[j] !== 1 || add[j] !== 0) items.push(j);
    if (items.length > 0) set.boosts = { mul, add, items: Int32Array.from(items) };
  }
  set.pins.sort((a, b) => a.position - b.position || (a.rule < b.rule ? -1 : 1));
  return set;
}

async function matchesOf(match: { filter?: string; items?: string[] }, source: MatchSource, n: number, masks: MaskState[]): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  if (match.filter !== undefined) {
    const mask = await source.filters.of({ expression: parseFilter(match.filter) });
    masks.push(maskState(mask, "flips"));
    out.set(mask.allows.subarray(0, n));
  }
  if (match.items?.length) for (const j of (await source.idsOf(match.items)).values()) if (j < n) out[j] = 1;
  return out;
}

const minOf = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

/** The promotion the kernel lists apart in its one pass: the first share rule with a minimum. */
export const promotionOf = (set: RuleSet | undefined, n: number): { matches: Uint8Array; k: number } | undefined => {
  const share = set?.shares.find((s) => s.min !== undefined);
  return share && { matches: share.matches, k: Math.ceil(share.min! * n - 1e-9) };
};

/** Whether the set changes anything. */
export const isEmpty = (set: RuleSet): boolean => !set.allow && !set.boosts && set.pins.length === 0 && set.shares.length === 0 && !set.diversity;
