// The CLI as a user runs it: the built dist/server/cli.js in a child process.
import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../server/project-root.js";
import { tempDir, writeFile } from "./helpers.js";

const CLI = join(projectRoot(), "dist", "server", "cli.js");

function tuijian(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI with its stdout's reader gone before it writes (a `| head` that has stopped reading). */
function cutShort(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args]);
  child.stdout.destroy();
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

describe("tuijian CLI", () => {
  it("is built (npm install builds it)", () => {
    expect(existsSync(CLI)).toBe(true);
  });

  it("imports, trains and recommends, reporting bad lines with their numbers", async () => {
    const dir = tempDir();
    const data = join(dir, "data");
    const items = writeFile(dir, "items.csv", "item_id,title\ni1,Red mug\ni2,Blue mug\ni3,Teapot\n");
    const lines = ["user_id,item_id,type,timestamp,value"];
    for (let u = 0; u < 30; u++) {
      lines.push(`u${u},i1,purchase,2024-03-0${1 + (u % 9)}T10:00:00Z,1`, `u${u},i${u % 2 ? 2 : 3},purchase,2024-03-0${1 + (u % 9)}T11:00:00Z,1`);
    }
    lines.push("u1,i2,teleport,2024-03-01T10:00:00Z,1");
    const events = writeFile(dir, "events.csv.gz", lines.join("\n") + "\n");

    const imported = tuijian(["import", "--items", items, "--events", events, "--data-dir", data]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/events \(.*events.csv.gz\): 61 rows, 60 imported, 1 rejected/);
    expect(imported.stderr).toMatch(/events\.csv\.gz:62: type: must be one of/);

    const trained = tuijian(["train", "--data-dir", data]);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/^model v000001: /);

    const rec = tuijian(["recommend", "--user", "u0", "-n", "2", "--json", "--data-dir", data]);
    expect(rec.code).toBe(0);
    const body = JSON.parse(rec.stdout);
    expect(body.model_version).toBe("v000001");
    expect(body.items.map((i: { id: string }) => i.id)).not.toContain("i1");

    // Output cut short (`| head`) ends as SIGPIPE ends other programs: status 141, no stack trace.
    expect(await cutShort(["--help"])).toEqual({ code: 141, stderr: "" });
    expect(await cutShort(["segments", "export", "--data-dir", data])).toEqual({ code: 141, stderr: "" });
  });

  it("refuses a bad setting with its name, and an unknown command with the usage", () => {
    const bad = tuijian(["train", "--data-dir", tempDir()], { PORT: "-1" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/port \(environment variable PORT = "-1"\)/);
    const unknown = tuijian(["fly"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "fly"[\s\S]*usage: tuijian <command>/);
  });

  it("prints its version, and a command's help with only that command's flags", () => {
    const { version } = JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8"));
    expect(tuijian(["--version"])).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(tuijian(["train", "--version"])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = tuijian(["batch", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}-n, --n V +items per shopper .*\[default 50\]$/m);
    expect(help.stdout).toMatch(/^ {6}--workers V +.*\[default \d+; TUIJIAN_WORKERS\]$/m);
    expect(help.stdout).not.toContain("--port");
    expect(tuijian(["help", "batch"]).stdout).toBe(help.stdout);
  });

  it("names an unknown or malformed flag in one line and exits 2", () => {
    const unknown = tuijian(["train", "--foo"]);
    expect(unknown).toMatchObject({ code: 2, stdout: "", stderr: 'tuijian: unknown flag --foo for "train"; see tuijian train --help\n' });
    expect(tuijian(["recommend", "-n", "abc"])).toMatchObject({ code: 2, stderr: 'tuijian: -n: must be a whole number ≥ 1, not "abc"\n' });
    expect(tuijian(["serve", "--port", "http"])).toMatchObject({ code: 2, stderr: 'tuijian: --port: must be a whole number from 0 to 65535, not "http"\n' });
  });

  it("rolls the import back and exits 1 past --max-errors", () => {
    const dir = tempDir();
    const events = writeFile(dir, "events.jsonl", '{"user_id":"u","item_id":"i","type":"view","timestamp":1}\nnot json\nnot json\n');
    const r = tuijian(["import", "--events", events, "--max-errors", "1", "--data-dir", join(dir, "data")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was imported/);
  });

  it("manages keys, answers privacy requests and prints the audit log", () => {
    const dir = tempDir();
    const data = join(dir, "data");
    const events = writeFile(dir, "events.csv", "user_id,item_id,type,timestamp\nalice,i1,view,2024-03-01T10:00:00Z\nalice,i2,cart,2024-03-02T10:00:00Z\nbob,i1,view,2024-03-01T10:00:00Z\n");
    expect(tuijian(["import", "--events", events, "--data-dir", data]).code).toBe(0);

    const created = tuijian(["keys", "create", "--scope", "read", "--name", "storefront", "--expires-in", "90d", "--data-dir", data]);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^tj_[\w-]{32}$/);
    expect(created.stderr).toMatch(/shown only now/);
    const listed = tuijian(["keys", "list", "--data-dir", data]);
    expect(listed.stdout).toMatch(/storefront\s+read/);
    expect(listed.stdout).not.toContain(secret);
    expect(tuijian(["keys", "create", "--scope", "root", "--name", "x", "--data-dir", data]).stderr).toMatch(/--scope: must be one of read, write, admin/);
    expect(tuijian(["keys", "revoke", "--name", "storefront", "--data-dir", data]).code).toBe(0);
    expect(tuijian(["keys", "revoke", "--name", "storefront", "--data-dir", data]).code).toBe(1);

    const out = join(dir, "alice.json");
    expect(tuijian(["privacy", "export", "--user", "alice", "--out", out, "--data-dir", data]).code).toBe(0);
    const exported = JSON.parse(readFileSync(out, "utf8"));
    expect(exported).toMatchObject({ user: { id: "alice" }, event_count: 2 });
    expect(exported.events.map((e: { type: string }) => e.type)).toEqual(["view", "cart"]);
    const erased = tuijian(["privacy", "delete", "--user", "alice", "--reference", "DSR-9", "--data-dir", data]);
    expect(erased.code).toBe(0);
    expect(erased.stderr).toMatch(/2 events/);
    expect(tuijian(["privacy", "delete", "--user", "alice", "--data-dir", data]).stderr).toMatch(/no user with id "alice"/);

    const audit = tuijian(["audit", "--json", "--data-dir", data]);
    const actions = JSON.parse(audit.stdout).map((e: { action: string; actor: string }) => `${e.actor}:${e.action}`);
    expect(actions).toEqual(["cli:privacy.erase", "cli:privacy.export", "cli:key.revoke", "cli:key.create"]);
    expect(audit.stdout).not.toContain("alice");
  });
});
