// The store's contract: what tuijian keeps about items, shoppers and events, whatever
// holds it. Two backends implement it — sqlite/ (one file, the default) and postgres/
// (several hosts) — and one contract suite (test/store-contract.ts) runs against both.
// Every method is asynchronous; nothing outside server/store/ imports a driver.

export * from "./records.js";
export * from "./loop-repositories.js";
export * from "./bulk-types.js";
import type { ServedListRepository, ExperimentRepository } from "./loop-repositories.js";
import type { ImportSession, ImportTuning, TableCopy } from "./bulk-types.js";
import type { ItemInput, ItemRecord, ItemSummary, ItemTextRow, UserInput, UserRecord, EventRow, HistoryEvent, TimeProfile, RawEvent, ExportedEvent, ItemPageQuery, DayTypeCount, StoredEmbedding, Scope, KeyRecord, AuditEntry, AuditQuery, RuleVersion } from "./records.js";

// ---- Repositories ----

export interface ItemRepository {
  /** Inserts or replaces one item (reviving it if deleted); returns its internal id. */
  upsert(item: ItemInput, now?: number): Promise<number>;
  idOf(extId: string): Promise<number | undefined>;
  /** The internal ids of those of `extIds` the store has (deleted items too), in one query. */
  idsOf(extIds: readonly string[]): Promise<Map<string, number>>;
  /** The internal id of an item that exists and is not deleted. */
  liveIdOf(extId: string): Promise<number | undefined>;
  get(extId: string): Promise<ItemRecord | undefined>;
  /** Soft-deletes; returns the internal id, or undefined when there is no live item of that id. */
  delete(extId: string, now?: number): Promise<number | undefined>;
  /** External id, title and recommendability of internal ids (absent: unknown). */
  summaries(ids: readonly number[]): Promise<Map<number, ItemSummary>>;
  unrecommendableIds(): Promise<number[]>;
  maxId(): Promise<number>;
  count(): Promise<number>;
  /** (internal id, category) of every item with a category. */
  categories(): Promise<[number, string][]>;
  /**
   * (internal id, category, price, stock, attributes as JSON text) of every item, deleted or
   * not: what request filters test. With `since`, a catalogue counter read before this call,
   * only the items changed after the catalogue reached it.
   */
  facets(since?: number): Promise<[number, string | null, number | null, number | null, string][]>;
  /**
   * (internal id, recommendable, the catalogue version its change made) of the items changed
   * after the catalogue reached `since` (a counter read before this call).
   */
  changedSince(since: number): Promise<[number, boolean, number][]>;
  /** External ids of the deleted items (an import refuses events on them). */
  deletedExtIds(): Promise<string[]>;
  /** A page of items in external id order, filtered. */
  page(q: ItemPageQuery): Promise<ItemRecord[]>;
}

export interface UserRepository {
  upsert(user: UserInput, now?: number): Promise<number>;
  /** The internal id, creating the shopper on first sight. */
  ensure(extId: string, now?: number): Promise<{ id: number; created: boolean }>;
  idOf(extId: string): Promise<number | undefined>;
  get(extId: string): Promise<UserRecord | undefined>;
  /** Removes the shopper's row (their events first). */
  delete(userId: number): Promise<void>;
  /** Every shopper's external id, in creation order. */
  allIds(): Promise<string[]>;
  /** (internal id, external id) of up to `limit` shoppers after internal id `after`, in id order (exports). */
  idPage(after: number, limit: number): Promise<[number, string][]>;
  maxId(): Promise<number>;
  count(): Promise<number>;
  /** (internal id, attributes as JSON text) of every shopper, in id order, a page at a time. */
  attributePages(pageSize: number): AsyncIterable<[number, string][]>;
}

/** A shopper's events at one moment (EventRepository.versionOf). */
export interface ShopperVersion {
  count: number;
  last: number;
}

export interface EventRepository {
  /** Stores one event; false when its event id was stored before. */
  insert(e: EventRow): Promise<boolean>;
  /** The shopper's newest events, newest first. */
  history(userId: number, limit: number): Promise<HistoryEvent[]>;
  purchasedItems(userId: number): Promise<number[]>;
  interactedItems(userId: number): Promise<number[]>;
  itemsWithEvents(): Promise<number[]>;
  /** Every event, grouped by shopper (ascending), oldest first within a shopper, in pages. */
  byUser(pageSize?: number): AsyncIterable<RawEvent[]>;
  count(): Promise<number>;
  countOfUser(userId: number): Promise<number>;
  /**
   * What a shopper's events are now, cheaply (one index range, no rows read): their count
   * and the largest event id. Any insert raises the id (ids only grow), any delete lowers
   * the count, so a list made from the events is current while both are unchanged.
   */
  versionOf(userId: number): Promise<ShopperVersion>;
  /**
   * The newest event time, the decay reference (the newest time once the newest
   * `outlierShare` of the events are set aside) and the start of the day from which on
   * `share` of the events lie.
   */
  timeProfile(share: number, outlierShare?: number): Promise<TimeProfile>;
  /**
   * Among about `sample` shoppers with two events or more (every stride-th by id), how many
   * have events on two days or more: whether timestamps order what shoppers do.
   */
  activeDays(sample: number): Promise<{ shoppers: number; multiDay: number }>;
  exportPage(userId: number, limit: number, after?: { ts: number; id: number }): Promise<ExportedEvent[]>;
  /** The shopper's events newest first, a page at a time (keyset: older than `before`). */
  recentPage(userId: number, limit: number, before?: { ts: number; id: number }): Promise<ExportedEvent[]>;
  /** Events per UTC day and type, from the day `since` falls in on, in day then type order. */
  perDay(since: number): Promise<DayTypeCount[]>;
  deleteOfUser(userId: number): Promise<number>;
  idsOlderThan(ts: number): Promise<number[]>;
  deleteIds(ids: readonly number[]): Promise<number>;
}

