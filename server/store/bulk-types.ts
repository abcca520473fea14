// The store's bulk moves, part of its contract (types.ts): an import staged and published
// all at once, and whole tables copied to another backend with their ids.
import type { ItemInput, StagedEvent, UserInput } from "./records.js";

/** What an import publishes, beyond its rows. */
export interface PublishTotals {
  rows: number;
  /** Items and shoppers that events named and the store did not have. */
  createdItems: number;
  createdUsers: number;
  /** Events not stored because one with their event id was stored first. */
  duplicates: number;
}

/**
 * A bulk import: rows are staged (validated by the caller) without holding anything that
 * serving waits for, then published all or nothing. An item row replaces the item's fields
 * and revives it; an event naming an unknown item or shopper creates it untitled.
 */
export interface ImportSession {
  item(item: ItemInput): Promise<void>;
  user(user: UserInput): Promise<void>;
  /** False when an event with the same event id was staged before in this import. */
  event(e: StagedEvent): Promise<boolean>;
  /** Whether this import's items rows have the item. */
  hasItem(extId: string): Promise<boolean>;
  /** `onProgress`: the staged rows gone through so far, of `total` (every staging table's rows). */
  publish(onProgress?: (rows: number, total: number) => void): Promise<PublishTotals>;
  /** Discards everything staged; nothing was published. */
  abort(): Promise<void>;
}

/** Knobs of a backend's publish, for tests and benches; a backend may ignore them. */
export interface ImportTuning {
  /** Caps the rows one publish step moves: a transaction of its own on SQLite, a chunk of events on PostgreSQL. */
  maxBatchRows?: number;
  /** Test hook: give up after this many publish transactions, as a crash would. */
  stopAfterBatches?: number;
}

/**
 * The tables `tuijian store copy` moves, in the order it moves them, with their columns
 * (the same in every backend's schema). Rows keep their ids, so a model trained on the
 * source store serves on the copy.
 */
export const COPY_TABLES = {
  items: ["id", "ext_id", "title", "description", "category", "price", "stock", "tags", "attributes", "created_at", "updated_at", "deleted_at"],
  users: ["id", "ext_id", "attributes", "created_at", "updated_at"],
  events: ["id", "user_id", "item_id", "type", "value", "ts", "context", "event_id", "rec_id"],
  item_embeddings: ["item_id", "model", "text_hash", "vector", "seq"],
  api_keys: ["id", "name", "scope", "hash", "rate_per_second", "created_at", "expires_at", "revoked_at", "last_used_at"],
  audit_log: ["id", "ts", "actor", "action", "target", "details"],
  rules: ["seq", "id", "version", "definition", "created_at", "actor"],
  served_lists: ["id", "ts", "user_id", "placement", "variant", "model_version", "items", "teams"],
  experiments: ["id", "definition", "status", "version", "created_at", "updated_at", "started_at", "stopped_at"],
} as const;
export type CopyTable = keyof typeof COPY_TABLES;
/** One row as its columns' values, in COPY_TABLES order; binary values as Buffers. */
export type CopyRow = unknown[];

/** Whole tables in and out, with their ids: for moving a store to another backend. */
export interface TableCopy {
  /** How many rows a table holds (the total a copy's progress line shows). */
  count(table: CopyTable): Promise<number>;
  /** Every row of a table, in primary-key order, a page at a time. */
  rows(table: CopyTable, pageSize: number): AsyncIterable<CopyRow[]>;
  /** Appends rows, ids as given (into a store that was empty when the copy began). */
  append(table: CopyTable, rows: CopyRow[]): Promise<void>;
  /** Ends a copy: this store takes the source's id (its models stay valid) and its id counters move past the copied ids. */
  finish(storeId: string): Promise<void>;
}
