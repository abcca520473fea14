// Publishing an import's staged rows (import-session.ts) inside its one transaction: items
// and shoppers upserted, then chunk by chunk the shoppers and items events name that the
// store lacks created untitled and the events resolved to internal ids by joins. Each step
// is one set-based statement. No statement
// takes an id from a sequence without inserting its row (ids index the models' arrays):
// inserts are filtered by NOT EXISTS, ON CONFLICT only covers a concurrent writer.
import type pg from "pg";
import type { PublishTotals } from "../types.js";

/** An item row replaces the item's fields and revives it; a later row of the same item wins. */
const ITEMS = [`
  WITH last AS (SELECT DISTINCT ON (ext_id) * FROM import_items ORDER BY ext_id, ord DESC)
  UPDATE items i SET title = s.title, description = s.description, category = s.category, price = s.price,
    stock = s.stock, tags = s.tags, attributes = s.attributes, updated_at = $1, deleted_at = NULL
  FROM last s WHERE i.ext_id = s.ext_id`,
  `INSERT INTO items (ext_id, title, description, category, price, stock, tags, attributes, created_at, updated_at)
  SELECT s.ext_id, s.title, s.description, s.category, s.price, s.stock, s.tags, s.attributes, $1, $1
  FROM (SELECT DISTINCT ON (ext_id) * FROM import_items ORDER BY ext_id, ord DESC) s
  WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.ext_id = s.ext_id)
  ORDER BY s.ord
  ON CONFLICT (ext_id) DO UPDATE SET title = excluded.title, description = excluded.description,
    category = excluded.category, price = excluded.price, stock = excluded.stock, tags = excluded.tags,
    attributes = excluded.attributes, updated_at = excluded.updated_at, deleted_at = NULL`];

const USERS = [`
  WITH last AS (SELECT DISTINCT ON (ext_id) * FROM import_users ORDER BY ext_id, ord DESC)
  UPDATE users u SET attributes = s.attributes, updated_at = $1 FROM last s WHERE u.ext_id = s.ext_id`,
  `INSERT INTO users (ext_id, attributes, created_at, updated_at)
  SELECT s.ext_id, s.attributes, $1, $1
  FROM (SELECT DISTINCT ON (ext_id) * FROM import_users ORDER BY ext_id, ord DESC) s
  WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.ext_id = s.ext_id)
  ORDER BY s.ord
  ON CONFLICT (ext_id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at`];

const CREATE_ITEMS = `
  INSERT INTO items (ext_id, created_at, updated_at)
  SELECT e.ext_id, $1, $1 FROM import_event_items e
  WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.ext_id = e.ext_id)
  ON CONFLICT (ext_id) DO NOTHING`;

const CREATE_USERS = `
  INSERT INTO users (ext_id, created_at, updated_at)
  SELECT e.ext_id, $1, $1 FROM import_event_users e
  WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.ext_id = e.ext_id)
  ON CONFLICT (ext_id) DO NOTHING`;

const EVENTS_FROM = `
  INSERT INTO events (user_id, item_id, type, value, ts, context, event_id, rec_id)
  SELECT u.id, i.id, e.type, e.value, e.ts, e.context, e.event_id, e.rec_id
  FROM import_events e JOIN users u ON u.ext_id = e.user_ext JOIN items i ON i.ext_id = e.item_ext`;

/** Events without an event id cannot conflict: a plain insert, no per-row speculative check. */
const EVENTS_WITHOUT_ID = `${EVENTS_FROM} WHERE e.event_id IS NULL`;

/** An event id stored before (by anyone) is not stored again: counted as a duplicate. */
const EVENTS_WITH_ID = `${EVENTS_FROM}
  WHERE e.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events x WHERE x.event_id = e.event_id)
  ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO NOTHING`;

const count = async (client: pg.ClientBase, sql: string, values: unknown[]) => (await client.query(sql, values)).rowCount ?? 0;

/** Upserts the staged items and shoppers (files rows). */
export async function publishItemsAndUsers(client: pg.ClientBase, staged: { items: number; users: number }, now: number): Promise<void> {
  // The planner's estimates of the staging tables (never analysed otherwise) choose the joins.
  await client.query("ANALYZE import_items, import_users");
  if (staged.items > 0) for (const sql of ITEMS) await count(client, sql, [now]);
  if (staged.users > 0) for (const sql of USERS) await count(client, sql, [now]);
}

/**
 * Publishes the staged chunk of events: creates the shoppers and items it names that the
 * store lacks, inserts its events, and empties the chunk's staging tables for the next.
 */
export async function publishEvents(client: pg.ClientBase, now: number): Promise<Omit<PublishTotals, "rows">> {
  await client.query("ANALYZE import_events, import_event_users, import_event_items");
  const createdItems = await count(client, CREATE_ITEMS, [now]);
  const createdUsers = await count(client, CREATE_USERS, [now]);
  await count(client, EVENTS_WITHOUT_ID, []);
  const withId = Number((await client.query("SELECT count(*) FROM import_events WHERE event_id IS NOT NULL")).rows[0].count);
  const duplicates = withId - (await count(client, EVENTS_WITH_ID, []));
  await client.query("TRUNCATE import_events, import_event_users, import_event_items");
  return { createdItems, createdUsers, duplicates };
}
