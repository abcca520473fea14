// Gamma–Gamma spend model (Fader & Hardie, "The Gamma-Gamma Model of Monetary Value",
// 2013): each transaction's value ~ Gamma(p, ν) around a shopper's own scale ν ~ Gamma(q, v).
// Fitted on shoppers with at least one repeat purchase, by their repeat-day mean; it assumes
// spend is independent of purchase frequency (check that before trusting the CLV).
import { minimise } from "./nelder-mead.js";
import { lnGamma } from "./special-functions.js";
import type { FitOptions } from "./bg-nbd.js";
import type { PurchaseSummary } from "./purchase-summary.js";

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
  customers: number;
  evaluations: number;
  converged: boolean;
}

/** Shoppers the model can use: a repeat purchase and a positive mean value. */
const usable = (c: PurchaseSummary) => c.frequency > 0 && c.monetary > 0;

interface Prepared {
  x: Float64Array;
  logM: Float64Array;
  m: Float64Array;
  /** Per distinct x, its value and how many shoppers have it: the log-gammas depend on x alone. */
  distinctX: Float64Array;
  weightOfX: Float64Array;
}

function prepare(customers: readonly PurchaseSummary[]): Prepared {
  const used = customers.filter(usable);
  const counts = new Map<number, number>();
  for (const c of used) counts.set(c.frequency, (counts.get(c.frequency) ?? 0) + 1);
  return {
    x: Float64Array.from(used, (c) => c.frequency),
    m: Float64Array.from(used, (c) => c.monetary),
    logM: Float64Array.from(used, (c) => Math.log(c.monetary)),
    distinctX: Float64Array.from(counts.keys()),
    weightOfX: Float64Array.from(counts.values()),
  };
}

function preparedLogLikelihood({ p, q, v }: GammaGammaParams, d: Prepared): number {
  let ll = 0;
  const perShopper = -lnGamma(q) + q * Math.log(v);
  for (let k = 0; k < d.distinctX.length; k++) {
    const px = p * d.distinctX[k];
    ll += d.weightOfX[k] * (lnGamma(px + q) - lnGamma(px) + px * Math.log(d.distinctX[k]) + perShopper);
  }
  for (let i = 0; i < d.x.length; i++) {
    const px = p * d.x[i];
    ll += (px - 1) * d.logM[i] - (px + q) * Math.log(d.x[i] * d.m[i] + v);
  }
  return ll;
}

/** The Gamma–Gamma log-likelihood of the usable shoppers' mean spends, summed. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, customers: readonly PurchaseSummary[]): number {
  return preparedLogLikelihood(params, prepare(customers));
}

/** Maximum-likelihood Gamma–Gamma parameters over shoppers with x > 0 and monetary > 0. */
export function fitGammaGamma(customers: readonly PurchaseSummary[], opts: FitOptions = {}): GammaGammaFit {
  const d = prepare(customers);
  if (d.x.length === 0) throw new RangeError("fitGammaGamma: no shopper with a repeat purchase and positive spend");
  const meanSpend = d.m.reduce((s, m) => s + m, 0) / d.m.length;
  const toParams = (w: number[]): GammaGammaParams => ({ p: Math.exp(w[0]), q: Math.exp(w[1]), v: Math.exp(w[2]) });
  // Start at p = 1, q = 2 and v = the mean spend, where the prior mean p·v/(q−1) matches the data.
  const best = minimise((w) => -preparedLogLikelihood(toParams(w), d) / d.x.length, [0, Math.log(2), Math.log(meanSpend)], {
    maxEvaluations: opts.maxEvaluations ?? 4000,
    tolerance: opts.tolerance ?? 1e-12,
  });
  const params = toParams(best.x);
  return { ...params, logLikelihood: preparedLogLikelihood(params, d), customers: d.x.length, evaluations: best.evaluations, converged: best.converged };
}

/**
 * E[value of a future transaction | summary]: a weighted mean of the population mean
 * p·v/(q−1) and the shopper's own repeat mean. Shoppers without a usable repeat purchase
 * get the population mean. NaN when q ≤ 1, where the model's mean spend is unbounded.
 */
export function expectedSpend({ p, q, v }: GammaGammaParams, c: PurchaseSummary): number {
  if (q <= 1) return NaN;
  if (!usable(c)) return (p * v) / (q - 1);
  return (p * (v + c.frequency * c.monetary)) / (p * c.frequency + q - 1);
}
