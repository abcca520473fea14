import { createHash } from "node:crypto";
import { busyAsError, type Db } from "./database.js";

import type { ItemTextFields } from "../embedding/item-text.js";

type ToText = (item: ItemTextFields) => string;

interface TextRow {
  id: number;
  title: string | null;
  description: string | null;
  category: string | null;
  tags: string;
}

export interface StoredEmbedding {
  itemId: number;
  vector: Float32Array;
  seq: number;
}

export const textHash = (text: string) => createHash("sha1").update(text).digest("base64");

/** Item text embeddings (see migration 2): written by the embedding job, read by training and serving. */
export class EmbeddingRepository {
  private readonly putStmt;
  private readonly sinceStmt;

  constructor(private readonly db: Db) {
    this.putStmt = db.prepare(`
      INSERT INTO item_embeddings (item_id, model, text_hash, vector, seq)
      VALUES (?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM item_embeddings))
      ON CONFLICT (item_id) DO UPDATE SET model = excluded.model, text_hash = excluded.text_hash,
        vector = excluded.vector, seq = excluded.seq`);
    this.sinceStmt = db.prepare(
      "SELECT item_id, vector, seq FROM item_embeddings WHERE model = ? AND seq > ? ORDER BY seq LIMIT ?",
    );
  }

  /**
   * Live items whose text has no embedding by `model` yet, or whose text changed since
   * (the text is `toText` of the item's fields; items with empty text are skipped).
   */
  stale(model: string, toText: ToText): { id: number; text: string; hash: string }[] {
    const out: { id: number; text: string; hash: string }[] = [];
    const rows = this.db.prepare(`
      SELECT i.id, i.title, i.description, i.category, i.tags, e.model, e.text_hash
      FROM items i LEFT JOIN item_embeddings e ON e.item_id = i.id
      WHERE i.deleted_at IS NULL ORDER BY i.id`);
    for (const r of rows.iterate() as Iterable<TextRow & { model: string | null; text_hash: string | null }>) {
      const text = textOf(r, toText);
      if (!text) continue;
      const hash = textHash(text);
      if (r.model !== model || r.text_hash !== hash) out.push({ id: r.id, text, hash });
    }
    return out;
  }

  /** Every live item's text (items without any are left out), by id. */
  itemTexts(toText: ToText): { id: number; text: string }[] {
    const rows = this.db.prepare("SELECT id, title, description, category, tags FROM items WHERE deleted_at IS NULL ORDER BY id").all() as TextRow[];
    return rows.map((r) => ({ id: r.id, text: textOf(r, toText) })).filter((r) => r.text);
  }

  /** The text of the given items (live or not), by id. */
  textsOf(ids: number[], toText: ToText): Map<number, string> {
    const rows = this.db.prepare("SELECT id, title, description, category, tags FROM items WHERE id IN (SELECT value FROM json_each(?))").all(JSON.stringify(ids)) as TextRow[];
    return new Map(rows.map((r) => [r.id, textOf(r, toText)]));
  }

  /** Stores vectors in one transaction; throws store_busy when another process holds the lock too long. */
  put(model: string, rows: { id: number; hash: string; vector: Float32Array }[]): void {
    busyAsError(() =>
      this.db.transaction(() => {
        for (const r of rows) this.putStmt.run(r.id, model, r.hash, Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength));
      }).immediate(),
    );
  }

  /** The last write's sequence number (0: none yet). */
  maxSeq(): number {
    return this.db.prepare("SELECT coalesce(max(seq), 0) FROM item_embeddings").pluck().get() as number;
  }

  /** Vectors by `model` written after `seq` (0: all), oldest first, at most `limit`. */
  since(model: string, seq: number, limit = 10_000): StoredEmbedding[] {
    const rows = this.sinceStmt.all(model, seq, limit) as { item_id: number; vector: Buffer; seq: number }[];
    return rows.map((r) => ({ itemId: r.item_id, seq: r.seq, vector: new Float32Array(new Uint8Array(r.vector).buffer) }));
  }
}

function textOf(r: TextRow, toText: ToText): string {
  const tags = JSON.parse(r.tags) as string[];
  if (!r.title && !r.description && !r.category && tags.length === 0) return "";
  return toText({ title: r.title ?? "", description: r.description, category: r.category, tags });
}
