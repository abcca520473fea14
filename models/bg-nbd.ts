// BG/NBD ("buy till you die", Fader, Hardie & Lee 2005): while alive a shopper buys as a
// Poisson process with rate λ ~ Gamma(r, α); after each purchase they leave for good with
// probability p ~ Beta(a, b). Fitted by maximum likelihood on per-shopper summaries
// (purchase-summary.ts); the predictions condition on one shopper's summary. Time is in
// days throughout, so α is in days too.
import { minimise } from "./nelder-mead.js";
import { hyp2f1Tail, lnGamma } from "./special-functions.js";
import type { PurchaseSummary } from "./purchase-summary.js";

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  logLikelihood: number;
  /** Shoppers fitted, and the distinct (x, tₓ, T) triples the likelihood was summed over. */
  customers: number;
  groups: number;
  evaluations: number;
  converged: boolean;
}

export interface FitOptions {
  maxEvaluations?: number;
  tolerance?: number;
}

/**
 * Identical (x, tₓ, T) triples contribute identical terms, so they are summed once with a
 * weight; with whole-day summaries a million shoppers fall into far fewer triples. Terms
 * that depend on x alone (the log-gammas) are summed once per distinct x, and ln(α+T),
 * ln(α+tₓ) computed once per distinct day count: an evaluation then costs one exp and one
 * log per triple.
 */
interface Grouped {
  weight: Float64Array;
  x: Float64Array;
  /** Each triple's index into the distinct x, tₓ and T values. */
  xIndex: Int32Array;
  txIndex: Int32Array;
  ageIndex: Int32Array;
  distinctX: Float64Array;
  distinctTx: Float64Array;
  distinctAge: Float64Array;
  weightOfX: Float64Array;
  total: number;
}

/** The distinct values of one column, sorted, and each row's index into them. */
function distinctColumn(values: readonly number[]): { distinct: Float64Array; index: Int32Array } {
  const distinct = Float64Array.from(new Set(values)).sort();
  const indexOf = new Map<number, number>();
  distinct.forEach((value, i) => indexOf.set(value, i));
  return { distinct, index: Int32Array.from(values, (value) => indexOf.get(value)!) };
}

/** Whole-day summaries pack into one number (a much cheaper map key than a string). */
const PACK = 2 ** 17;
const packable = (v: number) => Number.isInteger(v) && v >= 0 && v < PACK;
const tripleKey = (c: PurchaseSummary): number | string =>
  packable(c.frequency) && packable(c.recency) && packable(c.age)
    ? (c.frequency * PACK + c.recency) * PACK + c.age
    : `${c.frequency}|${c.recency}|${c.age}`;

function group(customers: readonly PurchaseSummary[]): Grouped {
  const byTriple = new Map<number | string, number>();
  const [xs, txs, ages, weights]: number[][] = [[], [], [], []];
  for (const c of customers) {
    const key = tripleKey(c);
    const at = byTriple.get(key);
    if (at !== undefined) weights[at]++;
    else {
      byTriple.set(key, xs.length);
      xs.push(c.frequency);
      txs.push(c.recency);
      ages.push(c.age);
      weights.push(1);
    }
  }
  const x = distinctColumn(xs);
  const tx = distinctColumn(txs);
  const age = distinctColumn(ages);
  const weightOfX = new Float64Array(x.distinct.length);
  x.index.forEach((k, g) => (weightOfX[k] += weights[g]));
  return {
    weight: Float64Array.from(weights),
    x: Float64Array.from(xs),
    xIndex: x.index,
    txIndex: tx.index,
    ageIndex: age.index,
    distinctX: x.distinct,
    distinctTx: tx.distinct,
    distinctAge: age.distinct,
    weightOfX,
    total: customers.length,
  };
}

