// Ratio metrics over randomisation units. A shopper is assigned, not a list: their lists
// are not independent trials, so a rate such as clicked lists / lists is a ratio of two
// per-shopper sums, and its variance comes from the delta method over shoppers (Deng,
// Knoblich & Lu 2018, "Applying the Delta Method in Metric Analytics"). With one list per
// shopper it is the usual binomial variance. Intervals and tests use Student's t with
// n − 1 (one arm) or Welch–Satterthwaite (two arms) degrees of freedom over shoppers, so a
// report read after a few dozen shoppers is not overconfident; with thousands it is the
// normal approximation.
import { studentTCdf, studentTQuantile } from "../stats.js";

/** Per-unit sums of a numerator y and a denominator x, accumulated one unit at a time. */
export class RatioSums {
  units = 0;
  y = 0;
  x = 0;
  yy = 0;
  xx = 0;
  xy = 0;

  add(y: number, x: number): void {
    this.units++;
    this.y += y;
    this.x += x;
    this.yy += y * y;
    this.xx += x * x;
    this.xy += x * y;
  }

  get value(): number | null {
    return this.x > 0 ? this.y / this.x : null;
  }

  /** Var(ȳ/x̄) by the delta method; null with fewer than two units or no denominator. */
  get variance(): number | null {
    const n = this.units;
    if (n < 2 || this.x === 0) return null;
    const [my, mx] = [this.y / n, this.x / n];
    const r = my / mx;
    const vy = (this.yy - n * my * my) / (n - 1);
    const vx = (this.xx - n * mx * mx) / (n - 1);
    const cxy = (this.xy - n * mx * my) / (n - 1);
    return Math.max(0, (vy - 2 * r * cxy + r * r * vx) / (n * mx * mx));
  }
}

export interface RatioEstimate {
  value: number | null;
  ci: [number, number] | null;
}

export interface RatioComparison {
  difference: number | null;
  /** (variant − control) / control; null when the control is 0. */
  relative_lift: number | null;
  ci: [number, number] | null;
  p_value: number | null;
}

/** The two-sided 95% quantile of Student's t. */
const t95 = (df: number) => studentTQuantile(0.975, df);

export function estimate(s: RatioSums, scale = 1): RatioEstimate {
  const v = s.value;
  const variance = s.variance;
  if (v === null) return { value: null, ci: null };
  const half = variance === null ? null : t95(s.units - 1) * Math.sqrt(variance);
  return { value: v * scale, ci: half === null ? null : [(v - half) * scale, (v + half) * scale] };
}

/** Variant against control: the difference with its 95% interval and a two-sided Welch test (independent arms). */
export function compareRatios(control: RatioSums, variant: RatioSums, scale = 1): RatioComparison {
  const [c, v] = [control.value, variant.value];
  const [vc, vv] = [control.variance, variant.variance];
  if (c === null || v === null) return { difference: null, relative_lift: null, ci: null, p_value: null };
  const diff = v - c;
  const lift = c !== 0 ? diff / c : null;
  if (vc === null || vv === null) return { difference: diff * scale, relative_lift: lift, ci: null, p_value: null };
  const se = Math.sqrt(vc + vv);
  if (se === 0) return { difference: diff * scale, relative_lift: lift, ci: [diff * scale, diff * scale], p_value: diff === 0 ? 1 : 0 };
  const df = (vc + vv) ** 2 / (vc ** 2 / (control.units - 1) + vv ** 2 / (variant.units - 1));
  const q = t95(df);
  const p = 2 * studentTCdf(-Math.abs(diff) / se, df);
  return { difference: diff * scale, relative_lift: lift, ci: [(diff - q * se) * scale, (diff + q * se) * scale], p_value: p };
}
