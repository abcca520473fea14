import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import type { ItemInput, ItemPageQuery, ItemRepository, ItemSummary, ItemRecord } from "../types.js";
import { itemRecord, RECOMMENDABLE, type ItemRow } from "../rows.js";

/** Read from the partial index items_unrecommendable (SQLite migration 12), not by a scan. */
export const UNRECOMMENDABLE_SQL = `SELECT id FROM items WHERE NOT (${RECOMMENDABLE})`;

/** The catalogue version a write stamps on the items it changes (migration 13): above every version a reader has seen. */
export const ITEM_VERSION = "(SELECT version FROM catalogue_version) + 1";

const FACETS = "id, category, price, stock, attributes";
/** The facets of the items changed since a catalogue version: a range of the index items_version, never a scan. */
export const CHANGED_FACETS_SQL = `SELECT ${FACETS} FROM items INDEXED BY items_version WHERE version > ? ORDER BY id`;
const CHANGED_SQL = `SELECT id, ${RECOMMENDABLE}, version FROM items INDEXED BY items_version WHERE version > ? ORDER BY id`;

export class SqliteItems implements ItemRepository {
  private readonly updateStmt;
  private readonly insertStmt;
  private readonly idStmt;
  private readonly liveIdStmt;
  private readonly getStmt;
  private readonly deleteStmt;
  private readonly summariesStmt;

  constructor(private readonly db: Db, private readonly gate: Gate) {
    // An upsert replaces the item's fields, keeps its creation time and revives a deleted item.
    // Update first, insert only what is new: an INSERT … ON CONFLICT takes an AUTOINCREMENT
    // id even when it updates, and ids index the models' arrays.
    this.updateStmt = db.prepare(`
      UPDATE items SET title = @title, description = @description, category = @category, price = @price, stock = @stock,
        tags = @tags, attributes = @attributes, updated_at = @now, deleted_at = NULL, version = ${ITEM_VERSION}
      WHERE ext_id = @id RETURNING id`).pluck();
    this.insertStmt = db.prepare(`
      INSERT INTO items (ext_id, title, description, category, price, stock, tags, attributes, created_at, updated_at, version)
      VALUES (@id, @title, @description, @category, @price, @stock, @tags, @attributes, @now, @now, ${ITEM_VERSION}) RETURNING id`).pluck();
    this.idStmt = db.prepare("SELECT id FROM items WHERE ext_id = ?").pluck();
    this.liveIdStmt = db.prepare("SELECT id FROM items WHERE ext_id = ? AND deleted_at IS NULL").pluck();
    this.getStmt = db.prepare("SELECT * FROM items WHERE ext_id = ? AND deleted_at IS NULL");
    this.deleteStmt = db.prepare(`UPDATE items SET deleted_at = ?, updated_at = ?, version = ${ITEM_VERSION} WHERE ext_id = ? AND deleted_at IS NULL RETURNING id`).pluck();
    this.summariesStmt = db.prepare(`SELECT id, ext_id, title, ${RECOMMENDABLE} AS ok FROM items WHERE id IN (SELECT value FROM json_each(?))`);
  }

  upsert(item: ItemInput, now = Date.now()): Promise<number> {
    const params = itemParams(item, now);
    return this.gate.write(() => (this.updateStmt.get(params) ?? this.insertStmt.get(params)) as number);
  }

  async idOf(extId: string): Promise<number | undefined> {
    return this.idStmt.get(extId) as number | undefined;
  }

  async idsOf(extIds: readonly string[]): Promise<Map<string, number>> {
    if (extIds.length === 0) return new Map();
    const rows = this.db.prepare("SELECT ext_id, id FROM items WHERE ext_id IN (SELECT value FROM json_each(?))").raw(true).all(JSON.stringify(extIds)) as [string, number][];
    return new Map(rows);
  }

  async liveIdOf(extId: string): Promise<number | undefined> {
    return this.liveIdStmt.get(extId) as number | undefined;
  }

  async get(extId: string): Promise<ItemRecord | undefined> {
    const row = this.getStmt.get(extId) as ItemRow | undefined;
    return row && itemRecord(row);
  }

  delete(extId: string, now = Date.now()): Promise<number | undefined> {
    return this.gate.write(() => this.deleteStmt.get(now, now, extId) as number | undefined);
  }

  async summaries(ids: readonly number[]): Promise<Map<number, ItemSummary>> {
    const out = new Map<number, ItemSummary>();
    if (ids.length === 0) return out;
    const rows = this.summariesStmt.all(JSON.stringify(ids)) as { id: number; ext_id: string; title: string | null; ok: number }[];
    for (const r of rows) out.set(r.id, { extId: r.ext_id, title: r.title, recommendable: r.ok === 1 });
    return out;
  }

  async unrecommendableIds(): Promise<number[]> {
    return this.db.prepare(UNRECOMMENDABLE_SQL).pluck().all() as number[];
  }

  async maxId(): Promise<number> {
    return this.db.prepare("SELECT coalesce(max(id), 0) FROM items").pluck().get() as number;
  }

  async count(): Promise<number> {
    return this.db.prepare("SELECT count(*) FROM items WHERE deleted_at IS NULL").pluck().get() as number;
  }

  async categories(): Promise<[number, string][]> {
    return this.db.prepare("SELECT id, category FROM items WHERE category IS NOT NULL").raw(true).all() as [number, string][];
  }

  async facets(since = -1): Promise<[number, string | null, number | null, number | null, string][]> {
    const rows = since < 0 ? this.db.prepare(`SELECT ${FACETS} FROM items`).raw(true).all() : this.db.prepare(CHANGED_FACETS_SQL).raw(true).all(since);
    return rows as [number, string | null, number | null, number | null, string][];
  }

  async changedSince(since: number): Promise<[number, boolean, number][]> {
    const rows = this.db.prepare(CHANGED_SQL).raw(true).all(since) as [number, number, number][];
    return rows.map(([id, ok, version]) => [id, ok === 1, version]);
  }

  async deletedExtIds(): Promise<string[]> {
    return this.db.prepare("SELECT ext_id FROM items WHERE deleted_at IS NOT NULL").pluck().all() as string[];
  }

  async page(q: ItemPageQuery): Promise<ItemRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM items WHERE (deleted_at IS NOT NULL) = @deleted AND ext_id > @after
           AND (@category IS NULL OR category = @category)
           AND (@q IS NULL OR instr(lower(ext_id || ' ' || coalesce(title, '')), lower(@q)) > 0)
         ORDER BY ext_id LIMIT @limit`,
      )
      .all({ deleted: q.deleted ? 1 : 0, after: q.after ?? "", category: q.category ?? null, q: q.q ?? null, limit: q.limit }) as ItemRow[];
    return rows.map(itemRecord);
  }
}

export function itemParams(item: ItemInput, now: number) {
  return {
    id: item.id,
    title: item.title ?? null,
    description: item.description ?? null,
    category: item.category ?? null,
    price: item.price ?? null,
    stock: item.stock ?? null,
    tags: JSON.stringify(item.tags ?? []),
    attributes: JSON.stringify(item.attributes ?? {}),
    now,
  };
}
