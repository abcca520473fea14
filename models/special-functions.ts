// Special functions the shopper-value models need, in plain TypeScript: log-gamma and the
// Gauss hypergeometric series. Accuracy is checked against scipy in test/clv.test.ts.

export const LN_SQRT_2PI = 0.9189385332046728; // ½ ln(2π)

// Lanczos coefficients for g = 7 (Godfrey's set), accurate to ~1e-15 for x ≥ 0.5.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) − the Stirling approximation (x − ½) ln x − x + ½ ln 2π, for x ≥ 10. */
export function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  // Bernoulli-number series; the first omitted term is below 1e-16 at x = 10.
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))));
}

/** ln Γ(x) for x > 0: Lanczos (g = 7, n = 9) below 10, the Stirling series above, about 1e-15 relative. */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma(${x}): the argument must be > 0`);
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
  // Γ(x) = Γ(x + 1) / x keeps the Lanczos sum in its accurate range x ≥ 0.5.
  if (x < 0.5) return lnGamma(x + 1) - Math.log(x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const MAX_TERMS = 200_000;
const RELATIVE_TOLERANCE = 1e-16;

/**
 * (₂F₁(a, b; c; z) − 1) / b, summed directly: Σₙ≥1 (a)ₙ (b+1)ₙ₋₁ / ((c)ₙ n!) zⁿ.
 * Dividing b out before summing keeps the series exact as b → 0, which the BG/NBD
 * expectation needs when its a parameter approaches 1. Converges for |z| < 1; throws
 * a RangeError when it has not after MAX_TERMS terms (z too close to 1).
 */
export function hyp2f1Tail(a: number, b: number, c: number, z: number): number {
  if (!(Math.abs(z) < 1)) throw new RangeError(`hyp2f1: |z| must be below 1, got ${z}`);
  if (z === 0) return 0;
  let term = (a / c) * z;
  let sum = term;
  for (let n = 1; n < MAX_TERMS; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    // Only stop once the terms shrink for good: early terms may still grow.
    if (Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum) && Math.abs(ratio) < 1) return sum;
    if (term === 0) return sum;
  }
  throw new RangeError(`hyp2f1: no convergence after ${MAX_TERMS} terms (a=${a}, b=${b}, c=${c}, z=${z})`);
}

/** Gauss hypergeometric ₂F₁(a, b; c; z) for |z| < 1, by its power series. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return 1 + b * hyp2f1Tail(a, b, c, z);
}