function groupedLogLikelihood({ r, alpha, a, b }: BgNbdParams, g: Grouped): number {
  // Per distinct x: ln Γ(r+x)/Γ(r) + ln B(a, b+x)/B(a, b), and the dropout term's ln a/(b+x−1).
  const dropout = new Float64Array(g.distinctX.length);
  const lnGammaR = lnGamma(r);
  const lnGammaB = lnGamma(b);
  const lnGammaAB = lnGamma(a + b);
  let ll = 0;
  for (let k = 0; k < g.distinctX.length; k++) {
    const x = g.distinctX[k];
    ll += g.weightOfX[k] * (lnGamma(r + x) - lnGammaR + lnGammaAB + lnGamma(b + x) - lnGammaB - lnGamma(a + b + x));
    dropout[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
  }
  ll += g.total * r * Math.log(alpha);
  const logAlphaTx = g.distinctTx.map((t) => Math.log(alpha + t));
  const logAlphaAge = g.distinctAge.map((t) => Math.log(alpha + t));
  for (let i = 0; i < g.x.length; i++) {
    const rx = r + g.x[i];
    const stillAlive = -rx * logAlphaAge[g.ageIndex[i]];
    const leftAfterLast = dropout[g.xIndex[i]] - rx * logAlphaTx[g.txIndex[i]];
    // ln(e^u + e^v) as max + log1p(e^−|u−v|): one exp and one log per triple (x = 0 gives v = −∞).
    const gap = leftAfterLast - stillAlive;
    ll += g.weight[i] * (gap > 0 ? leftAfterLast + Math.log1p(Math.exp(-gap)) : stillAlive + Math.log1p(Math.exp(gap)));
  }
  return ll;
}

/** The BG/NBD log-likelihood of the shoppers' summaries, summed (FHL 2005, eq. 6). */
export function bgNbdLogLikelihood(params: BgNbdParams, customers: readonly PurchaseSummary[]): number {
  return groupedLogLikelihood(params, group(customers));
}

/**
 * Maximum-likelihood BG/NBD parameters. The search runs over log-parameters from a fixed
 * start (r = 1, α from the mean purchase rate, a = b = 1), so it is deterministic. When the
 * data show little sign of shoppers leaving, the maximum lies at the edge a → 0 (no
 * dropout: the plain NBD model); b is then unidentified and P(alive) ≈ 1 for everyone.
 * Online Retail is such a case, as the `lifetimes` package also finds (a ≈ 0).
 */
export function fitBgNbd(customers: readonly PurchaseSummary[], opts: FitOptions = {}): BgNbdFit {
  if (customers.length === 0) throw new RangeError("fitBgNbd: no shoppers to fit");
  const g = group(customers);
  let repeats = 0;
  let age = 0;
  for (const c of customers) [repeats, age] = [repeats + c.frequency, age + c.age];
  const alpha0 = Math.max(1e-3, age / Math.max(1, repeats));
  const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });
  // The mean log-likelihood keeps the stopping tolerance independent of the number of shoppers.
  const best = minimise((v) => -groupedLogLikelihood(toParams(v), g) / g.total, [0, Math.log(alpha0), 0, 0], {
    maxEvaluations: opts.maxEvaluations ?? 4000,
    tolerance: opts.tolerance ?? 1e-12,
  });
  const params = toParams(best.x);
  return {
    ...params,
    logLikelihood: groupedLogLikelihood(params, g),
    customers: g.total,
    groups: g.x.length,
    evaluations: best.evaluations,
    converged: best.converged,
  };
}

/** ln of ((α+T)/(α+tₓ))^(r+x) · a/(b+x−1): the odds, on the log scale, that the shopper has left. */
function logOddsLeft({ r, alpha, a, b }: BgNbdParams, c: PurchaseSummary): number {
  if (c.frequency === 0) return -Infinity; // BG/NBD shoppers can only leave right after a repeat purchase
  const x = c.frequency;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + c.age) - Math.log(alpha + c.recency));
}

/** P(the shopper is still active at the end of their summary). */
export function probabilityAlive(p: BgNbdParams, c: PurchaseSummary): number {
  return 1 / (1 + Math.exp(logOddsLeft(p, c)));
}

/**
 * E[purchases in the next `days`], given the summary (FHL 2005, eq. 10). The ₂F₁ in the
 * paper is taken through Euler's transformation, ₂F₁(r+x, b+x; a+b+x−1; z) =
 * (1−z)^(a−r−x−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose parameters do not grow with x (no
 * overflow for heavy buyers); with ε = a−1 the factor 1/(a−1) then cancels analytically, so
 * the result stays exact as a → 1, where the paper's form is 0/0.
 */
export function expectedPurchases(p: BgNbdParams, c: PurchaseSummary, days: number): number {
  if (days <= 0) return 0;
  const { r, alpha, a, b } = p;
  const x = c.frequency;
  const eps = a - 1;
  const logKeep = Math.log(alpha + c.age) - Math.log(alpha + c.age + days); // ln(1 − z)
  const z = days / (alpha + c.age + days);
  const growth = eps === 0 ? logKeep : Math.expm1(eps * logKeep) / eps; // (e^(εL) − 1)/ε → L
  const tail = hyp2f1Tail(a + b - 1 - r, eps, a + b + x - 1, z);
  const bracket = -growth - Math.exp(eps * logKeep) * tail;
  return ((a + b + x - 1) * bracket) / (1 + Math.exp(logOddsLeft(p, c)));
}

/**
 * P(no purchase in the next `days`): the shopper has left, or is active and the Poisson
 * process, with λ | summary ~ Gamma(r+x, α+T), fires no purchase in that time.
 */
export function churnRisk(p: BgNbdParams, c: PurchaseSummary, days: number): number {
  const alive = probabilityAlive(p, c);
  const quiet = Math.exp((p.r + c.frequency) * (Math.log(p.alpha + c.age) - Math.log(p.alpha + c.age + days)));
  return 1 - alive + alive * quiet;
}
