// The per-variant figures of an experiment or attribution report, each a ratio of
// per-shopper sums (ratio.ts): click-through, add-to-cart and conversion rates of the
// lists, revenue per thousand lists and average order value.
import type { ListOutcome } from "../attribution.js";
import { compareRatios, estimate, RatioSums, type RatioComparison, type RatioEstimate } from "./ratio.js";

export const METRICS = ["ctr", "add_to_cart_rate", "conversion_rate", "revenue_per_mille", "average_order_value"] as const;
export type MetricName = (typeof METRICS)[number];
const SCALE: Record<MetricName, number> = { ctr: 1, add_to_cart_rate: 1, conversion_rate: 1, revenue_per_mille: 1000, average_order_value: 1 };

interface UnitSums {
  lists: number;
  clicked: number;
  carted: number;
  bought: number;
  revenue: number;
  purchases: number;
}

/** One group's lists (a variant, a placement), summed per shopper as they come. */
export class GroupTally {
  lists = 0;
  clicks = 0;
  purchases = 0;
  revenue = 0;
  private readonly units = new Map<string, UnitSums>();

  add(o: ListOutcome): void {
    this.lists++;
    this.clicks += o.clicks;
    this.purchases += o.purchases;
    this.revenue += o.revenue;
    // A list of an unknown shopper is a unit of its own.
    const key = o.list.userId === null ? `list:${o.list.id}` : `user:${o.list.userId}`;
    let u = this.units.get(key);
    if (!u) this.units.set(key, (u = { lists: 0, clicked: 0, carted: 0, bought: 0, revenue: 0, purchases: 0 }));
    u.lists++;
    u.clicked += o.clicks > 0 ? 1 : 0;
    u.carted += o.carts > 0 ? 1 : 0;
    u.bought += o.purchases > 0 ? 1 : 0;
    u.revenue += o.revenue;
    u.purchases += o.purchases;
  }

  get shoppers(): number {
    return this.units.size;
  }

  /** The group's counts and metrics; given the control's sums, each metric compared with it. */
  figures(control?: Record<MetricName, RatioSums>, sums = this.sums()): GroupFigures {
    return { lists: this.lists, shoppers: this.shoppers, clicks: this.clicks, purchases: this.purchases, revenue: Number(this.revenue.toFixed(2)), metrics: figures(sums, control) };
  }

  sums(): Record<MetricName, RatioSums> {
    const s = Object.fromEntries(METRICS.map((m) => [m, new RatioSums()])) as Record<MetricName, RatioSums>;
    for (const u of this.units.values()) {
      s.ctr.add(u.clicked, u.lists);
      s.add_to_cart_rate.add(u.carted, u.lists);
      s.conversion_rate.add(u.bought, u.lists);
      s.revenue_per_mille.add(u.revenue, u.lists);
      s.average_order_value.add(u.revenue, u.purchases);
    }
    return s;
  }
}

export type MetricFigure = RatioEstimate & { vs_control?: RatioComparison };

/** What a group of lists earned (a variant, a placement, a model version). */
export interface GroupFigures {
  lists: number;
  shoppers: number;
  clicks: number;
  purchases: number;
  revenue: number;
  metrics: Record<MetricName, MetricFigure>;
}

/** Each metric's value and 95% interval, and, given the control's sums, the comparison with it. */
export function figures(sums: Record<MetricName, RatioSums>, control?: Record<MetricName, RatioSums>): Record<MetricName, MetricFigure> {
  return Object.fromEntries(
    METRICS.map((m) => [m, { ...estimate(sums[m], SCALE[m]), ...(control && { vs_control: compareRatios(control[m], sums[m], SCALE[m]) }) }]),
  ) as Record<MetricName, MetricFigure>;
}
