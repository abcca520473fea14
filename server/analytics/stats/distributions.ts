// Cumulative distributions and quantiles of the normal, Student t and chi-square laws,
// all from the incomplete gamma and beta functions of special-functions.ts. Tails are
// computed directly (never as 1 − a number close to 1), so a p-value of 1e-30 keeps its
// digits; that is why normalCdf goes through erfc rather than erf.
import { logBeta, regularizedBetaXY, regularizedGammaQ } from "./special-functions.js";

const SQRT_2PI = 2.5066282746310002;

/** P(Z > z) for z ≥ 0: ½ erfc(z / √2), with erfc(x) = Q(½, x²). */
function normalUpperTail(z: number): number {
  if (z === Infinity) return 0;
  return 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
}

/** Φ(z) = P(Z ≤ z) for the standard normal; relative error ~1e-14 in both tails. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return z < 0 ? normalUpperTail(-z) : 1 - normalUpperTail(z);
}

// Acklam's rational approximation (relative error 1.15e-9), refined below by one Halley
// step on normalCdf, which brings it to the accuracy of normalCdf itself.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Acklam's estimate of Φ⁻¹(p) for 0 < p ≤ ½. */
function acklamLower(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/** Φ⁻¹(p): the z with normalCdf(z) = p, for 0 ≤ p ≤ 1 (±Infinity at the ends). */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile(${p}): p must be from 0 to 1`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // Work in the lower tail, where p carries all its digits; 1 − p is exact for p ≥ ½.
  if (p > 0.5) return -normalQuantile(1 - p);
  const x = acklamLower(p);
  const u = (normalCdf(x) - p) * SQRT_2PI * Math.exp((x * x) / 2);
  return Number.isFinite(u) ? x - u / (1 + (x * u) / 2) : x;
}

function checkDf(df: number, name: string): void {
  if (!(df > 0)) throw new RangeError(`${name}: degrees of freedom ${df} must be > 0`);
}

/**
 * From this many degrees of freedom on, the t tail comes from Hill's normalising
 * transformation instead of the incomplete beta, whose continued fraction loses digits
 * as df grows (1e-12 relative at 1e5, 1e-10 at 1e7, 1e-7 at 1e10 — a Welch test on ten
 * million impressions). Hill's error falls as df grows: ≤ 1e-13 against mpmath here.
 */
const HILL_MIN_DF = 1e5;

/** P(T > t) for t > 0. */
function studentTUpperTail(t: number, df: number): number {
  if (df >= HILL_MIN_DF) {
    // Hill (1970), CACM Algorithm 395: an asymptotic series mapping t to a normal deviate.
    const a = df - 0.5;
    const b = 48 * a * a;
    const y = a * Math.log1p((t * t) / df);
    const z = (((((-0.4 * y - 3.3) * y - 24) * y - 85.5) / (0.8 * y * y + 100 + b) + y + 3) / b + 1) * Math.sqrt(y);
    return normalUpperTail(z);
  }
  // P(|T| > t) = I_x(df/2, ½) with x = df / (df + t²); 1 − x passed exactly.
  const t2 = t * t;
  return 0.5 * regularizedBetaXY(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
}

/** P(T ≤ t) for Student's t with df > 0 degrees of freedom (df need not be whole: Welch). */
export function studentTCdf(t: number, df: number): number {
  checkDf(df, "studentTCdf");
  if (Number.isNaN(t)) return NaN;
  if (t === 0) return 0.5;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  return t < 0 ? studentTUpperTail(-t, df) : 1 - studentTUpperTail(t, df);
}

/** The density of Student's t, the derivative Newton needs in studentTQuantile. */
function studentTDensity(t: number, df: number): number {
  return Math.exp(-logBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** The t with studentTCdf(t, df) = p: bracketed Newton from the normal quantile. */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df, "studentTQuantile");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile(${p}): p must be from 0 to 1`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  // The t law has heavier tails than the normal, so its quantile lies below z (< 0):
  // z bounds the root from above, and doubling z bounds it from below.
  let hi = normalQuantile(p);
  let lo = 2 * hi;
  while (studentTCdf(lo, df) > p) {
    hi = lo;
    lo *= 2;
  }
  let t = hi;
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(t, df) - p;
    if (f > 0) hi = t;
    else lo = t;
    let next = t - f / studentTDensity(t, df);
    // Newton can overshoot where the density is flat; fall back to bisection then.
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-14 * Math.abs(t)) return next;
    t = next;
  }
  return t;
}

/** P(X > x) for the chi-square law with df > 0 degrees of freedom: Q(df/2, x/2). */
export function chiSquareSurvival(x: number, df: number): number {
  checkDf(df, "chiSquareSurvival");
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
