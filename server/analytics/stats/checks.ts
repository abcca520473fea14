// Argument checks shared by the statistical tests in stats/. A count that is negative, fractional or
// larger than its total is a bug in the caller's aggregation, not a shopper's input, so it
// throws a RangeError (as the vector index does) rather than a domain error.

export function checkCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} ${value}: must be a whole number ≥ 0`);
}

export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level ${level}: must be between 0 and 1`);
}
