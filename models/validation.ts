// Validation cases, on which training fits what the data decides (the hybrid's weights,
// history decay and length). Two protocols, as a shop may be served and measured:
// - time: the newest events are the future. For a sample of shoppers active on both
//   sides of a cutoff, their history before it and the new items they touched after it.
// - random-user: a seeded fifth of a sample of shoppers' items is held out; their other
//   items are the history. What a split without usable timestamps (or a random one) asks.
// The validation models train only on what no case may see (`ValidationSplit.trains`).
// Cases are never drawn from an evaluation's test file.
import { eventEvidence, isLiked, scaleOfEvents } from "./event-types.js";
import { foldInHistory, weightHistory, type HistoryEventLike, type HistoryParams } from "./history.js";
import { hashUnit, seededRandom } from "./random.js";

export type ValidationProtocol = "time" | "random-user" | "time+random-user";

/** Share of a sampled shopper's items held out by the random-user protocol. */
export const HOLDOUT_SHARE = 0.2;

export interface ValidationPlan {
  protocol: ValidationProtocol;
  /** Events at or after it are the time protocol's future (time protocols only). */
  cutoff?: number;
  /** Probability that a shopper is sampled for holding out (random-user protocols only). */
  userShare: number;
  seed: number;
  /** Share of shoppers (two events or more) active on several days: what the automatic choice read. */
  multiDayShare?: number;
}

export interface ValidationCase {
  histItems: Int32Array;
  histWeights: Float32Array;
  /** Distinct history items and their iALS confidences, for folding the shopper in. */
  foldItems: Int32Array;
  foldConf: Float32Array;
  exclude: Int32Array;
  relevant: Int32Array;
  /** The events of the history, newest first: re-weighted when decay and length are searched. */
  events: HistoryEventLike[];
}

/** Which events the validation models may learn from. */
export class ValidationSplit {
  readonly cutoff: number;
  private readonly holdout: boolean;

  constructor(readonly plan: ValidationPlan) {
    this.cutoff = plan.protocol === "random-user" ? Infinity : plan.cutoff!;
    this.holdout = plan.protocol !== "time";
  }

  /** A (shopper, item) pair held out of a sampled shopper's history. */
  heldOut(user: number, item: number): boolean {
    return this.holdout && hashUnit(this.plan.seed, user) < this.plan.userShare && hashUnit(this.plan.seed + 1, user, item) < HOLDOUT_SHARE;
  }

  trains(user: number, item: number, ts: number): boolean {
    return ts < this.cutoff && !this.heldOut(user, item);
  }
}

/** Newest events of a case kept for re-weighting: the most any history-length setting reads. */
const MAX_CASE_EVENTS = 1000;

type CaseParams = HistoryParams & { factorAlpha: number };

/** A seeded uniform sample of at most max cases (reservoir sampling). */
class Reservoir {
  readonly cases: ValidationCase[] = [];
  private seen = 0;
  constructor(private readonly max: number, private readonly random: () => number) {}

  offer(make: () => ValidationCase): void {
    const slot = this.seen++ < this.max ? this.cases.length : Math.floor(this.random() * this.seen);
    if (slot < this.max) this.cases[slot] = make();
  }
}

export class ValidationCollector {
  private readonly future: Reservoir;
  private readonly heldCases: Reservoir;
  private current = -1;
  private early: HistoryEventLike[] = [];
  /** The shopper's events after the cutoff (late) and held out (held): the cases' answers. */
  private late: HistoryEventLike[] = [];
  private held: HistoryEventLike[] = [];

  constructor(private readonly split: ValidationSplit, maxCases: number, private readonly params: CaseParams) {
    const random = seededRandom(split.plan.seed);
    this.future = new Reservoir(maxCases, random);
    this.heldCases = new Reservoir(maxCases, random);
  }

  /** Events must arrive grouped by user, oldest first within a user. */
  add(user: number, item: number, type: number, value: number | null, ts: number): void {
    if (user !== this.current) {
      this.flush();
      this.current = user;
    }
    const event = { itemId: item, type, value, ts };
    if (this.split.trains(user, item, ts)) this.early.push(event);
    else if (ts >= this.split.cutoff) this.late.push(event);
    else this.held.push(event);
  }

  private flush(): void {
    if (this.early.length > 0) {
      const touched = new Set(this.early.map((e) => e.itemId));
      const heldItems = new Set(this.held.map((e) => e.itemId));
      const scale = scaleOfEvents([...this.early, ...this.late, ...this.held]);
      const liked = (events: HistoryEventLike[], skip: Set<number>) => [
        ...new Set(events.filter((e) => !skip.has(e.itemId) && !touched.has(e.itemId) && isLiked(e.type, e.value, scale)).map((e) => e.itemId)),
      ];
      const future = liked(this.late, heldItems);
      if (future.length > 0) this.future.offer(() => this.makeCase(future));
      const held = liked(this.held, new Set());
      if (held.length > 0) this.heldCases.offer(() => this.makeCase(held));
    }
    this.early = [];
    this.late = [];
    this.held = [];
  }

  private makeCase(relevant: number[]): ValidationCase {
    const events = this.early.slice(-MAX_CASE_EVENTS).reverse();
    // As an evaluation ranks: every item the history touched is left out, as relevant items are.
    const touched = new Set(this.early.map((e) => e.itemId));
    return { ...historyOfCase(events, this.params), exclude: Int32Array.from(touched), relevant: Int32Array.from(relevant), events };
  }

  build(): ValidationCase[] {
    this.flush();
    return [...this.future.cases, ...this.heldCases.cases];
  }

  /** How many cases each protocol gave. */
  counts(): { time: number; randomUser: number } {
    return { time: this.future.cases.length, randomUser: this.heldCases.cases.length };
  }
}

/** A case's weighted history and fold-in under history parameters (newest-first events). */
export function historyOfCase(events: HistoryEventLike[], params: CaseParams): Pick<ValidationCase, "histItems" | "histWeights" | "foldItems" | "foldConf"> {
  const { items, weights } = weightHistory(events, params);
  const fold = foldInHistory(events.slice(0, params.maxHistory), params.weightsByCode, params.factorAlpha);
  return { histItems: items, histWeights: weights, foldItems: fold.items, foldConf: fold.conf };
}

/** Whether a history (newest-first events) holds an item the shopper disliked: a rating under their scale. */
export function hasDislikes(events: HistoryEventLike[], weightsByCode: Float64Array): boolean {
  const scale = scaleOfEvents(events);
  return events.some((e) => eventEvidence(e.type, e.value, weightsByCode, scale) < 0);
}
