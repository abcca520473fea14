// Which items changed, and when, as this process follows the catalogue: when any process's
// write moves the catalogue counter, the items changed since (the store's items.version)
// are read, each marked with the counter it was read at. What a process keeps about items
// (their summaries, lists holding them) is then dropped item by item instead of all at
// once: a shop that updates stock continuously keeps the rest.
// An item that becomes one a list may show (new, revived, back in stock) can enter any
// list: such a change is recorded as an entry, and a list made before it is not kept.
import type { Store } from "../store/types.js";
import type { ChangeWatcher } from "../store/change-watcher.js";

/** Recommendable state of an item: unknown until read, then shown or not. */
const UNKNOWN = 0, SHOWN = 1, HIDDEN = 2;

export class CatalogueChanges {
  /** The catalogue counter this process's view reflects; -1 before the first read. */
  private version = -1;
  /** Up to this counter, the view was read whole and an item's previous state may be wrong. */
  private unsure = -1;
  /** The counter at which the view was last read whole: what changed before it is not known item by item. */
  private wholeAt = -1;
  /** The counter at which item j's change was read (0: none since the view was first read). */
  private changedAt = new Float64Array(0);
  private state = new Uint8Array(0);
  /** The counter at which an item last became one a list may show. */
  private enteredAt = 0;
  private reading?: Promise<void>;
  private readonly listeners: ((ids: number[] | "all") => void)[] = [];
  private readonly shownListeners: ((ids: number[] | "all") => void)[] = [];

  constructor(private readonly store: Store, private readonly changes: ChangeWatcher) {}

  /** Brings the view up to the store's catalogue counter (as the change watcher last read it); returns the counter it reflects. */
  async current(): Promise<number> {
    const { catalogue } = await this.changes.current();
    if (catalogue !== this.version) await (this.reading ??= this.read(catalogue).finally(() => (this.reading = undefined)));
    return this.version;
  }

  /** Called with the ids of the items changed at each read that found any; "all" when the view was read whole again. */
  onChange(listener: (ids: number[] | "all") => void): void {
    this.listeners.push(listener);
  }

  /** Called with the items that became ones a list may show or stopped being ones (as far as this view knows), at each read that found any; "all" when read whole again. */
  onShownChange(listener: (ids: number[] | "all") => void): void {
    this.shownListeners.push(listener);
  }

  /** Calls `mark` with whether each item may be shown when that changes (every item, when read whole again). */
  follow(mark: (j: number, shown: boolean) => void): void {
    this.onShownChange((ids) => {
      for (const j of ids === "all" ? this.state.keys() : ids) if (this.state[j] !== UNKNOWN) mark(j, this.state[j] === SHOWN);
    });
  }

  /**
   * Whether a list of these items made when the view (this process's, or another's: a change
   * is marked with at least its own stamp) was at counter `since` is still what would be
   * made: none of them changed since, and no item became showable since.
   */
  unchangedSince(ids: readonly number[], since: number): boolean {
    if (this.enteredAt > since || since < this.wholeAt) return false;
    for (const j of ids) if (j < this.changedAt.length && this.changedAt[j] > since) return false;
    return true;
  }

  private async read(catalogue: number): Promise<void> {
    if (this.version < 0) return this.readWhole(catalogue);
    // A counter that went back (a store restored under a running server): nothing kept holds.
    if (catalogue < this.version) {
      [this.changedAt, this.state] = [new Float64Array(0), new Uint8Array(0)];
      await this.readWhole(catalogue);
      for (const listener of [...this.listeners, ...this.shownListeners]) listener("all");
      return;
    }
    const rows = await this.store.items.changedSince(this.version);
    this.grow(rows.reduce((m, [id]) => Math.max(m, id + 1), 0));
    let entered = -1;
    const flipped: number[] = [];
    for (const [id, shown, stamp] of rows) {
      // A state read whole may already hold a change stamped up to `unsure`: then the state before it is not known.
      const unknown = this.state[id] === UNKNOWN || stamp <= this.unsure;
      // Marked no earlier than its stamp: a row stored after the counter was read is among those read.
      const at = Math.max(catalogue, stamp);
      if (shown && (this.state[id] !== SHOWN || unknown)) entered = Math.max(entered, at);
      if (unknown || (this.state[id] === SHOWN) !== shown) flipped.push(id);
      this.state[id] = shown ? SHOWN : HIDDEN;
      this.changedAt[id] = at;
    }
    if (entered >= 0) this.enteredAt = entered;
    this.version = catalogue;
    if (rows.length > 0) for (const listener of this.listeners) listener(rows.map((r) => r[0]));
    if (flipped.length > 0) for (const listener of this.shownListeners) listener(flipped);
  }

  /** The first read: which items may be shown, between two readings of the counter. */
  private async readWhole(catalogue: number): Promise<void> {
    const [hidden, maxId] = await Promise.all([this.store.items.unrecommendableIds(), this.store.items.maxId()]);
    this.grow(maxId + 1);
    this.state.fill(SHOWN);
    for (const j of hidden) this.state[j] = HIDDEN;
    this.unsure = (await this.store.counters()).catalogue;
    this.version = this.wholeAt = catalogue;
  }

  private grow(size: number): void {
    if (size <= this.state.length) return;
    const [changedAt, state] = [new Float64Array(size), new Uint8Array(size).fill(UNKNOWN)];
    changedAt.set(this.changedAt);
    state.set(this.state);
    [this.changedAt, this.state] = [changedAt, state];
  }
}
