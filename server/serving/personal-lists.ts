// GET /recommend as a pipeline of stages: the shopper (history, purchases) → what the list
// may hold (request filters, rules' exclusions) → candidates and scores for the placement
// (placements/candidates.ts: the WASM core with the rules' boosts, or the placement's own
// ranking) → diversity → share and pin rules (list-rules.ts) → presentation, with reasons
// and, on request, explanations (explain.ts).
import type { ServedList, Store } from "../store/types.js";
import type { ActiveModel } from "./active-model.js";
import type { ItemSummaries } from "./item-summaries.js";
import type { ShopperEvents } from "./shopper-histories.js";
import type { Rules } from "./rules/rules.js";
import { promotionOf } from "./rules/rule-set.js";
import { maskState } from "./mask-state.js";
import type { Placement } from "./placements/placement.js";
import { candidates, seedOf, type CandidateRequest } from "./placements/candidates.js";
import { REASON_PINNED } from "../../core-wasm/shared/reason-codes.js";
import { contextKeys } from "../segments.js";
import { PERSONAL_REASONS, reasonOf } from "./reasons.js";
import { outcomeOf, showable, type RequestFilters } from "./request-filters.js";
import { AllowPairs, scoreList } from "./score-list.js";
import { applyPins, applyShares, toRanked, type RankedList, type RankMore } from "./list-rules.js";
import { diversify, diversityPool, type ItemTraits } from "./diversity.js";
import { explainList } from "./explain.js";
import { withOverrides, type ListInputs } from "./variant.js";
import { listId } from "./list-id.js";
import type { Assignment } from "../analytics/experiments/experiments.js";
import { interleaved } from "./interleaved-list.js";
import type { KnownShopper, MadeList, Recommendation, RecommendedItem, RequestContext } from "./recommendation.js";

export interface PersonalListDeps {
  store: Store;
  filters: RequestFilters;
  rules: Rules;
  summaries: ItemSummaries;
  model(): ActiveModel;
  traits(model: ActiveModel): ItemTraits;
  /** The shopper's events (serving/shopper-histories.ts). */
  shopper(userId: number): Promise<ShopperEvents>;
  /** The shopper's segment as of the model's training (rules may name segments). */
  segmentOf(userId: number | undefined): string | undefined;
  /** Takes each list served (for attribution). */
  served?: (list: ServedList) => void;
  /** A kept model version an experiment variant pins (undefined: it cannot be served; the model in use serves). */
  modelOf?: (version: string) => Promise<ActiveModel | undefined>;
  /** The running experiments' assignment of a list (none: no experiments). */
  assign?: (placement: Placement, shopper: string | undefined, userId: number | undefined) => Promise<Assignment | undefined>;
  /** The scenario placement's candidates for a theme. */
  themed(theme: string, history: number[], k: number, accept: (j: number) => boolean): Promise<{ item: number; score: number }[]>;
}

const round = (x: number) => Number(x.toPrecision(6));

/** What every arm of a request shares: the shopper, the placement, the request's filters. */
interface Shared {
  n: number;
  placement: Placement;
  exclude: number[];
  filterAllows?: Uint8Array;
  seed?: CandidateRequest["seed"];
  contextKeys: string[];
  themed?: CandidateRequest["themed"];
}

/** One arm's list: ranked, diversified, shares and pins applied. */
interface Arm {
  list: RankedList;
  /** The candidates' own order (explanations' rank before rules). */
  before: number[];
  matched?: string[];
  pinnedBy?: Map<number, string>;
  inputs: ListInputs;
}

export class PersonalLists {
  private readonly allowPairs = new AllowPairs();

  constructor(private readonly d: PersonalListDeps) {}

  async recommend(userExtId: string | undefined, n: number, includePurchased: boolean, context: RequestContext): Promise<Recommendation> {
    const made = await this.make(userExtId, n, includePurchased, context);
    this.d.served?.(made.served);
    return made.recommendation;
  }

