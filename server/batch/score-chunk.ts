// Scores one chunk of users with the production recommender: the same lists /recommend
// serves, from one pinned model version.
import type { Runtime } from "../runtime.js";
import { encodeChunk, type BatchFormat } from "./output.js";

export interface ChunkJob {
  n: number;
  includePurchased: boolean;
  format: BatchFormat;
  gzip: boolean;
}

/**
 * A listed shopper the store does not know — never seen, or erased since the run began —
 * is left out: a batch never writes a list for an erased shopper.
 */
export async function scoreChunk(rt: Runtime, users: string[], job: ChunkJob): Promise<Uint8Array> {
  const recs = [];
  for (const u of users) {
    if ((await rt.store.users.idOf(u)) !== undefined) recs.push(await rt.recommender.recommend(u, job.n, job.includePurchased));
  }
  // A copy with its own buffer, so it can be transferred between threads.
  return new Uint8Array(encodeChunk(recs, job.format, job.gzip));
}
