import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync, appendFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { gunzipSync } from "node:zlib";
import { runBatch, type BatchOptions } from "../server/batch/batch.js";
import { projectRoot } from "../server/project-root.js";
import { smallShop, tempDir, testConfig, storeFlags } from "./helpers.js";

const lines = (file: string) => gunzipSync(readFileSync(file)).toString().trim().split("\n");

describe("batch scoring", () => {
  it("writes every user's list, the same one /recommend serves", async () => {
    const config = testConfig();
    const rt = await smallShop(config);
    const out = join(tempDir(), "recs.jsonl.gz");
    const summary = await runBatch(config, { out, n: 3, includePurchased: false, usersSource: "all", workers: 0, chunkSize: 5 });
    expect(summary).toMatchObject({ users: 12, modelVersion: "v000001", resumedFromUser: 0 });
    const rows = lines(out).map((l) => JSON.parse(l));
    expect(rows.map((r) => r.user)).toEqual(Array.from({ length: 12 }, (_, i) => `u${i + 1}`));
    // The items /recommend serves, reasons and all (the objects, not a summary of them).
    const served = (await rt.recommender.recommend("u1", 3, false)).items.map(({ id, score, reason }) => ({ id, score, reason }));
    expect(rows[0].items).toEqual(served);
    expect(served.some((i) => i.reason.type === "item_to_item")).toBe(true);
    expect(existsSync(out + ".progress.json")).toBe(false);
    rt.close();
  });

  it("resumes an interrupted run from its checkpoint, cutting a half-written chunk", async () => {
    const config = testConfig();
    (await smallShop(config)).close();
    const dir = tempDir();
    const opts = (out: string, users?: string[]): BatchOptions => ({ out, n: 2, includePurchased: false, users, usersSource: "all", workers: 0, chunkSize: 3 });
    const full = join(dir, "full.csv.gz");
    await runBatch(config, opts(full));

    // The state a crash leaves: two complete chunks, their checkpoint, then a torn write.
    const crashed = join(dir, "crashed.csv.gz");
    const firstSix = Array.from({ length: 6 }, (_, i) => `u${i + 1}`);
    await runBatch(config, opts(crashed, firstSix));
    const bytes = readFileSync(crashed).length;
    writeFileSync(crashed + ".progress.json", JSON.stringify({
      modelVersion: "v000001", n: 2, includePurchased: false, usersSource: "all", totalUsers: 12, chunkSize: 3, chunksDone: 2, bytes,
    }));
    appendFileSync(crashed, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x42]));

    const resumed = await runBatch(config, opts(crashed));
    expect(resumed.resumedFromUser).toBe(6);
    expect(lines(crashed)).toEqual(lines(full));
    expect(lines(full)[0]).toBe("user_id,rank,item_id,score,reason");
    expect(lines(full)[1]).toMatch(/^u1,1,\w+,[\d.]+,"\{""type"":""\w+""/);
    expect(lines(full)).toHaveLength(1 + 12 * 2);
  });

  it("refuses to overwrite a file or resume with other settings", async () => {
    const config = testConfig();
    (await smallShop(config)).close();
    const out = join(tempDir(), "recs.jsonl");
    writeFileSync(out, "");
    const base = { out, n: 2, includePurchased: false, usersSource: "all", workers: 0, chunkSize: 3 };
    await expect(runBatch(config, base)).rejects.toThrow(/exists: delete it/);
    writeFileSync(out + ".progress.json", JSON.stringify({ modelVersion: "v000001", n: 5, includePurchased: false, usersSource: "all", totalUsers: 12, chunkSize: 3, chunksDone: 1, bytes: 0 }));
    await expect(runBatch(config, base)).rejects.toThrow(/other n: delete it/);
  });

  it("scores in worker threads through the CLI", async () => {
    const config = testConfig();
    (await smallShop(config)).close();
    const out = join(tempDir(), "recs.jsonl");
    const cli = join(projectRoot(), "dist", "server", "cli.js");
    const r = spawnSync(process.execPath, [cli, "batch", "--out", out, "-n", "2", "--workers", "2", "--chunk-size", "2", ...storeFlags(config)], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ users: 12 });
    const users = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l).user);
    expect(users).toEqual(Array.from({ length: 12 }, (_, i) => `u${i + 1}`));
  });
});
