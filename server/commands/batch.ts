import { z } from "zod";
import { defineCommand } from "./command.js";
import { wholeNumber } from "./flags.js";
import { LOGGING, SCORING, STORE, settings } from "./settings.js";
import { runBatch } from "../batch/batch.js";
import { readRecords } from "../import/record-source.js";
import { makeProgress } from "../platform/progress.js";
import { AppError } from "../errors.js";

export const batchCommand = defineCommand({
  summary: "write every user's (or the listed users') top n to a JSON Lines or CSV file (.gz: gzip); resumable",
  usage: "--out F [-n 50] [--users F] [--workers N (threads; 0: none)] [--include-purchased] [--chunk-size 500]",
  flags: {
    out: z.string().describe("the file to write: .jsonl, .ndjson or .csv, optionally .gz; a run cut short resumes into it"),
    n: wholeNumber(1).default(50).describe("items per shopper (at most --max-results)"),
    users: z.string().optional().describe("a CSV or JSON Lines file whose user_id column lists the shoppers (none: all)"),
    includePurchased: z.boolean().default(false).describe("also recommend items the shopper has bought"),
    chunkSize: wholeNumber(1).default(500).describe("shoppers per chunk: the unit of work of a thread and of resuming"),
  },
  short: { o: "out", n: "n" },
  settings: settings(STORE, LOGGING, SCORING, ["workers"]),
  async run(config, flags) {
    if (flags.n > config.maxResults) throw new AppError(400, "bad_flag", `-n: must be at most --max-results (${config.maxResults}), not ${flags.n}`);
    const users = flags.users === undefined ? undefined : await readUserIds(flags.users);
    const summary = await runBatch(
      config,
      { out: flags.out, n: flags.n, includePurchased: flags.includePurchased, users, usersSource: flags.users ?? "all", workers: config.workers, chunkSize: flags.chunkSize },
      makeProgress,
    );
    process.stdout.write(JSON.stringify(summary) + "\n");
    return 0;
  },
});

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
