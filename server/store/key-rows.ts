// How an API key row reads in either backend (the same columns in both schemas).
import type { KeyRecord, Scope } from "./types.js";

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
