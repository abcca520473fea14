// Every shopper's value as of a time, built in the training pass: purchases stream in
// grouped by shopper, oldest first, and each shopper keeps five numbers (first and last
// purchase day, purchase days, total spend, the first day's spend). At the end BG/NBD and
// Gamma–Gamma are fitted over all shoppers who bought (churn risk, lifetime value), RFM
// quintiles are taken among them, and each gets a named segment (rfm.ts).
import { churnRisk, DAY_MS, fitBgNbd, fitGammaGamma, lifetimeValue, type BgNbdParams, type GammaGammaParams, type PurchaseSummary } from "./clv.js";
import { activityOf, namedSegment, rfmScores, SEGMENT_NAMES, type SegmentName, type SegmentThresholds } from "./rfm.js";

export interface ShopperValueOptions {
  thresholds: SegmentThresholds;
  /** Churn risk: the probability of no purchase in this many days. */
  churnDays: number;
  /** Lifetime value: expected spend over this many days. */
  clvDays: number;
}

/** Per internal shopper id; shoppers without a purchase have segment -1. */
export interface ShopperValueArrays {
  [name: string]: Int32Array | Float32Array;
  /** Index into SEGMENT_NAMES, or -1. */
  segment: Int32Array;
  /** recency × 100 + frequency × 10 + monetary scores (1–5 each); 0 without purchases. */
  rfm: Int32Array;
  churn: Float32Array;
  clv: Float32Array;
  spend: Float32Array;
  purchaseDays: Int32Array;
  /** Days since the Unix epoch. */
  firstDay: Int32Array;
  lastDay: Int32Array;
}

export interface ShopperValueParams {
  asOf: string;
  shoppers: number;
  churnDays: number;
  clvDays: number;
  bgNbd: BgNbdParams | null;
  gammaGamma: GammaGammaParams | null;
  thresholds: SegmentThresholds;
  /** Shoppers and total spend per segment. */
  segments: Record<SegmentName, { shoppers: number; spend: number }>;
}

const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
const NONE = -1;
/** The least data the two models are fitted on: buyers, and buyers with a second purchase day. */
const MIN_BUYERS = 100;
const MIN_REPEAT_BUYERS = 20;

export class ShopperValueBuilder {
  private readonly firstDay: Int32Array;
  private readonly lastDay: Int32Array;
  private readonly days: Int32Array;
  private readonly spend: Float64Array;
  private readonly firstSpend: Float64Array;

  /** @param prices each item's price (0: none): a purchase is worth value (1 if absent) × price. */
  constructor(private readonly numUsers: number, private readonly prices: Float32Array, private readonly purchaseCode: number, private readonly asOf: number) {
    this.firstDay = new Int32Array(numUsers).fill(NONE);
    this.lastDay = new Int32Array(numUsers).fill(NONE);
    this.days = new Int32Array(numUsers);
    this.spend = new Float64Array(numUsers);
    this.firstSpend = new Float64Array(numUsers);
  }

  /** One event; a shopper's events must come oldest first. Purchases after `asOf` are left out. */
  add(user: number, item: number, type: number, value: number | null, ts: number): void {
    if (type !== this.purchaseCode || ts > this.asOf || user >= this.numUsers) return;
    const day = dayOf(ts);
    const worth = (value ?? 1) * (this.prices[item] ?? 0);
    if (this.firstDay[user] === NONE) this.firstDay[user] = day;
    if (this.lastDay[user] !== day) this.days[user]++;
    this.lastDay[user] = day;
    this.spend[user] += worth;
    if (day === this.firstDay[user]) this.firstSpend[user] += worth;
  }

  private summary(u: number): PurchaseSummary {
    const frequency = this.days[u] - 1;
    return {
      frequency, recency: this.lastDay[u] - this.firstDay[u], age: dayOf(this.asOf) - this.firstDay[u],
      monetary: frequency > 0 ? (this.spend[u] - this.firstSpend[u]) / frequency : 0,
    };
  }

  build(o: ShopperValueOptions): { arrays: ShopperValueArrays; params: ShopperValueParams } {
    const buyers: number[] = [];
    for (let u = 0; u < this.numUsers; u++) if (this.days[u] > 0) buyers.push(u);
    const summaries = buyers.map((u) => this.summary(u));
    // Too few buyers or repeat buyers fit no model (a dozen give absurd parameters):
    // segments then rest on days and scores, and churn risk and value are left unknown.
    const repeaters = summaries.filter((c) => c.frequency > 0).length;
    const fits = summaries.length >= MIN_BUYERS && repeaters >= MIN_REPEAT_BUYERS;
    const bg = fits ? attempt(() => fitBgNbd(summaries)) : null;
    const gg = fits ? attempt(() => fitGammaGamma(summaries)) : null;
    const activity = buyers.map((u, i) => activityOf(summaries[i], this.spend[u]));
    const scores = rfmScores(activity);
    const n = this.numUsers;
    const arrays: ShopperValueArrays = {
      segment: new Int32Array(n).fill(NONE), rfm: new Int32Array(n), churn: new Float32Array(n).fill(NaN), clv: new Float32Array(n).fill(NaN),
      spend: Float32Array.from(this.spend), purchaseDays: Int32Array.from(this.days), firstDay: Int32Array.from(this.firstDay), lastDay: Int32Array.from(this.lastDay),
    };
    const segments = Object.fromEntries(SEGMENT_NAMES.map((s) => [s, { shoppers: 0, spend: 0 }])) as ShopperValueParams["segments"];
    buyers.forEach((u, i) => {
      const c = summaries[i];
      const churn = bg ? churnRisk(bg, c, o.churnDays) : undefined;
      const segment = namedSegment(activity[i], scores[i], churn, o.thresholds);
      arrays.segment[u] = SEGMENT_NAMES.indexOf(segment);
      arrays.rfm[u] = scores[i].recency * 100 + scores[i].frequency * 10 + scores[i].monetary;
      if (churn !== undefined) arrays.churn[u] = churn;
      if (bg && gg) arrays.clv[u] = attempt(() => lifetimeValue(bg, gg, c, o.clvDays)) ?? NaN;
      segments[segment].shoppers++;
      segments[segment].spend += this.spend[u];
    });
    const params: ShopperValueParams = {
      asOf: new Date(this.asOf).toISOString(), shoppers: buyers.length, churnDays: o.churnDays, clvDays: o.clvDays,
      bgNbd: bg && { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b }, gammaGamma: gg && { p: gg.p, q: gg.q, v: gg.v }, thresholds: o.thresholds, segments,
    };
    return { arrays, params };
  }
}

function attempt<T>(fit: () => T): T | null {
  try {
    return fit();
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}
