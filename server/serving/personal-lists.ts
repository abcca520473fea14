// GET /recommend as a pipeline of stages: the shopper (history, purchases) → what the list
// may hold (request filters, rules' exclusions) → candidates and scores for the placement
// (placements/candidates.ts: the WASM core with the rules' boosts, or the placement's own
// ranking) → diversity → share and pin rules (list-rules.ts) → presentation, with reasons
// and, on request, explanations (explain.ts).
import { randomUUID } from "node:crypto";
import type { HistoryEvent, ServedList, Store } from "../store/types.js";
import type { HistoryParams } from "../../models/history.js";
import type { ActiveModel } from "./active-model.js";
import type { ItemSummaries } from "./item-summaries.js";
import type { Rules } from "./rules/rules.js";
import { promotionOf } from "./rules/rule-set.js";
import type { Placement, PlacementInput } from "./placements/placement.js";
import { candidates, seedOf, type CandidateRequest } from "./placements/candidates.js";
import { REASON_PINNED } from "../../core-wasm/shared/reason-codes.js";
import { contextKeys } from "../segments.js";
import { PERSONAL_REASONS, reasonOf, type Reason } from "./reasons.js";
import { outcomeOf, showable, type FilterOutcome, type ListFilters, type RequestFilters } from "./request-filters.js";
import { AllowPairs, scoreList } from "./score-list.js";
import { applyPins, applyShares, toRanked, type RankMore } from "./list-rules.js";
import { diversify, diversityPool, type ItemTraits } from "./diversity.js";
import { explainList, type Contribution } from "./explain.js";

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

export interface Recommendation {
  user: string | null;
  placement: Placement;
  model_version: string;
  recommendation_id: string;
  personalized: boolean;
  items: RecommendedItem[];
  /** Present when the request named a filter (category, price, stock): the list holds only what passed. */
  filter?: FilterOutcome;
}

export interface PersonalListDeps {
  store: Store;
  filters: RequestFilters;
  rules: Rules;
  summaries: ItemSummaries;
  historyParams: HistoryParams;
  model(): ActiveModel;
  traits(model: ActiveModel): ItemTraits;
  history(userId: number): Promise<HistoryEvent[]>;
  purchased(userId: number, history: HistoryEvent[]): Promise<number[]>;
  /** Takes each list served (for attribution). */
  served?: (list: ServedList) => void;
  /** The scenario placement's candidates for a theme. */
  themed(theme: string, history: number[], k: number, accept: (j: number) => boolean): Promise<{ item: number; score: number }[]>;
}

const round = (x: number) => Number(x.toPrecision(6));

export class PersonalLists {
  private readonly allowPairs = new AllowPairs();

  constructor(private readonly d: PersonalListDeps) {}

  async recommend(userExtId: string | undefined, n: number, includePurchased: boolean, context: RequestContext): Promise<Recommendation> {
    const d = this.d;
    d.model();
    const placement = context.placement ?? "home";
    const userId = userExtId === undefined ? undefined : await d.store.users.idOf(userExtId);
    const events = userId === undefined ? [] : await d.history(userId);
    // What is bought again is the point of buy_again.
    const purchased = userId === undefined || includePurchased || placement === "buy_again" ? [] : await d.purchased(userId, events);
    const seed = placement === "product" || placement === "cart" ? await seedOf(d.store, placement, context) : undefined;
    const { excluded, filter } = await d.filters.prepare(context);
    const rules = await d.rules.for(placement);
    // Only home lists a shopper without events by their context (in-context.ts).
    const attributes = placement === "home" && events.length === 0 && userExtId !== undefined ? (await d.store.users.get(userExtId))?.attributes : undefined;
    const exclude = [...purchased, ...excluded, ...(seed?.items ?? [])];
    const model = d.model();
    const core = model.core;
    const allow = this.allowPairs.of(filter?.allows, rules?.allow);
    const hidden = new Set(exclude);
    const admits = (j: number) => !hidden.has(j) && showable(core, j) && (!allow || allow[j] === 1);
    const boosts = rules?.boosts;
    const promotion = promotionOf(rules, n);
    const more: RankMore = async (mask, seen, k) => toRanked(scoreList(model, events, d.historyParams, { k, exclude: seen, allow: mask, boosts, seed }));
    const reserve = n + Math.max(10, n >> 1);
    const input: CandidateRequest = {
      model, events, params: d.historyParams, placement, k: rules?.diversity ? diversityPool(n) : reserve, exclude, allow, boosts, promotion, admits, seed,
      contextKeys: contextKeys({ category: context.category, attributes: { ...attributes, ...context.attributes } }),
      themed: context.theme === undefined ? undefined : (k, accept) => d.themed(context.theme!, events.map((e) => e.itemId), k, accept),
      now: Date.now(),
    };
    // The mask may lag a change made by another process; the store's answer is final, and
    // an item it refuses is masked here too, so one retry gives a full list.
    for (let attempt = 0; ; attempt++) {
      const found = await candidates(input);
      let list = found.list;
      if (rules?.diversity) list = diversify(list, reserve, rules.diversity, d.traits(model));
      const promoted = promotion && found.kernel?.promoted && { matches: promotion.matches, list: toRanked(found.kernel.promoted) };
      if (rules?.shares.length) list = await applyShares(list, n, rules.shares, allow, exclude, more, promoted);
      const pinned = rules?.pins.length ? applyPins(list, n, rules.pins, admits) : undefined;
      list = pinned?.list ?? list;
      const explained = context.explain ? explainList(model, events, d.historyParams, list, boosts, seed) : undefined;
      const summaries = await d.summaries.of([...new Set([...list.items, ...list.reasons.filter((r) => r >= 0), ...(explained ?? []).flatMap((e) => e.because.map((b) => b.item))])]);
      const items: RecommendedItem[] = [];
      const shown: number[] = [];
      let refused = 0;
      for (let r = 0; r < list.items.length && items.length < n; r++) {
        const j = list.items[r];
        const s = summaries.get(j);
        if (!s?.recommendable) {
          core.setUnavailable(j, true);
          refused++;
          continue;
        }
        const reason = reasonOf(list.reasons[r], j, summaries, { segments: found.matched, pinnedBy: pinned?.pinnedBy, theme: context.theme });
        const item: RecommendedItem = { id: s.extId, title: s.title, score: round(list.scores[r]), reason };
        const e = explained?.[r];
        if (e) {
          const before = found.list.items.indexOf(j);
          item.explain = {
            contributions: Object.fromEntries(Object.entries(e.contributions).map(([k, v]) => [k, round(v)])),
            because: e.because.map((b) => ({ item: summaries.get(b.item)?.extId ?? String(b.item), title: summaries.get(b.item)?.title ?? null, contribution: round(b.contribution) })),
            rank_before_rules: before >= 0 && list.reasons[r] !== REASON_PINNED ? before + 1 : null,
          };
        }
        items.push(item);
        shown.push(j);
      }
      if (items.length < n && refused > 0 && attempt === 0) continue;
      const id = randomUUID();
      d.served?.({ id, ts: Date.now(), userId: userId ?? null, placement, variant: null, modelVersion: model.manifest.version, items: shown });
      return {
        user: userExtId ?? null,
        placement,
        model_version: model.manifest.version,
        recommendation_id: id,
        personalized: items.some((i) => PERSONAL_REASONS.has(i.reason.type)),
        items,
        ...outcomeOf(filter, core),
      };
    }
  }
}
