// Batch output: JSON Lines or CSV by the file's suffix, gzip when it ends in .gz. Each
// chunk of users is encoded on its own — for gzip, as a complete gzip member (readers
// take concatenated members as one stream) — so a run can be cut back to the end of
// its last finished chunk and resumed by appending. An item's reason is the object
// /recommend gives (in CSV, its JSON text).
import { gzipSync } from "node:zlib";
import type { Recommendation } from "../recommender.js";
import { AppError } from "../errors.js";

export type BatchFormat = "jsonl" | "csv";

export function formatFor(path: string): { format: BatchFormat; gzip: boolean } {
  const gzip = path.toLowerCase().endsWith(".gz");
  const name = path.toLowerCase().replace(/\.gz$/, "");
  if (name.endsWith(".csv")) return { format: "csv", gzip };
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return { format: "jsonl", gzip };
  throw new AppError(400, "unknown_format", `${path}: the output must end in .jsonl, .ndjson or .csv (optionally .gz)`);
}

export const CSV_HEADER = "user_id,rank,item_id,score,reason\n";

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One chunk's recommendations as the bytes to append. */
export function encodeChunk(recs: Recommendation[], format: BatchFormat, gzip: boolean): Buffer {
  let text = "";
  for (const r of recs) {
    if (format === "jsonl") {
      text += JSON.stringify({
        user: r.user,
        model_version: r.model_version,
        items: r.items.map((i) => ({ id: i.id, score: i.score, reason: i.reason })),
      }) + "\n";
    } else {
      r.items.forEach((i, rank) => {
        text += `${csvField(r.user ?? "")},${rank + 1},${csvField(i.id)},${i.score},${csvField(JSON.stringify(i.reason))}\n`;
      });
    }
  }
  const raw = Buffer.from(text);
  return gzip ? gzipSync(raw) : raw;
}
