// What GET /recommend answers, and what a list is made from and kept with: the shapes the
// serving stages (personal-lists.ts), the list cache and the route share.
import type { ServedList } from "../store/types.js";
import type { Placement, PlacementInput } from "./placements/placement.js";
import type { Reason } from "./reasons.js";
import type { FilterOutcome, ListFilters } from "./request-filters.js";
import type { Contribution } from "./explain.js";
import type { Assignment } from "../analytics/experiments/experiments.js";
import type { ShopperEvents } from "./shopper-histories.js";
import type { MaskState } from "./mask-state.js";

/** What a request says about where the shopper is (the page's category, their attributes), and what the list may hold. */
export interface RequestContext extends ListFilters, Partial<PlacementInput> {
  attributes?: Record<string, unknown>;
  /** Each item's score taken apart by source (explain.ts). */
  explain?: boolean;
}

export interface Explanation {
  contributions: Partial<Record<Contribution, number>>;
  because: { item: string; title: string | null; contribution: number }[];
  /** Its place in the placement's ranking before diversity, shares and pins (1-based); null: placed by a rule from beyond it. */
  rank_before_rules: number | null;
}

export interface RecommendedItem {
  id: string;
  title: string | null;
  score: number;
  reason: Reason;
  explain?: Explanation;
}

/** The experiment a list took part in (analytics/experiments). */
export interface ServedVariant {
  experiment: string;
  /** The shopper's variant, or "interleaved" (a list mixing two). */
  variant: string;
}

export interface Recommendation {
  user: string | null;
  placement: Placement;
  variant?: ServedVariant;
  model_version: string;
  recommendation_id: string;
  personalized: boolean;
  items: RecommendedItem[];
  /** Present when the request named a filter (category, price, stock): the list holds only what passed. */
  filter?: FilterOutcome;
}

/** What a caller already read of the shopper: their internal id, their events and the request's experiment assignment. */
export interface KnownShopper {
  userId: number | undefined;
  shopper?: ShopperEvents;
  assignment: Assignment | undefined;
}

/** A list made, the record of it for attribution, and until when the rules that shaped it hold. */
export interface MadeList {
  recommendation: Recommendation;
  served: ServedList;
  validUntil: number;
  /** Whether the catalogue shaped the list beyond the items it holds, the page's items and the masks it read (a scenario's theme, a cart naming an id the store does not know): then any change to it may change the list. */
  wide: boolean;
  /** Items besides those shown whose change may change the list: a product or cart page's own. */
  watched: readonly number[];
  /** The filter masks the list was made under — the request's filter, its rules' matches, and the items' categories under diversity — with their counts then: the list holds while they stay. */
  masks: MaskState[];
}
