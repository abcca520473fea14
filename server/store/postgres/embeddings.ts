import type { Db } from "./db.js";
import type { EmbeddingRepository, ItemTextRow, StoredEmbedding } from "../types.js";

/** Serialises writers of embeddings, so that seq order is commit order (see put). */
const EMBEDDINGS_LOCK = 0x656d6264; // "embd"

/** An item has text unless all of title, description, category and tags are empty. */
const HAS_TEXT = "(coalesce(title, '') <> '' OR coalesce(description, '') <> '' OR coalesce(category, '') <> '' OR tags <> '[]')";

type TextRow = [number, string | null, string | null, string | null, string];
const toTextRow = ([id, title, description, category, tags]: TextRow): ItemTextRow => ({ id, title, description, category, tags: JSON.parse(tags) });

export class PgEmbeddingRepository implements EmbeddingRepository {
  constructor(private readonly db: Db) {}

  async itemTexts(): Promise<ItemTextRow[]> {
    const rows = await this.db.arrays<TextRow>(
      `SELECT id, title, description, category, tags FROM items WHERE deleted_at IS NULL AND ${HAS_TEXT} ORDER BY id`,
    );
    return rows.map(toTextRow);
  }

  async textsOf(ids: readonly number[]): Promise<ItemTextRow[]> {
    const rows = await this.db.arrays<TextRow>("SELECT id, title, description, category, tags FROM items WHERE id = ANY($1::int[]) ORDER BY id", [ids]);
    return rows.map(toTextRow);
  }

  async hashes(model: string): Promise<Map<number, string>> {
    return new Map(await this.db.arrays<[number, string]>("SELECT item_id, text_hash FROM item_embeddings WHERE model = $1", [model]));
  }

  /**
   * Stores vectors in one transaction. A reader asks for seq > the last it saw, so a write
   * must never commit a smaller seq after a larger one is visible: writers take a lock
   * held until commit, then number their rows after the largest seq committed.
   */
  async put(model: string, rows: { id: number; hash: string; vector: Float32Array }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.atomically(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [EMBEDDINGS_LOCK]);
      await tx.query(
        `INSERT INTO item_embeddings (item_id, model, text_hash, vector, seq)
         SELECT r.id, $1, r.hash, r.vector, (SELECT coalesce(max(seq), 0) FROM item_embeddings) + r.n
         FROM unnest($2::int[], $3::text[], $4::bytea[]) WITH ORDINALITY AS r(id, hash, vector, n)
         ON CONFLICT (item_id) DO UPDATE SET model = excluded.model, text_hash = excluded.text_hash,
           vector = excluded.vector, seq = excluded.seq`,
        [
          model,
          rows.map((r) => r.id),
          rows.map((r) => r.hash),
          rows.map((r) => Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength)),
        ],
      );
    });
  }

  async maxSeq(): Promise<number> {
    return (await this.db.value<number>("SELECT coalesce(max(seq), 0) FROM item_embeddings"))!;
  }

  async since(model: string, seq: number, limit = 10_000): Promise<StoredEmbedding[]> {
    const rows = await this.db.arrays<[number, Buffer, number]>(
      "SELECT item_id, vector, seq FROM item_embeddings WHERE model = $1 AND seq > $2 ORDER BY seq LIMIT $3",
      [model, seq, limit],
    );
    // Copied: the driver's Buffer may be a view of a shared pool at any byte offset.
    return rows.map(([itemId, vector, s]) => ({ itemId, seq: s, vector: new Float32Array(new Uint8Array(vector).buffer) }));
  }
}
