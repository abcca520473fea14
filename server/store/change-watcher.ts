// Changes made by any process — to the catalogue, the keys, the shoppers — reach this one
// through the store's change counters, read at most every maxAgeMs: a process caches
// what it read (item summaries, keys) until a counter moves. A process that writes calls
// invalidate() so that it sees its own change at once.
import type { ChangeCounters, Store } from "./types.js";

export class ChangeWatcher {
  private last?: ChangeCounters;
  private readAt = -Infinity;
  private pending?: Promise<ChangeCounters>;

  constructor(private readonly store: Store, private readonly maxAgeMs = 250) {}

  async current(now = performance.now()): Promise<ChangeCounters> {
    if (this.last && now - this.readAt < this.maxAgeMs) return this.last;
    // Concurrent requests share one read.
    this.pending ??= this.store.counters().then(
      (c) => {
        this.last = c;
        this.readAt = performance.now();
        this.pending = undefined;
        return c;
      },
      (err) => {
        this.pending = undefined;
        throw err;
      },
    );
    return this.pending;
  }

  invalidate(): void {
    this.readAt = -Infinity;
  }
}
