// Row writing shared by the two event orders of write-store.ts.
import type { Repositories, Store } from "../../server/store/types.js";
import { eventCode, EVENT_TYPES, type EventType } from "../../models/event-types.js";
import { userId, type ShopperProfile } from "../shop-generator.js";

/** Rows per transaction: large enough that commits cost nothing, small enough for a modest WAL. */
const BATCH = 50_000;

export const EVENT_CODES = Object.fromEntries(EVENT_TYPES.map((t) => [t, eventCode(t)])) as Record<EventType, number>;

/**
 * Feeds every value of `values` to `write` (which returns the rows it wrote), about
 * BATCH rows per transaction; `afterBatch` runs between transactions (progress).
 */
export async function inBatches<T>(store: Store, values: Iterator<T>, write: (tx: Repositories, value: T) => Promise<number>, afterBatch: () => void): Promise<void> {
  let next = values.next();
  while (!next.done) {
    await store.transaction(async (tx) => {
      for (let rows = 0; rows < BATCH && !next.done; next = values.next()) rows += await write(tx, next.value);
    });
    afterBatch();
  }
}

export function upsertUser(tx: Repositories, profile: ShopperProfile): Promise<number> {
  const { index, ...attributes } = profile;
  return tx.users.upsert({ id: userId(index), attributes });
}

