// How rows read in either backend: the same columns in both schemas, mapped to records once.
import type { ItemRecord, KeyRecord, RuleVersion, Scope, ServedList, UserRecord } from "./types.js";

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

export const SERVED_COLUMNS = "id, ts, user_id, placement, variant, model_version, items";
export type ServedRow = { id: string; ts: number; user_id: number | null; placement: string; variant: string | null; model_version: string; items: string };
export const servedRow = (l: ServedList): unknown[] => [l.id, l.ts, l.userId, l.placement, l.variant, l.modelVersion, l.items.join(",")];
export const servedList = (r: ServedRow): ServedList => ({
  id: r.id, ts: Number(r.ts), userId: r.user_id === null ? null : Number(r.user_id), placement: r.placement, variant: r.variant, modelVersion: r.model_version,
  items: r.items === "" ? [] : r.items.split(",").map(Number),
});

export const RULE_COLUMNS = "id, version, definition, created_at, actor";
export type RuleRow = { id: string; version: number; definition: string | null; created_at: number; actor: string };
export const ruleVersion = (r: RuleRow): RuleVersion => ({ id: r.id, version: Number(r.version), definition: r.definition, createdAt: Number(r.created_at), actor: r.actor });
