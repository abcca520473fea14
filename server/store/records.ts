// The records the store keeps and hands out, shared by every backend and their callers.

export interface ItemInput {
  id: string;
  title?: string | null;
  description?: string | null;
  category?: string | null;
  price?: number | null;
  stock?: number | null;
  tags?: string[];
  attributes?: Record<string, unknown>;
}

export interface ItemRecord {
  id: string;
  title: string | null;
  description: string | null;
  category: string | null;
  price: number | null;
  stock: number | null;
  tags: string[];
  attributes: Record<string, unknown>;
  available: boolean;
  created_at: string;
  updated_at: string;
}

export interface ItemSummary {
  extId: string;
  title: string | null;
  recommendable: boolean;
}

/** The fields of an item its text is made of. */
export interface ItemTextRow {
  id: number;
  title: string | null;
  description: string | null;
  category: string | null;
  tags: string[];
}

export interface UserInput {
  id: string;
  attributes?: Record<string, unknown>;
}

export interface UserRecord {
  id: string;
  attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface EventRow {
  userId: number;
  itemId: number;
  /** Event type code (models/event-types.ts). */
  type: number;
  value: number | null;
  /** Milliseconds since the Unix epoch. */
  ts: number;
  context: string | null;
  /** The client's id of the event: an id stored before is not stored again. */
  eventId?: string | null;
  /** The recommendation_id of the list the shopper acted from, for attribution. */
  recId?: string | null;
}

/** An event of an import, naming its shopper and item by external id. */
export type StagedEvent = Omit<EventRow, "userId" | "itemId"> & { userExtId: string; itemExtId: string };

export interface HistoryEvent {
  itemId: number;
  type: number;
  value: number | null;
  ts: number;
}

export interface TimeProfile {
  latest?: number;
  reference?: number;
  cutoff?: number;
}

/** [user_id, item_id, type, value, ts], the order training reads them in. */
export type RawEvent = [number, number, number, number | null, number];

/** An event as a privacy export shows it. */
export interface ExportedEvent {
  id: number;
  event_id: string | null;
  item_id: string;
  type: number;
  value: number | null;
  ts: number;
  context: string | null;
}

/** A page of the catalogue, in external id order (for browsing). */
export interface ItemPageQuery {
  limit: number;
  /** Items whose external id sorts after this one (the next page). */
  after?: string;
  category?: string;
  /** Case-insensitive text that the external id or the title contains. */
  q?: string;
  /** Deleted items only (default: live items only). */
  deleted?: boolean;
}

/** How many events of a type a UTC day holds. */
export interface DayTypeCount {
  /** The day's start, milliseconds since the Unix epoch. */
  day: number;
  type: number;
  count: number;
}

export interface StoredEmbedding {
  itemId: number;
  vector: Float32Array;
  seq: number;
}

export const SCOPES = ["read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export interface KeyRecord {
  id: number;
  name: string;
  scope: Scope;
  /** Requests per second; null: the scope's default. */
  ratePerSecond: number | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** A list /recommend served, kept for attributing what shoppers then did (items: internal ids, in their places). */
export interface ServedList {
  /** The response's recommendation_id. */
  id: string;
  ts: number;
  userId: number | null;
  placement: string;
  variant: string | null;
  modelVersion: string;
  items: number[];
  /** An interleaved list: which ranker placed each item ("a" or "b" per place); null otherwise. */
  teams?: string | null;
}

/** A served list's page for reports: lists served in [from, to), optionally only variants starting with a prefix. */
export interface ServedPageQuery {
  from: number;
  to: number;
  variantPrefix?: string;
  /** Lists after this one in (ts, id) order (the next page). */
  after?: { ts: number; id: string };
  limit: number;
}

/** An event attributed to a list: it named the list, or it is a purchase that followed a click or cart that did. */
export interface AttributedEvent {
  /** The event's own id (a purchase is attributed once, to the latest click within the window). */
  eventId: number;
  listId: string;
  userId: number;
  itemId: number;
  type: number;
  value: number | null;
  /** The item's price now (revenue = value × price). */
  price: number | null;
  ts: number;
  /** "direct": the event named the list; "window": a purchase after a click or cart that named it. */
  via: "direct" | "window";
}

export const EXPERIMENT_STATUSES = ["draft", "running", "stopped"] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** An experiment as stored; `definition` is JSON that analytics/experiments checks. */
export interface ExperimentRecord {
  id: string;
  definition: string;
  status: ExperimentStatus;
  /** Moves on every change: an update names the version it read. */
  version: number;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  stoppedAt: number | null;
}

/** One version of a merchandising rule; `definition` (JSON, serving/rules checks it) is null for a deletion. */
export interface RuleVersion {
  /** The rule's id, chosen by the shop or given at creation. */
  id: string;
  version: number;
  definition: string | null;
  createdAt: number;
  /** Who wrote it: a key's name, "cli" or "local". */
  actor: string;
}

export interface AuditEntry {
  id: number;
  time: string;
  /** The key's name, "cli", or "local" (no keys exist yet). */
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  limit: number;
  /** Entries with a smaller id (the next page). */
  before?: number;
  action?: string;
}
