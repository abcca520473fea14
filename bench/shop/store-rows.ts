// Row writing shared by the two event orders of write-store.ts.
import type { Store } from "../../server/store/store.js";
import { eventCode, EVENT_TYPES, type EventType } from "../../models/event-types.js";
import { userId, type ShopperProfile } from "../shop-generator.js";

/** Rows per transaction: large enough that commits cost nothing, small enough for a modest WAL. */
const BATCH = 50_000;

export const EVENT_CODES = Object.fromEntries(EVENT_TYPES.map((t) => [t, eventCode(t)])) as Record<EventType, number>;

/**
 * Feeds every value of `values` to `write` (which returns the rows it wrote), about
 * BATCH rows per transaction; `afterBatch` runs between transactions (progress).
 */
export function inBatches<T>(store: Store, values: Iterator<T>, write: (value: T) => number, afterBatch: () => void): void {
  let next = values.next();
  while (!next.done) {
    store.transaction(() => {
      for (let rows = 0; rows < BATCH && !next.done; next = values.next()) rows += write(next.value);
    });
    afterBatch();
  }
}

export function upsertUser(store: Store, profile: ShopperProfile): number {
  const { index, ...attributes } = profile;
  return store.users.upsert({ id: userId(index), attributes });
}

