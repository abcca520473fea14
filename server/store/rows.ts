// How rows read in either backend: the same columns in both schemas, mapped to records once.
import type { AttributedEvent, ExperimentRecord, ExperimentStatus, ItemRecord, KeyRecord, RuleVersion, Scope, ServedList, UserRecord } from "./types.js";

export interface ItemRow {
  ext_id: string;
  title: string | null;
  description: string | null;
  category: string | null;
  price: number | null;
  stock: number | null;
  tags: string;
  attributes: string;
  created_at: number;
  updated_at: number;
}

/** An item is recommendable unless deleted or known to be out of stock (SQL, both dialects). */
export const RECOMMENDABLE = "deleted_at IS NULL AND (stock IS NULL OR stock > 0)";

export function itemRecord(row: ItemRow): ItemRecord {
  return {
    id: row.ext_id,
    title: row.title,
    description: row.description,
    category: row.category,
    price: row.price,
    stock: row.stock,
    tags: JSON.parse(row.tags),
    attributes: JSON.parse(row.attributes),
    available: row.stock === null || row.stock > 0,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

export interface UserRow {
  ext_id: string;
  attributes: string;
  created_at: number;
  updated_at: number;
}

export function userRecord(row: UserRow): UserRecord {
  return {
    id: row.ext_id,
    attributes: JSON.parse(row.attributes),
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

export interface KeyRow {
  id: number;
  name: string;
  scope: Scope;
  rate_per_second: number | null;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

export const KEY_COLUMNS = "id, name, scope, rate_per_second, created_at, expires_at, revoked_at, last_used_at";

export const keyRecord = (r: KeyRow): KeyRecord => ({
  id: r.id, name: r.name, scope: r.scope, ratePerSecond: r.rate_per_second,
  createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
});

export const SERVED_COLUMNS = "id, ts, user_id, placement, variant, model_version, items, teams";
export type ServedRow = { id: string; ts: number; user_id: number | null; placement: string; variant: string | null; model_version: string; items: string; teams: string | null };
export const servedRow = (l: ServedList): unknown[] => [l.id, l.ts, l.userId, l.placement, l.variant, l.modelVersion, l.items.join(","), l.teams ?? null];
export const servedList = (r: ServedRow): ServedList => ({
  id: r.id, ts: Number(r.ts), userId: r.user_id === null ? null : Number(r.user_id), placement: r.placement, variant: r.variant, modelVersion: r.model_version,
  items: r.items === "" ? [] : r.items.split(",").map(Number), teams: r.teams,
});

/**
 * Attributed events (ServedListRepository.attributed), the same SQL in both dialects but
 * for parameters (@from, @to, @window, @after, @limit, @purchase, @click, @cart): those
 * that named a list, and purchases that followed a click or cart that named one.
 */
export const ATTRIBUTED_SQL = `
  SELECT * FROM (
    SELECT e.id AS event_id, e.rec_id AS list_id, e.user_id, e.item_id, e.type, e.value, i.price, e.ts, 'direct' AS via
    FROM events e JOIN items i ON i.id = e.item_id
    WHERE e.rec_id IS NOT NULL AND e.ts >= @from AND e.ts < @to AND e.id > @after
    UNION ALL
    SELECT p.id, c.rec_id, p.user_id, p.item_id, p.type, p.value, i.price, p.ts, 'window'
    FROM events c
    JOIN events p ON p.user_id = c.user_id AND p.item_id = c.item_id AND p.type = @purchase AND p.rec_id IS NULL
      AND p.ts >= c.ts AND p.ts <= c.ts + @window AND p.ts >= @from AND p.ts < @to AND p.id > @after
    JOIN items i ON i.id = p.item_id
    WHERE c.rec_id IS NOT NULL AND c.type IN (@click, @cart) AND c.ts >= @from - @window AND c.ts < @to
      AND NOT EXISTS (SELECT 1 FROM events l WHERE l.user_id = c.user_id AND l.item_id = c.item_id AND l.rec_id IS NOT NULL
        AND l.type IN (@click, @cart) AND l.ts > c.ts AND l.ts <= p.ts)
  ) a ORDER BY event_id LIMIT @limit`;
export type AttributedRow = { event_id: number; list_id: string; user_id: number; item_id: number; type: number; value: number | null; price: number | null; ts: number; via: "direct" | "window" };
export const attributedEvent = (r: AttributedRow): AttributedEvent => ({
  eventId: Number(r.event_id), listId: r.list_id, userId: Number(r.user_id), itemId: Number(r.item_id), type: Number(r.type),
  value: r.value === null ? null : Number(r.value), price: r.price === null ? null : Number(r.price), ts: Number(r.ts), via: r.via,
});

export const EXPERIMENT_COLUMNS = "id, definition, status, version, created_at, updated_at, started_at, stopped_at";
export type ExperimentRow = { id: string; definition: string; status: ExperimentStatus; version: number; created_at: number; updated_at: number; started_at: number | null; stopped_at: number | null };
/** Both dialects: the definition and/or status if the version matches; started_at and stopped_at set on first start and each stop. */
export const EXPERIMENT_UPDATE_SQL = `
  UPDATE experiments SET
    definition = coalesce(@definition, definition),
    status = coalesce(@status, status),
    version = version + 1,
    updated_at = @now,
    started_at = CASE WHEN @status = 'running' AND started_at IS NULL THEN @now ELSE started_at END,
    stopped_at = CASE WHEN @status = 'stopped' THEN @now WHEN @status = 'running' THEN NULL ELSE stopped_at END
  WHERE id = @id AND version = @version
  RETURNING ${EXPERIMENT_COLUMNS}`;
const num = (v: number | null) => (v === null ? null : Number(v));
export const experimentRecord = (r: ExperimentRow): ExperimentRecord => ({
  id: r.id, definition: r.definition, status: r.status, version: Number(r.version), createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
  startedAt: num(r.started_at), stoppedAt: num(r.stopped_at),
});

export const RULE_COLUMNS = "id, version, definition, created_at, actor";
export type RuleRow = { id: string; version: number; definition: string | null; created_at: number; actor: string };
export const ruleVersion = (r: RuleRow): RuleVersion => ({ id: r.id, version: Number(r.version), definition: r.definition, createdAt: Number(r.created_at), actor: r.actor });
