// GET /recommend/why-not?user=U&item=I: why an item is not in a shopper's list — deleted,
// out of stock, already bought, excluded by the request or by which rule, filtered out,
// unknown to the model, moved out by diversity or a share, or simply ranked below the
// last item shown: then its rank and score against that item's, with its contributions.
import type { ActiveModel } from "./active-model.js";
import type { PersonalListDeps, PersonalLists } from "./personal-lists.js";
import type { RequestContext } from "./recommendation.js";
import { scoreList, type ListRequest } from "./score-list.js";
import type { HistoryEvent } from "../store/types.js";
import { explainList, type Contribution } from "./explain.js";
import { toRanked } from "./list-rules.js";
import { seedOf } from "./placements/candidates.js";
import { notFound } from "../errors.js";

export type Verdict =
  | "shown" | "deleted" | "out_of_stock" | "already_bought" | "excluded_by_request" | "filtered" | "excluded_by_rule"
  | "not_in_model" | "moved_by_rules" | "ranked_below";

export interface WhyNotAnswer {
  user: string | null;
  item: string;
  model_version: string;
  verdict: Verdict;
  message: string;
  /** Its place in the list when shown (1-based). */
  position?: number;
  /** The exclude rules that hide it. */
  rules?: string[];
  /** Its place in the model's ranking before rules moved anything (null: below the first `searched`). */
  rank?: number | null;
  searched?: number;
  score?: number;
  last_shown_score?: number | null;
  contributions?: Partial<Record<Contribution, number>>;
}

const round = (x: number) => Number(x.toPrecision(6));

export class WhyNot {
  constructor(private readonly d: PersonalListDeps, private readonly lists: PersonalLists) {}

  async answer(userExtId: string | undefined, itemExtId: string, n: number, includePurchased: boolean, context: RequestContext): Promise<WhyNotAnswer> {
    const d = this.d;
    const itemId = await d.store.items.idOf(itemExtId);
    if (itemId === undefined) throw notFound("unknown_item", `no item with id "${itemExtId}"`);
    const list = await this.lists.recommend(userExtId, n, includePurchased, { ...context, explain: false });
    const base = { user: userExtId ?? null, item: itemExtId, model_version: list.model_version };
    const say = (verdict: Verdict, message: string, more: Partial<WhyNotAnswer> = {}): WhyNotAnswer => ({ ...base, verdict, message, ...more });
    const position = list.items.findIndex((i) => i.id === itemExtId);
    if (position >= 0) return say("shown", `shown at position ${position + 1} of ${list.items.length}`, { position: position + 1 });

    const record = await d.store.items.get(itemExtId);
    if ((await d.store.items.liveIdOf(itemExtId)) === undefined || !record) return say("deleted", "the item is deleted: never recommended");
    if (!record.available) return say("out_of_stock", "the item's stock is 0: never recommended until it is back");
    const userId = userExtId === undefined ? undefined : await d.store.users.idOf(userExtId);
    const shopper = userId === undefined ? undefined : await d.shopper(userId);
    const events = shopper ? await shopper.events() : [];
    const purchased = !shopper || includePurchased ? [] : await shopper.purchased();
    if (purchased.includes(itemId)) {
      return say("already_bought", "the shopper bought it: lists leave out what they bought (include_purchased=true allows it)");
    }
    if (context.exclude?.includes(itemExtId)) return say("excluded_by_request", "the request's exclude list names it");
    const { filter, excluded } = await d.filters.prepare(context);
    if (filter && filter.allows[itemId] !== 1) return say("filtered", "the request's filter (category, price, stock or expression) leaves it out");
    const rules = await d.rules.for(context.placement, d.segmentOf(userId));
    const hiding = (rules?.exclusions ?? []).filter((e) => e.matches[itemId] === 1).map((e) => e.rule);
    if (hiding.length > 0) return say("excluded_by_rule", `excluded by rule ${hiding.map((r) => `"${r}"`).join(", ")}`, { rules: hiding });

    const model = d.model();
    const placement = context.placement ?? "home";
    if (placement === "buy_again" || placement === "trending" || placement === "scenario") {
      return say("ranked_below", `the ${placement} placement ranks by its own measure (README: Placements) and does not place it within ${n}`);
    }
    if (itemId >= model.core.n && !model.content?.unitVector(itemId)) {
      return say("not_in_model", "a product posted since the last training whose text is not embedded yet: it is listed once it is (seconds), or after the next training");
    }
    const allow = rules?.allow && filter ? rules.allow.map((a, j) => a & filter.allows[j]) : rules?.allow ?? filter?.allows;
    const seed = await seedOf(d.store, placement, context);
    const request = { k: model.core.limits.maxResults, exclude: [...purchased, ...excluded, ...(seed?.items ?? [])], allow, boosts: rules?.boosts, seed };
    return this.ranked(model, events, itemId, n, list.items.at(-1)?.score ?? null, request, say);
  }

  /** Where the model ranks the item for this shopper, and what makes up its score. */
  private ranked(
    model: ActiveModel, events: HistoryEvent[], itemId: number, n: number, lastShown: number | null,
    request: ListRequest, say: (v: Verdict, m: string, more?: Partial<WhyNotAnswer>) => WhyNotAnswer,
  ): WhyNotAnswer {
    const searched = request.k;
    const boosts = request.boosts;
    const scored = toRanked(scoreList(model, events, model.historyParams, request));
    const at = scored.items.indexOf(itemId);
    const [explained] = explainList(model, events, model.historyParams, { items: [itemId], scores: [at >= 0 ? scored.scores[at] : NaN], reasons: [at >= 0 ? scored.reasons[at] : -1] }, boosts, request.seed);
    const score = at >= 0 ? scored.scores[at] : Object.values(explained.contributions).reduce((s, c) => s + c, 0);
    const contributions = Object.fromEntries(Object.entries(explained.contributions).map(([k, v]) => [k, round(v)]));
    const figures = { rank: at >= 0 ? at + 1 : null, searched, score: round(score), last_shown_score: lastShown, contributions };
    if (at >= 0 && at < n) return say("moved_by_rules", `the model ranks it ${at + 1}: diversity, a share or a pin rule moved it out`, figures);
    const place = at >= 0 ? `ranks ${at + 1}` : `is not in the top ${searched}`;
    return say("ranked_below", `it ${place}; its score ${round(score)} is below the last item shown (${lastShown ?? "none"})`, figures);
  }
}