export interface EmbeddingRepository {
  /** Live items with text, in id order. */
  itemTexts(): Promise<ItemTextRow[]>;
  /** Texts of the given items (live or not). */
  textsOf(ids: readonly number[]): Promise<ItemTextRow[]>;
  /** (item, model, text hash) of every stored embedding. */
  hashes(model: string): Promise<Map<number, string>>;
  put(model: string, rows: { id: number; hash: string; vector: Float32Array }[]): Promise<void>;
  maxSeq(): Promise<number>;
  since(model: string, seq: number, limit?: number): Promise<StoredEmbedding[]>;
}

export interface KeyRepository {
  insert(k: { name: string; scope: Scope; hash: string; ratePerSecond: number | null; expiresAt: number | null }, now?: number): Promise<KeyRecord>;
  list(): Promise<KeyRecord[]>;
  live(): Promise<(KeyRecord & { hash: string })[]>;
  revoke(name: string, now?: number): Promise<KeyRecord | undefined>;
  touch(id: number, now?: number): Promise<void>;
}

export interface AuditRepository {
  append(actor: string, action: string, target: string | null, details?: Record<string, unknown>, now?: number): Promise<void>;
  list(q: AuditQuery): Promise<AuditEntry[]>;
}

/** Merchandising rules, versioned: every change appends a version; a deletion is a version without a definition. */
export interface RuleRepository {
  /** Appends the rule's next version (1 for an id never used) and returns it. */
  append(id: string, definition: string | null, actor: string, now?: number): Promise<RuleVersion>;
  /** The newest version of every rule not deleted, by id. */
  live(): Promise<RuleVersion[]>;
  /** Every version of one rule, oldest first (none: never created). */
  history(id: string): Promise<RuleVersion[]>;
}

/** Named leases: one holder at a time across processes and hosts, until released or expired. */
export interface LeaseRepository {
  /** Takes the lease (or renews it, for its holder) until now + ttlMs; false while another holds it. */
  acquire(name: string, holder: string, ttlMs: number, now?: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
  /** Who holds the lease, if anyone does now. */
  holder(name: string, now?: number): Promise<{ holder: string; expiresAt: number } | undefined>;
}

/** Counters that any process's changes move: each process compares them with what it cached. */
export interface ChangeCounters {
  catalogue: number;
  keys: number;
  users: number;
  rules: number;
  experiments: number;
}

export interface Repositories {
  items: ItemRepository;
  users: UserRepository;
  events: EventRepository;
  embeddings: EmbeddingRepository;
  keys: KeyRepository;
  audit: AuditRepository;
  rules: RuleRepository;
  served: ServedListRepository;
  experiments: ExperimentRepository;
}

/** One stored event as the feed gives it: [event id, shopper, item, type, value, time]. */
export type FeedEvent = [id: number, userId: number, itemId: number, type: number, value: number | null, ts: number];

/** Where the stored events end: the newest event id, and how often events were deleted. */
export interface FeedHead {
  last: number;
  deletions: number;
}

/**
 * The events stored, in the order they were stored: what a serving process keeps its
 * shoppers' recent histories current from (serving/shopper-histories.ts). Offered only by
 * a store whose event ids follow commit order. Each method answers undefined while this
 * process has a transaction open: what it would read may yet be rolled back.
 */
export interface EventFeed {
  head(): Promise<FeedHead | undefined>;
  /** The events with ids in (after, until], by id. */
  between(after: number, until: number): Promise<FeedEvent[] | undefined>;
  /** The shopper's newest events, newest first (as EventRepository.history orders them). */
  recent(userId: number, limit: number): Promise<FeedEvent[] | undefined>;
}

export interface Store extends Repositories {
  /** The store's own id, recorded at creation: a model trained on another store is never loaded. */
  readonly id: string;
  /** "sqlite" or "postgres". */
  readonly kind: string;
  /**
   * Runs fn in one transaction: all of its writes happen, or none. Throws store_busy when
   * the store cannot take the write in time, store_unavailable when it cannot be reached.
   */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  counters(): Promise<ChangeCounters>;
  /** The events stored in order, where the store can give them (SQLite: one writer at a time). */
  readonly eventFeed?: EventFeed;
  beginImport(tuning?: ImportTuning): Promise<ImportSession>;
  readonly tables: TableCopy;
  readonly leases: LeaseRepository;
  /** Completes imports a crash cut short while publishing; returns how many (0 where publishing is one transaction). */
  resumeImports(): Promise<number>;
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}
