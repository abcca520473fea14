// The store's contract for closing the loop: the lists served (for attribution) and the
// experiments that shape them. Part of the Store (types.ts); the contract suite is
// test/store-contract-loop.ts.
import type { AttributedEvent, ExperimentRecord, ExperimentStatus, ServedList, ServedPageQuery } from "./records.js";

/** The lists served, for attribution; written in batches off the request path. */
export interface ServedListRepository {
  append(lists: readonly ServedList[]): Promise<void>;
  get(id: string): Promise<ServedList | undefined>;
  count(): Promise<number>;
  /** A shopper's lists (their erasure); returns how many. */
  deleteOfUser(userId: number): Promise<number>;
  /** Up to `limit` lists served before `ts` (retention, in bounded steps); returns how many. */
  deleteOlderThan(ts: number, limit: number): Promise<number>;
  /** Lists served in a time range, in (ts, id) order, a page at a time. */
  page(q: ServedPageQuery): Promise<ServedList[]>;
  /**
   * Events in [from, to) attributed to a list, in event id order after `after`: those that
   * named one, and purchases with no list of their own that followed, within `windowMs`, a
   * click or cart of the same shopper and item that named one (the latest such).
   */
  attributed(from: number, to: number, windowMs: number, after: number, limit: number): Promise<AttributedEvent[]>;
}

/** Experiments: a row each, changed in place under an optimistic version. */
export interface ExperimentRepository {
  /** Stores a new draft (version 1); undefined when the id is taken. */
  create(id: string, definition: string, now?: number): Promise<ExperimentRecord | undefined>;
  /** Changes the definition and/or status if the stored version is `version`; undefined on a conflict or an unknown id. */
  update(id: string, version: number, change: { definition?: string; status?: ExperimentStatus }, now?: number): Promise<ExperimentRecord | undefined>;
  get(id: string): Promise<ExperimentRecord | undefined>;
  list(): Promise<ExperimentRecord[]>;
  delete(id: string): Promise<boolean>;
}