  /**
   * The list, and the record of it for attribution, not yet recorded (the list cache keeps
   * both; `known`: the shopper's id, events and experiment assignment it has already read).
   */
  async make(userExtId: string | undefined, n: number, includePurchased: boolean, context: RequestContext, known?: KnownShopper): Promise<MadeList> {
    const d = this.d;
    d.model();
    const placement = context.placement ?? "home";
    const userId = known ? known.userId : userExtId === undefined ? undefined : await d.store.users.idOf(userExtId);
    const shopper = known?.shopper ?? (userId === undefined ? undefined : await d.shopper(userId));
    const events = shopper ? await shopper.events() : [];
    // What is bought again is the point of buy_again.
    const purchased = !shopper || includePurchased || placement === "buy_again" ? [] : await shopper.purchased();
    const seed = placement === "product" || placement === "cart" ? await seedOf(d.store, placement, context) : undefined;
    const { excluded, filter } = await d.filters.prepare(context);
    // Read before the list is made: a change of the mask meanwhile leaves the list made under the one before.
    const filtered = filter && maskState(filter, "changes");
    const segment = d.segmentOf(userId);
    const rules = await d.rules.for(placement, segment);
    const assignment = known ? known.assignment : await d.assign?.(placement, userExtId, userId);
    // What diversity reads, as read before the list is made (as the filter's count), when an arm may diversify.
    const diversifies = rules?.diversity !== undefined || assignment?.variants.some((v) => v.overrides.diversity !== undefined);
    const categories = diversifies ? maskState(d.traits(d.model()).categories!, "flips") : undefined;
    // Only home lists a shopper without events by their context (in-context.ts).
    const attributes = placement === "home" && events.length === 0 && userExtId !== undefined ? (await d.store.users.get(userExtId))?.attributes : undefined;
    const shared: Shared = {
      n, placement, exclude: [...purchased, ...excluded, ...(seed?.items ?? [])], filterAllows: filter?.allows, seed,
      contextKeys: contextKeys({ category: context.category, attributes: { ...attributes, ...context.attributes } }),
      themed: context.theme === undefined ? undefined : (k, accept) => d.themed(context.theme!, events.map((e) => e.itemId), k, accept),
    };
    const model = d.model();
    const base: ListInputs = { model, events, params: model.historyParams, rules, memo: shopper?.memo };
    const core = base.model.core;
    // The mask may lag a change made by another process; the store's answer is final, and
    // an item it refuses is masked here too, so one retry gives a full list.
    for (let attempt = 0; ; attempt++) {
      const arms: Arm[] = [];
      for (const v of assignment?.variants ?? [undefined]) {
        const pin = v?.overrides.model_version;
        const pinned = pin === undefined ? undefined : await d.modelOf?.(pin);
        const only = v?.overrides.rules;
        const own = Array.isArray(only) ? { rules: await d.rules.for(placement, segment, only) } : {};
        arms.push(await this.arm(shared, withOverrides({ ...base, ...(pinned && { model: pinned }), ...own }, v?.overrides)));
      }
      // An A/B variant may score with a pinned version: the list names the model that made it.
      const version = arms.length === 1 ? arms[0].inputs.model.manifest.version : base.model.manifest.version;
      const id = listId();
      const { list, teams } = arms.length === 2 ? interleaved(arms.map((a) => a.list), id) : { list: arms[0].list, teams: undefined };
      const shown = await this.present(list, arms, teams, shared, context);
      if (shown.items.length < n && shown.refused > 0 && attempt === 0) continue;
      const served = {
        id, ts: Date.now(), userId: userId ?? null, placement, variant: assignment?.key ?? null, modelVersion: version,
        items: shown.ids, teams: teams && shown.teams,
      };
      const recommendation = {
        user: userExtId ?? null,
        placement,
        ...(assignment && { variant: { experiment: assignment.experiment, variant: assignment.key.slice(assignment.experiment.length + 1) } }),
        model_version: version,
        recommendation_id: id,
        personalized: shown.items.some((i) => PERSONAL_REASONS.has(i.reason.type)),
        items: shown.items,
        ...outcomeOf(filter, core),
      };
      // A context ranks the model's popularity by segment, a page's items seed the scores, exclusions and rules' matches
      // (a variant's own too) narrow what the list may show, diversity reads the candidates' categories: its items, the
      // page's, its filter's and rules' masks, the categories, and items entering say what changes it. A theme reads the
      // catalogue's text; a cart id the store does not know yet may name an item created later.
      const unresolved = placement === "cart" && seed!.items.length < new Set(context.items).size;
      const wide = placement === "scenario" || unresolved || context.theme !== undefined;
      const masks = [
        ...(filtered ? [filtered] : []), ...new Set(arms.flatMap((a) => a.inputs.rules?.masks ?? [])),
        ...(categories && arms.some((a) => a.inputs.rules?.diversity) ? [categories] : []),
      ];
      return { recommendation, served, validUntil: d.rules.nextChange(), wide, masks, watched: seed?.items ?? [] };
    }
  }

