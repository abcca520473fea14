import { busyAsError, type Db } from "./database.js";

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

interface ItemRow {
  id: number;
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
  deleted_at: number | null;
}

/** Bounds the summaries cache of a process (about 150 bytes an item). */
const MAX_CACHED_SUMMARIES = 200_000;

/** An item is recommendable unless deleted or known to be out of stock. */
const RECOMMENDABLE = "deleted_at IS NULL AND (stock IS NULL OR stock > 0)";

export class ItemRepository {
  private readonly upsertStmt;
  private readonly stubStmt;
  private readonly idStmt;
  private readonly liveIdStmt;
  private readonly getStmt;
  private readonly deleteStmt;
  private readonly summariesStmt;
  private readonly versionStmt;
  /** Summaries read so far, valid while the catalogue version is `cachedVersion`. */
  private readonly cached = new Map<number, ItemSummary>();
  private cachedVersion = -1;

  constructor(private readonly db: Db) {
    // An upsert replaces the item's fields, keeps its creation time and revives a deleted item.
    this.upsertStmt = db.prepare(`
      INSERT INTO items (ext_id, title, description, category, price, stock, tags, attributes, created_at, updated_at)
      VALUES (@id, @title, @description, @category, @price, @stock, @tags, @attributes, @now, @now)
      ON CONFLICT (ext_id) DO UPDATE SET
        title = excluded.title, description = excluded.description, category = excluded.category,
        price = excluded.price, stock = excluded.stock, tags = excluded.tags, attributes = excluded.attributes,
        updated_at = excluded.updated_at, deleted_at = NULL
      RETURNING id`);
    this.stubStmt = db.prepare(
      "INSERT INTO items (ext_id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (ext_id) DO NOTHING RETURNING id",
    );
    this.idStmt = db.prepare("SELECT id FROM items WHERE ext_id = ?").pluck();
    this.liveIdStmt = db.prepare("SELECT id FROM items WHERE ext_id = ? AND deleted_at IS NULL").pluck();
    this.getStmt = db.prepare("SELECT * FROM items WHERE ext_id = ? AND deleted_at IS NULL");
    this.deleteStmt = db.prepare("UPDATE items SET deleted_at = ?, updated_at = ? WHERE ext_id = ? AND deleted_at IS NULL RETURNING id").pluck();
    this.summariesStmt = db.prepare(
      `SELECT id, ext_id, title, ${RECOMMENDABLE} AS ok FROM items WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.versionStmt = db.prepare("SELECT version FROM catalogue_version").pluck();
  }

  /** Inserts or replaces one item; returns its internal id. Call inside a transaction for batches. */
  upsert(item: ItemInput, now = Date.now()): number {
    const row = this.upsertStmt.get({
      id: item.id,
      title: item.title ?? null,
      description: item.description ?? null,
      category: item.category ?? null,
      price: item.price ?? null,
      stock: item.stock ?? null,
      tags: JSON.stringify(item.tags ?? []),
      attributes: JSON.stringify(item.attributes ?? {}),
      now,
    }) as { id: number };
    return row.id;
  }

  /** The internal id of an item, creating an untitled one if it is new (bulk event imports). */
  ensure(extId: string, now = Date.now()): { id: number; created: boolean } {
    const created = this.stubStmt.get(extId, now, now) as { id: number } | undefined;
    return created ? { id: created.id, created: true } : { id: this.idStmt.get(extId) as number, created: false };
  }

  /** The internal id of an item, deleted or not; undefined when unknown. */
  idOf(extId: string): number | undefined {
    return this.idStmt.get(extId) as number | undefined;
  }

  /** The internal id of an item that exists and is not deleted; undefined otherwise. */
  liveIdOf(extId: string): number | undefined {
    return this.liveIdStmt.get(extId) as number | undefined;
  }

  get(extId: string): ItemRecord | undefined {
    const row = this.getStmt.get(extId) as ItemRow | undefined;
    return row && toRecord(row);
  }

  /** Soft-deletes an item (events keep referring to it); returns its internal id, or undefined. */
  delete(extId: string, now = Date.now()): number | undefined {
    return busyAsError(() => this.deleteStmt.get(now, now, extId) as number | undefined);
  }

  /**
   * External id, title and recommendability of the given internal ids: from this
   * process's cache unless the catalogue changed since (a write by any process), so a
   * request usually reads one row, not one per listed item.
   */
  summaries(ids: ArrayLike<number>): Map<number, ItemSummary> {
    const version = this.versionStmt.get() as number;
    if (version !== this.cachedVersion || this.cached.size > MAX_CACHED_SUMMARIES) {
      this.cached.clear();
      this.cachedVersion = version;
    }
    const out = new Map<number, ItemSummary>();
    const missing: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const s = this.cached.get(ids[i]);
      if (s) out.set(ids[i], s);
      else missing.push(ids[i]);
    }
    if (missing.length === 0) return out;
    const rows = this.summariesStmt.all(JSON.stringify(missing)) as { id: number; ext_id: string; title: string | null; ok: number }[];
    for (const r of rows) {
      const s = { extId: r.ext_id, title: r.title, recommendable: r.ok === 1 };
      this.cached.set(r.id, s);
      out.set(r.id, s);
    }
    return out;
  }

  /** Internal ids of items that must not be recommended. */
  unrecommendableIds(): number[] {
    return this.db.prepare(`SELECT id FROM items WHERE NOT (${RECOMMENDABLE})`).pluck().all() as number[];
  }

  maxId(): number {
    return (this.db.prepare("SELECT coalesce(max(id), 0) FROM items").pluck().get() as number) ?? 0;
  }

  count(): number {
    return this.db.prepare("SELECT count(*) FROM items WHERE deleted_at IS NULL").pluck().get() as number;
  }
}

function toRecord(row: ItemRow): ItemRecord {
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
