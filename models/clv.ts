// Shopper value: expected purchases (BG/NBD) times expected spend per purchase
// (Gamma–Gamma) over a horizon. The models live in their own files; this is the one
// module the server needs to import.
import { expectedPurchases, type BgNbdParams } from "./bg-nbd.js";
import { expectedSpend, type GammaGammaParams } from "./gamma-gamma.js";
import type { PurchaseSummary } from "./purchase-summary.js";

export { summarise, DAY_MS, type Purchase, type PurchaseSummary } from "./purchase-summary.js";
export {
  bgNbdLogLikelihood, churnRisk, expectedPurchases, fitBgNbd, probabilityAlive,
  type BgNbdFit, type BgNbdParams, type FitOptions,
} from "./bg-nbd.js";
export { expectedSpend, fitGammaGamma, gammaGammaLogLikelihood, type GammaGammaFit, type GammaGammaParams } from "./gamma-gamma.js";

/** Days in the discounting period: a "month" of the monthly discount rate. */
export const DISCOUNT_PERIOD_DAYS = 30;

export interface LifetimeValueOptions {
  /** Discount per 30-day period (0.01 = 1 % a month); 0 gives the undiscounted value. */
  monthlyDiscountRate?: number;
}

/**
 * Expected value of the shopper's purchases in the next `days`. Undiscounted it is
 * E[purchases] × E[spend]. With a discount rate d, the horizon is cut into 30-day periods
 * (the last one possibly shorter) and the purchases expected in period k are worth
 * 1/(1+d)^k each — the stepwise approximation the `lifetimes` package uses.
 */
export function lifetimeValue(
  bg: BgNbdParams, gg: GammaGammaParams, c: PurchaseSummary, days: number, opts: LifetimeValueOptions = {},
): number {
  const spend = expectedSpend(gg, c);
  const rate = opts.monthlyDiscountRate ?? 0;
  if (rate === 0) return expectedPurchases(bg, c, days) * spend;
  let value = 0;
  let before = 0;
  for (let k = 1; (k - 1) * DISCOUNT_PERIOD_DAYS < days; k++) {
    const upTo = expectedPurchases(bg, c, Math.min(days, k * DISCOUNT_PERIOD_DAYS));
    value += (upTo - before) / (1 + rate) ** k;
    before = upTo;
  }
  return value * spend;
}