  /** Candidates and scores for the placement → diversity → shares → pins. */
  private async arm(s: Shared, inputs: ListInputs): Promise<Arm> {
    const { model, events, params, rules, memo } = inputs;
    const { n, exclude } = s;
    const core = model.core;
    const allow = this.allowPairs.of(s.filterAllows, rules?.allow);
    const hidden = new Set(exclude);
    const admits = (j: number) => !hidden.has(j) && showable(core, j) && (!allow || allow[j] === 1);
    const boosts = rules?.boosts;
    const promotion = promotionOf(rules, n);
    const more: RankMore = async (mask, seen, k) => toRanked(scoreList(model, events, params, { k, exclude: seen, allow: mask, boosts, seed: s.seed }, memo));
    const reserve = n + Math.max(10, n >> 1);
    const found = await candidates({
      model, events, params, memo, placement: s.placement, k: rules?.diversity ? diversityPool(n) : reserve, exclude, allow, boosts, promotion, admits, seed: s.seed,
      contextKeys: s.contextKeys, themed: s.themed, now: Date.now(),
    });
    let list = found.list;
    if (rules?.diversity) list = diversify(list, reserve, rules.diversity, this.d.traits(model));
    const promoted = promotion && found.kernel?.promoted && { matches: promotion.matches, list: toRanked(found.kernel.promoted) };
    if (rules?.shares.length) list = await applyShares(list, n, rules.shares, allow, exclude, more, promoted);
    const pinned = rules?.pins.length ? applyPins(list, n, rules.pins, admits) : undefined;
    return { list: pinned?.list ?? list, before: found.list.items, matched: found.matched, pinnedBy: pinned?.pinnedBy, inputs };
  }

  /** The first n items the store still lets the list show, with reasons and, on request, explanations. */
  private async present(list: RankedList, arms: Arm[], teams: Uint8Array | undefined, s: Shared, context: RequestContext) {
    const first = arms[0];
    const { model, events, params, rules } = first.inputs;
    // An interleaved list mixes two rankings: an explanation would take apart only one.
    const explained = context.explain && !teams ? explainList(model, events, params, list, rules?.boosts, s.seed) : undefined;
    const summaries = await this.d.summaries.of([...new Set([...list.items, ...list.reasons.filter((r) => r >= 0), ...(explained ?? []).flatMap((e) => e.because.map((b) => b.item))])]);
    const items: RecommendedItem[] = [];
    const ids: number[] = [];
    let shownTeams = "";
    let refused = 0;
    for (let r = 0; r < list.items.length && items.length < s.n; r++) {
      const j = list.items[r];
      const summary = summaries.get(j);
      if (!summary?.recommendable) {
        model.core.setUnavailable(j, true);
        refused++;
        continue;
      }
      const arm = arms[teams?.[r] ?? 0];
      const reason = reasonOf(list.reasons[r], j, summaries, { segments: arm.matched, pinnedBy: arm.pinnedBy, theme: context.theme });
      const item: RecommendedItem = { id: summary.extId, title: summary.title, score: round(list.scores[r]), reason };
      const e = explained?.[r];
      if (e) {
        const before = first.before.indexOf(j);
        item.explain = {
          contributions: Object.fromEntries(Object.entries(e.contributions).map(([k, v]) => [k, round(v)])),
          because: e.because.map((b) => ({ item: summaries.get(b.item)?.extId ?? String(b.item), title: summaries.get(b.item)?.title ?? null, contribution: round(b.contribution) })),
          rank_before_rules: before >= 0 && list.reasons[r] !== REASON_PINNED ? before + 1 : null,
        };
      }
      items.push(item);
      ids.push(j);
      if (teams) shownTeams += teams[r] ? "b" : "a";
    }
    return { items, ids, teams: shownTeams, refused };
  }
}
