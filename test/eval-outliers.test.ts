// One event with a wild date in a train file must not move the ranker's quality: on the
// eval split (../shared/eval, skipped where it is absent), `tuijian eval` on the train file
// as it is, and with one more line — a real shopper and item — dated 2018 or 1970. Before
// the robust decay reference, the 2018 line cut recall@20 from 0.147 to 0.132.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { projectRoot } from "../server/project-root.js";
import { tempDir, writeFile } from "./helpers.js";

const SPLIT = join(projectRoot(), "..", "shared", "eval", "online-retail");
const CLI = join(projectRoot(), "dist", "server", "cli.js");
const TRAIN = join(SPLIT, "train.csv.gz");

/**
 * recall@20 of the built CLI's eval, three at once. Without the text source (built from
 * item texts alone, no event time reaches it) a run takes ~20 s of one core, not ~45.
 */
async function evalRecall(train: string): Promise<{ recall: number; events: number; rejected: number }> {
  const args = [CLI, "eval", "--train", train, "--test", join(SPLIT, "test.csv.gz"), "--items", join(SPLIT, "items.csv.gz"), "--embedding-model", "none", "--json"];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 2 ** 20 });
  const report = JSON.parse(stdout);
  return { recall: report.ranker.recall, events: report.train.events, rejected: report.train.rejectedRows };
}

describe.skipIf(!existsSync(TRAIN))("the eval split with one event dated far from the rest", () => {
  it("keeps recall@20 within 0.002 whether the date is 2018 or 1970", async () => {
    const dir = tempDir();
    const text = gunzipSync(readFileSync(TRAIN)).toString("utf8").replace(/\n?$/, "\n");
    const withLine = (date: string) => writeFile(dir, `train-${date}.csv`, `${text}17850,85123A,purchase,${date}T12:00:00Z,6\n`);
    const [base, later, earlier] = await Promise.all([evalRecall(TRAIN), evalRecall(withLine("2018-06-01")), evalRecall(withLine("1970-01-02"))]);
    expect(base.events).toBe(330_160);
    for (const run of [later, earlier]) {
      expect(run).toMatchObject({ events: 330_161, rejected: 0 });
      expect(Math.abs(run.recall - base.recall)).toBeLessThan(0.002);
    }
  }, 600_000);
});
