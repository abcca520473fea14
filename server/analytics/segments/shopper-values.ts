// The shopper values of a trained model (models/shopper-value.ts) as serving reads them:
// a shopper's profile (segment, RFM scores, churn risk, lifetime value) by internal id, in
// O(1) from the model's arrays, so a request can be targeted by segment at no cost.
import { SEGMENT_NAMES, type SegmentName } from "../../../models/rfm.js";
import { DAY_MS } from "../../../models/clv.js";
import type { ShopperValueArrays, ShopperValueParams } from "../../../models/shopper-value.js";

export interface ShopperProfile {
  segment: SegmentName;
  scores: { recency: number; frequency: number; monetary: number };
  /** Probability of no purchase in the churn horizon; null when the shop's data fitted no model. */
  churn_risk: number | null;
  /** Expected spend over the lifetime-value horizon; null likewise. */
  lifetime_value: number | null;
  purchase_days: number;
  total_spend: number;
  first_purchase: string;
  last_purchase: string;
}

const orNull = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : null);
const day = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);

export class ShopperValues {
  constructor(private readonly a: ShopperValueArrays, readonly params: ShopperValueParams) {}

  /** The shopper's segment as of the model's training; undefined: no purchase then (or a shopper since). */
  segmentOf(userId: number): SegmentName | undefined {
    const s = userId < this.a.segment.length ? this.a.segment[userId] : -1;
    return s < 0 ? undefined : SEGMENT_NAMES[s];
  }

  profileOf(userId: number): ShopperProfile | undefined {
    const segment = this.segmentOf(userId);
    if (segment === undefined) return undefined;
    const rfm = this.a.rfm[userId];
    return {
      segment,
      scores: { recency: Math.floor(rfm / 100), frequency: Math.floor(rfm / 10) % 10, monetary: rfm % 10 },
      churn_risk: orNull(this.a.churn[userId]),
      lifetime_value: orNull(this.a.clv[userId]),
      purchase_days: this.a.purchaseDays[userId],
      total_spend: Number(this.a.spend[userId].toFixed(2)),
      first_purchase: day(this.a.firstDay[userId]),
      last_purchase: day(this.a.lastDay[userId]),
    };
  }

  /** Every shopper with a segment, in internal id order. */
  *all(): Generator<{ userId: number; profile: ShopperProfile }> {
    for (let u = 0; u < this.a.segment.length; u++) {
      const profile = this.profileOf(u);
      if (profile) yield { userId: u, profile };
    }
  }
}

/** The model's shopper values, if it was trained with them. */
export function shopperValues(arrays: Record<string, Int32Array | Float32Array> | undefined, params: ShopperValueParams | undefined): ShopperValues | undefined {
  return arrays && params ? new ShopperValues(arrays as ShopperValueArrays, params) : undefined;
}
