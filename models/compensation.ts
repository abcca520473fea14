// Popularity compensation: the item-to-item sources' sum for a candidate j is multiplied by
//   (p_j / median p)^-α
// where p_j is j's popularity without decay (the median over items with events), so that
// at α > 0 an item bought by few ranks nearer one bought by many when the shopper's history
// points at both equally. The linear model and co-occurrence favour best-sellers: their
// columns grow with an item's count. α is fitted with the source weights (blend-fit.ts):
// where compensating finds more on validation, or as many with wider lists (coverage),
// it is kept; α = 0 is the plain sum.

/** The α values the fit tries. */
export const COMPENSATION_GRID = [0, 0.1, 0.2, 0.3, 0.5];

/** Each item's factor at `alpha`, from popularity without decay; an item without events (popularity 0) keeps 1. */
export function compensationScale(flatPopularity: Float32Array, alpha: number): Float32Array {
  if (alpha === 0) return new Float32Array(flatPopularity.length).fill(1);
  const positive = flatPopularity.filter((p) => p > 0).sort();
  const median = positive.length > 0 ? positive[positive.length >> 1] : 1;
  return Float32Array.from(flatPopularity, (p) => (p > 0 ? Math.pow(p / median, -alpha) : 1));
}
