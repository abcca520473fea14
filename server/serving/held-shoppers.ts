// The shoppers a serving process holds (shopper-histories.ts): each one's newest events,
// packed, and what is kept beside them, within a budget counted in events; the shopper
// least recently asked for goes first.
import { FIELDS } from "./held-rows.js";
import { keptBytes, type Kept } from "./shopper-memo.js";

export interface Held {
  rows: Float64Array;
  /** Unique to this content of the shopper's history (and of `purchased`) in this process. */
  stamp: number;
  digest?: string;
  /**
   * Every item the shopper bought, where a full history may not reach back to them all:
   * read from the store at the first list that needs it, then kept up with the events
   * applied (a deletion of events lets go of every held shopper).
   */
  purchased?: number[];
  /** What the last list derived from these events (shopper-memo.ts), kept from their second list on. */
  kept?: Kept;
  /** A list was derived from these events (and not kept: a shopper asked for once does not pay for keeping it). */
  derivedOnce?: boolean;
}

export class HeldShoppers {
  private readonly held = new Map<number, Held>();
  /** Events held (cost()). */
  private total = 0;

  /** @param budget events held over all shoppers. */
  constructor(private readonly budget: number) {}

  /** Events held over all shoppers. */
  get size(): number {
    return this.total;
  }

  /** The shopper, left in their place of the order (events applied to them). */
  peek(userId: number): Held | undefined {
    return this.held.get(userId);
  }

  /** The shopper, now the most recently asked for (the first is the one to let go). */
  touch(userId: number): Held | undefined {
    const held = this.held.get(userId);
    if (held) {
      this.held.delete(userId);
      this.held.set(userId, held);
    }
    return held;
  }

  /** A shopper newly held, the most recently asked for. */
  keep(userId: number, held: Held): Held {
    const before = this.held.get(userId);
    if (before) this.total -= cost(before);
    this.held.delete(userId);
    this.held.set(userId, held);
    this.total += cost(held);
    this.trim();
    return held;
  }

  /** A held shopper's new content, in the same place of the order (trim() after a batch). */
  replace(userId: number, before: Held, after: Held): void {
    this.total += cost(after) - cost(before);
    this.held.set(userId, after);
  }

  /** What is kept beside a held shopper's events changed by `change`, within the budget, while they are held with them. */
  amend(userId: number, held: Held, change: () => void): void {
    if (this.held.get(userId) !== held) return;
    const before = cost(held);
    change();
    this.total += cost(held) - before;
    this.trim();
  }

  /** Within the budget: the least recently asked-for shoppers go first. */
  trim(): void {
    while (this.total > this.budget && this.held.size > 1) {
      const [first, gone] = this.held.entries().next().value!;
      this.held.delete(first);
      this.total -= cost(gone);
    }
  }

  clear(): void {
    this.held.clear();
    this.total = 0;
  }
}

/**
 * What a held history counts against the budget: its events, at least one (a shopper with
 * none is held too), its purchased items (8 bytes each against an event's 40) and what a
 * list derived from them.
 */
const cost = (held: Held) => Math.max(1, held.rows.length / FIELDS) + Math.ceil((held.purchased?.length ?? 0) / 5) + Math.ceil(keptBytes(held.kept) / 40);
