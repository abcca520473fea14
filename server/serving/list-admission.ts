// Whether a serving process keeps the lists it makes on misses. A kept list costs its miss
// CPU (its entry, and collecting it once it outlives the young generation) that only hits
// repay: where shoppers seldom ask again before their list leaves the cache — one page view
// a visit, or many shoppers each coming back rarely — keeping lists is all cost. So each
// process counts, over windows of WINDOW lists made, the lists it kept and the hits its kept
// lists served: below `minReuse` hits a kept list it keeps one list in SAMPLE (so the
// count goes on, and follows the traffic within a window or two when shoppers start
// coming back), and every one again from twice that (the margin keeps it from flapping).

/** Lists made on misses between two decisions. */
const WINDOW = 1000;
/** While kept lists are seldom served again: one miss in SAMPLE keeps its list. */
const SAMPLE = 8;

export class ListAdmission {
  private keepAll = true;
  private made = 0;
  private kept = 0;
  private hits = 0;

  /** @param minReuse hits a kept list (e.g. 0.1) below which one list in SAMPLE is kept; 0 keeps every one. */
  constructor(private readonly minReuse: number) {}

  /** Whether every list made on a miss is kept now (metrics). */
  get keepingAll(): boolean {
    return this.keepAll;
  }

  /** Whether the list made on this miss is kept. */
  admit(): boolean {
    const keep = this.keepAll || this.made % SAMPLE === SAMPLE - 1;
    if (keep) this.kept++;
    if (++this.made === WINDOW) {
      this.keepAll = this.hits >= (this.keepAll ? 1 : 2) * this.minReuse * this.kept;
      this.made = this.kept = this.hits = 0;
    }
    return keep;
  }

  /** A kept list served again. */
  hit(): void {
    this.hits++;
  }
}
