import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import type { EmbeddingRepository, ItemTextRow, StoredEmbedding } from "../types.js";

interface TextRow {
  id: number;
  title: string | null;
  description: string | null;
  category: string | null;
  tags: string;
}

const toText = (r: TextRow): ItemTextRow => ({ ...r, tags: JSON.parse(r.tags) as string[] });

/** Item text embeddings (migration 2): written by the embedding job, read by training and serving. */
export class SqliteEmbeddings implements EmbeddingRepository {
  private readonly putStmt;
  private readonly sinceStmt;

  constructor(private readonly db: Db, private readonly gate: Gate) {
    this.putStmt = db.prepare(`
      INSERT INTO item_embeddings (item_id, model, text_hash, vector, seq)
      VALUES (?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM item_embeddings))
      ON CONFLICT (item_id) DO UPDATE SET model = excluded.model, text_hash = excluded.text_hash,
        vector = excluded.vector, seq = excluded.seq`);
    this.sinceStmt = db.prepare("SELECT item_id, vector, seq FROM item_embeddings WHERE model = ? AND seq > ? ORDER BY seq LIMIT ?");
  }

  async itemTexts(): Promise<ItemTextRow[]> {
    const rows = this.db
      .prepare("SELECT id, title, description, category, tags FROM items WHERE deleted_at IS NULL AND (title IS NOT NULL OR description IS NOT NULL OR category IS NOT NULL OR tags <> '[]') ORDER BY id")
      .all() as TextRow[];
    return rows.map(toText);
  }

  async textsOf(ids: readonly number[]): Promise<ItemTextRow[]> {
    const rows = this.db.prepare("SELECT id, title, description, category, tags FROM items WHERE id IN (SELECT value FROM json_each(?))").all(JSON.stringify(ids)) as TextRow[];
    return rows.map(toText);
  }

  async hashes(model: string): Promise<Map<number, string>> {
    const rows = this.db.prepare("SELECT item_id, text_hash FROM item_embeddings WHERE model = ?").raw(true).all(model) as [number, string][];
    return new Map(rows);
  }

  /** Stores vectors in one transaction. */
  put(model: string, rows: { id: number; hash: string; vector: Float32Array }[]): Promise<void> {
    return this.gate.write(() =>
      this.db.transaction(() => {
        for (const r of rows) this.putStmt.run(r.id, model, r.hash, Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength));
      }).immediate(),
    );
  }

  async maxSeq(): Promise<number> {
    return this.db.prepare("SELECT coalesce(max(seq), 0) FROM item_embeddings").pluck().get() as number;
  }

  async since(model: string, seq: number, limit = 10_000): Promise<StoredEmbedding[]> {
    const rows = this.sinceStmt.all(model, seq, limit) as { item_id: number; vector: Buffer; seq: number }[];
    return rows.map((r) => ({ itemId: r.item_id, seq: r.seq, vector: new Float32Array(new Uint8Array(r.vector).buffer) }));
  }
}
