// Brings a database's schema up to date on open, in one transaction, under an advisory
// lock: two processes opening a new database at once do not both create it.
import { randomUUID } from "node:crypto";
import type { Db } from "./db.js";
import { MIGRATIONS, SCHEMA_VERSION } from "./schema.js";

/** Any constant, the same in every tuijian: advisory lock keys are per database. */
const MIGRATION_LOCK = 0x7475696a; // "tuij"

/** Applies the missing migrations; returns the store's id. db must be a transaction's. */
export async function migrate(db: Db): Promise<string> {
  // Waits for another process's migration (or long import) whatever the busy timeout.
  await db.query("SET LOCAL lock_timeout = '60s'");
  await db.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
  await db.query("CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL)");
  const current = Number((await db.value<string>("SELECT value FROM meta WHERE key = 'schema_version'")) ?? 0);
  if (current > SCHEMA_VERSION) {
    throw new Error(`store schema version ${current} is newer than this tuijian (${SCHEMA_VERSION}); upgrade tuijian`);
  }
  for (let v = current; v < SCHEMA_VERSION; v++) await db.query(MIGRATIONS[v]);
  await db.query(
    `INSERT INTO meta (key, value) VALUES ('schema_version', $1), ('store_id', $2)
     ON CONFLICT (key) DO UPDATE SET value = CASE WHEN meta.key = 'schema_version' THEN excluded.value ELSE meta.value END`,
    [String(SCHEMA_VERSION), randomUUID()],
  );
  return (await db.value<string>("SELECT value FROM meta WHERE key = 'store_id'"))!;
}
