import type { Command } from "./index.js";
import { runBatch } from "../batch/batch.js";
import { readRecords } from "../import/record-source.js";
import { progress } from "../platform/progress.js";
import { AppError } from "../errors.js";

export const batchCommand: Command = {
  summary: "write every user's (or the listed users') top n to a JSON Lines or CSV file (.gz: gzip); resumable",
  usage: "--out F [-n 50] [--users F] [--workers N (threads; 0: none)] [--include-purchased] [--chunk-size 500]",
  options: {
    out: { type: "string", short: "o" },
    n: { type: "string", short: "n" },
    users: { type: "string" },
    "include-purchased": { type: "boolean" },
    "chunk-size": { type: "string" },
  },
  async run(config, flags) {
    if (typeof flags.out !== "string") throw new AppError(400, "bad_flag", "--out F is required (.jsonl, .ndjson or .csv, optionally .gz)");
    const n = Number(flags.n ?? 50);
    if (!Number.isInteger(n) || n < 1 || n > config.maxResults) throw new AppError(400, "bad_flag", `-n must be a whole number from 1 to ${config.maxResults}`);
    const chunkSize = Number(flags["chunk-size"] ?? 500);
    if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new AppError(400, "bad_flag", "--chunk-size must be a whole number ≥ 1");
    const users = typeof flags.users === "string" ? await readUserIds(flags.users) : undefined;
    const summary = await runBatch(
      config,
      { out: flags.out, n, includePurchased: flags["include-purchased"] === true, users, usersSource: flags.users ? String(flags.users) : "all", workers: config.workers, chunkSize },
      progress,
    );
    process.stdout.write(JSON.stringify(summary) + "\n");
    return 0;
  },
};

/** User ids from a CSV or JSON Lines file with a user_id column / key. */
async function readUserIds(file: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const rec of readRecords(file)) {
    const id = String(rec.fields?.user_id ?? "").trim();
    if (!id) throw new AppError(400, "bad_users_file", `${file}:${rec.line}: ${rec.error ?? "no user_id"}`);
    ids.push(id);
  }
  return ids;
}
