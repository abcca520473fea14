// The special functions every tail probability in stats/ is built from: log Γ, log B and
// the regularised incomplete gamma and beta functions. One implementation each, so the
// normal, Student t and chi-square tails share their accuracy (about 1e-14 relative, set
// by EPSILON below) and their tests.
//
// The algorithms are the classical ones: log Γ from models/special-functions.ts; a power series below the mean and a Lentz continued fraction above it for
// the incomplete gamma (Numerical Recipes §6.2); a Lentz continued fraction on the side
// where it converges for the incomplete beta (§6.4). The log B of two large arguments is
// computed as in R's lbeta.c, because lgamma(a) + lgamma(b) − lgamma(a + b) loses ~7
// digits to cancellation when a is a million (a Welch test on a million impressions).

/** Convergence target of the series and continued fractions (a little above 2⁻⁵³ × 10). */
const EPSILON = 1e-15;
/** Stands in for zero in Lentz's method, where a zero denominator would divide by zero. */
const TINY = 1e-300;
/** Enough for arguments up to ~1e9: both expansions need O(√max(a, b)) terms. */
const MAX_ITERATIONS = 100_000;

/** ln Γ, shared with the shopper-value models (models/special-functions.ts). */
export { lnGamma as logGamma } from "../../../models/special-functions.js";
import { lnGamma as logGamma, LN_SQRT_2PI, stirlingCorrection } from "../../../models/special-functions.js";

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0, without cancellation. */
export function logBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`logBeta(${a}, ${b}): both arguments must be > 0`);
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  const s = p + q;
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(s);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / s) + q * Math.log1p(-p / s);
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(s);
    return logGamma(p) + corr + p - p * Math.log(s) + (q - 0.5) * Math.log1p(-p / s);
  }
  return logGamma(p) + logGamma(q) - logGamma(s);
}

/** Series for P(a, x); converges fast for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Continued fraction for Q(a, x); converges fast for x ≥ a + 1. */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

function checkGammaArguments(a: number, x: number, name: string): void {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`${name}(${a}, ${x}): needs a > 0 and x ≥ 0`);
}

/** Regularised lower incomplete gamma P(a, x) = γ(a, x) / Γ(a). */
export function regularizedGammaP(a: number, x: number): number {
  checkGammaArguments(a, x, "regularizedGammaP");
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function regularizedGammaQ(a: number, x: number): number {
  checkGammaArguments(a, x, "regularizedGammaQ");
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/**
 * Continued fraction for I_x(a, b) · a / (xᵃ (1−x)ᵇ / B(a, b)), y = 1 − x; converges for
 * x < (a+1)/(a+b+2). Its first denominator 1 − (a+b)x/(a+1) is tiny when a is large and
 * x close to 1 (a Student t with a million df), so it is formed from y there.
 */
function betaContinuedFraction(a: number, b: number, x: number, y: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = x > 0.5 ? (1 - b + qab * y) / qap : 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // Even step.
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * Regularised incomplete beta I_x(a, b), given x and y = 1 − x separately: callers that
 * know 1 − x exactly (the Student t passes t² / (df + t²)) keep the digits that 1 − x
 * would lose when x is close to 1.
 */
export function regularizedBetaXY(x: number, y: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`regularizedBeta: needs a, b > 0 (got ${a}, ${b})`);
  if (!(x >= 0 && y >= 0) || Math.abs(x + y - 1) > 1e-12) throw new RangeError(`regularizedBeta: needs 0 ≤ x ≤ 1 and y = 1 − x (got ${x}, ${y})`);
  if (x === 0) return 0;
  if (y === 0) return 1;
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(a * logX + b * logY - logBeta(a, b));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x, y)) / a
    : 1 - (front * betaContinuedFraction(b, a, y, x)) / b;
}

/** Regularised incomplete beta I_x(a, b) for 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  return regularizedBetaXY(x, 1 - x, a, b);
}
