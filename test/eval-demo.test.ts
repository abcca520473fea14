// `tuijian eval --demo` as a user runs it from a fresh clone: the built CLI, no files. Its
// store is a SQLite file, so the content model is built in its thread (content-thread.ts):
// these figures hold only if what the thread sends back is whole.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { join } from "node:path";
import { projectRoot } from "../server/project-root.js";

const CLI = join(projectRoot(), "dist", "server", "cli.js");

describe("tuijian eval --demo", () => {
  it("evaluates on a split of the bundled demo shop and beats popularity", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, "eval", "--demo", "--json"], { maxBuffer: 16 * 2 ** 20 });
    const report = JSON.parse(stdout);
    const metrics = { recall: expect.any(Number), ndcg: expect.any(Number), hitRate: expect.any(Number), coverage: expect.any(Number), users: expect.any(Number) };
    expect(report).toMatchObject({
      k: 20,
      train: { file: "demo purchases 92 days before 2011-11-09", events: expect.any(Number), rejectedRows: 0 },
      test: { file: "demo purchases from 2011-11-09", evaluatedUsers: expect.any(Number) },
      ranker: metrics,
      popularity: metrics,
      model: { version: "v000001" },
    });
    // Measured: 123,941 train events, 1,049 shoppers evaluated, recall@20 0.156, NDCG@20
    // 0.134 and coverage@20 0.612 against popularity's 0.092; three months of a shop where
    // most buyers came once (under half active on two days), so validation held out
    // shoppers' items. (0.163 / 0.142 / 0.472 before the fit compensated popularity.)
    expect(report.train.events).toBe(123_941);
    expect(report.test.evaluatedUsers).toBe(1049);
    expect(report.ranker.recall).toBeGreaterThan(0.14);
    expect(report.ranker.ndcg).toBeGreaterThan(0.12);
    expect(report.ranker.coverage).toBeGreaterThan(0.55);
    expect(report.model.params.fit).toMatchObject({ protocol: "random-user", cutoff: expect.any(String) });
  }, 180_000);
});
