import type { Db } from "./db.js";
import type { ItemInput, ItemPageQuery, ItemRepository, ItemSummary, ItemRecord } from "../types.js";
import { itemRecord, RECOMMENDABLE, type ItemRow } from "../rows.js";

/**
 * Update first, insert only when there was nothing to update: INSERT … ON CONFLICT would
 * take an id from the sequence on every call, and ids are array indices. A concurrent
 * insert of the same item meets ON CONFLICT (one id lost, rarely). Revives a deleted item.
 */
const UPSERT = `
  WITH updated AS (
    UPDATE items SET title = $2, description = $3, category = $4, price = $5, stock = $6, tags = $7, attributes = $8,
      updated_at = $9, deleted_at = NULL
    WHERE ext_id = $1 RETURNING id),
  inserted AS (
    INSERT INTO items (ext_id, title, description, category, price, stock, tags, attributes, created_at, updated_at)
    SELECT $1::text, $2::text, $3::text, $4::text, $5::float8, $6::bigint, $7::text, $8::text, $9::bigint, $9::bigint
    WHERE NOT EXISTS (SELECT 1 FROM updated)
    ON CONFLICT (ext_id) DO UPDATE SET title = excluded.title, description = excluded.description,
      category = excluded.category, price = excluded.price, stock = excluded.stock, tags = excluded.tags,
      attributes = excluded.attributes, updated_at = excluded.updated_at, deleted_at = NULL
    RETURNING id)
  SELECT id FROM updated UNION ALL SELECT id FROM inserted`;

export class PgItemRepository implements ItemRepository {
  constructor(private readonly db: Db) {}

  async upsert(item: ItemInput, now = Date.now()): Promise<number> {
    return (await this.db.value<number>(UPSERT, [
      item.id, item.title ?? null, item.description ?? null, item.category ?? null, item.price ?? null, item.stock ?? null,
      JSON.stringify(item.tags ?? []), JSON.stringify(item.attributes ?? {}), now,
    ]))!;
  }

  idOf(extId: string): Promise<number | undefined> {
    return this.db.value("SELECT id FROM items WHERE ext_id = $1", [extId]);
  }

  async idsOf(extIds: readonly string[]): Promise<Map<string, number>> {
    if (extIds.length === 0) return new Map();
    return new Map(await this.db.arrays<[string, number]>("SELECT ext_id, id FROM items WHERE ext_id = ANY($1::text[])", [extIds]));
  }

  liveIdOf(extId: string): Promise<number | undefined> {
    return this.db.value("SELECT id FROM items WHERE ext_id = $1 AND deleted_at IS NULL", [extId]);
  }

  async get(extId: string): Promise<ItemRecord | undefined> {
    const [row] = await this.db.rows<ItemRow>("SELECT * FROM items WHERE ext_id = $1 AND deleted_at IS NULL", [extId]);
    return row && itemRecord(row);
  }

  delete(extId: string, now = Date.now()): Promise<number | undefined> {
    return this.db.value("UPDATE items SET deleted_at = $1, updated_at = $1 WHERE ext_id = $2 AND deleted_at IS NULL RETURNING id", [now, extId]);
  }

  async summaries(ids: readonly number[]): Promise<Map<number, ItemSummary>> {
    const rows = await this.db.arrays<[number, string, string | null, boolean]>(
      `SELECT id, ext_id, title, ${RECOMMENDABLE} FROM items WHERE id = ANY($1::int[])`,
      [ids],
    );
    return new Map(rows.map(([id, extId, title, ok]) => [id, { extId, title, recommendable: ok }]));
  }

  async unrecommendableIds(): Promise<number[]> {
    return (await this.db.arrays<[number]>(`SELECT id FROM items WHERE NOT (${RECOMMENDABLE}) ORDER BY id`)).map((r) => r[0]);
  }

  async maxId(): Promise<number> {
    return (await this.db.value<number>("SELECT coalesce(max(id), 0) FROM items"))!;
  }

  async count(): Promise<number> {
    return (await this.db.value<number>("SELECT count(*) FROM items WHERE deleted_at IS NULL"))!;
  }

  categories(): Promise<[number, string][]> {
    return this.db.arrays("SELECT id, category FROM items WHERE category IS NOT NULL ORDER BY id");
  }

  async facets(since = -1): Promise<[number, string | null, number | null, number | null, string][]> {
    const rows = await this.db.arrays<[number, string | null, number | null, string | number | null, string]>(
      "SELECT id, category, price, stock, attributes::text FROM items WHERE version > $1 ORDER BY id", [since]);
    return rows.map(([id, category, price, stock, attributes]) => [id, category, price, stock === null ? null : Number(stock), attributes]);
  }

  async changedSince(since: number): Promise<[number, boolean, number][]> {
    const rows = await this.db.arrays<[number, boolean, string]>(`SELECT id, ${RECOMMENDABLE}, version FROM items WHERE version > $1 ORDER BY id`, [since]);
    return rows.map(([id, ok, version]) => [id, ok, Number(version)]);
  }

  async deletedExtIds(): Promise<string[]> {
    return (await this.db.arrays<[string]>("SELECT ext_id FROM items WHERE deleted_at IS NOT NULL")).map((r) => r[0]);
  }

  async page(q: ItemPageQuery): Promise<ItemRecord[]> {
    const rows = await this.db.rows<ItemRow>(
      `SELECT * FROM items WHERE (deleted_at IS NOT NULL) = $1 AND ext_id > $2
         AND ($3::text IS NULL OR category = $3)
         AND ($4::text IS NULL OR strpos(lower(ext_id || ' ' || coalesce(title, '')), lower($4)) > 0)
       ORDER BY ext_id LIMIT $5`,
      [q.deleted ?? false, q.after ?? "", q.category ?? null, q.q ?? null, q.limit],
    );
    return rows.map(itemRecord);
  }
}
