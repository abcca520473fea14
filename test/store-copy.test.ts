// `tuijian store copy` as a user runs it: a trained SQLite shop copied into another store
// (a new SQLite file, and PostgreSQL when the tests have one) serves the same lists with
// the same model, without retraining.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../server/project-root.js";
import { smallShop, sqliteConfig, tempDir } from "./helpers.js";

const CLI = join(projectRoot(), "dist", "server", "cli.js");
const tuijian = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
const SERVER = process.env.TUIJIAN_TEST_POSTGRES;

const targets: [string, () => string][] = [["a new SQLite file", () => `sqlite:${join(tempDir(), "copy.db")}`]];
if (SERVER) targets.push(["PostgreSQL", () => `${SERVER}${SERVER.includes("?") ? "&" : "?"}schema=copy_${Date.now().toString(36)}`]);

describe("tuijian store copy", () => {
  it.each(targets)("moves a trained shop into %s, where its model serves the same lists", async (_, target) => {
    const config = sqliteConfig();
    const shop = await smallShop(config);
    await shop.catalogue.deleteItem("b3", "test");
    await shop.close();
    const source = `sqlite:${join(config.dataDir, "tuijian.db")}`;
    const to = target();
    const copied = tuijian(["store", "copy", "--from", source, "--to", to]);
    expect(copied.status, copied.stderr).toBe(0);
    expect(copied.stdout).toMatch(/"items":8,"users":12,"events":30,.*"audit_log":1/);

    const models = join(config.dataDir, "models");
    const list = (store: string) => {
      const r = tuijian(["recommend", "--user", "u7", "-n", "5", "--json", "--store", store, "--models-dir", models, "--data-dir", tempDir()]);
      expect(r.status, r.stderr).toBe(0);
      const body = JSON.parse(r.stdout);
      return { version: body.model_version, items: body.items.map((i: { id: string; score: number }) => [i.id, i.score]) };
    };
    const original = list(source);
    expect(original.items.map((i: [string]) => i[0])).not.toContain("b3");
    expect(list(to)).toEqual(original);

    const again = tuijian(["store", "copy", "--from", source, "--to", to]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/target store is not empty/);
  });
});
