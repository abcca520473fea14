// What a list or a compiled rule set was made under, counted: a filter mask, the items'
// categories (item-filter.ts). Whatever was made holds while the count it depends on stays.

/** Counts of changes to something lists are made under (a mask, the items' categories): a list holds while the count it depends on stays. */
export interface Counted {
  /** What it lets through (for categories: any item's category) changed. */
  flips: number;
  /** `flips`, or which of the items it lets through may be shown. */
  changes: number;
}

/**
 * A filter mask (or the items' categories) as a list or rule set read it (item-filter.ts),
 * and the count that must stay for what was made under it to hold: `flips` (what it lets
 * through) for rules' matches, `changes` (also which of those may be shown) for a
 * request's filter, whose answer counts them.
 */
export interface MaskState {
  mask: Counted;
  count: keyof Counted;
  was: number;
}

export const maskState = (mask: Counted, count: keyof Counted): MaskState => ({ mask, count, was: mask[count] });
export const maskHolds = ({ mask, count, was }: MaskState): boolean => mask[count] === was;

/** Moves both counts (what it lets through changed, or it stops being kept). */
export const bump = (c: Counted) => ([c.flips, c.changes] = [c.flips + 1, c.changes + 1]);
