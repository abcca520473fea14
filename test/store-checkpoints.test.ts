// SQLite's write-ahead log copied into the store file by one checkpointer for the machine's
// serving processes (store/sqlite/checkpointer.ts): its thread under `serve --workers 2`,
// its timer in a single process run from the sources; with storeCheckpointMs 0, SQLite's
// own checkpoints in a serving COMMIT (every 1,000 pages) are all there is.
import { describe, expect, it } from "vitest";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { storeUrl } from "../server/runtime.js";
import { startServer } from "../server/serve.js";
import type { Config } from "../server/config.js";
import { smallShop, sqliteConfig, tempDir } from "./helpers.js";
import { call, startWorkers } from "./serve-process.js";

/** The events the store file itself holds, without its write-ahead log (a copy of the file alone, opened). */
function eventsInFile(config: Config): number {
  const copy = join(tempDir(), "copy.db");
  copyFileSync(storeUrl(config).slice("sqlite:".length), copy);
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM events").pluck().get() as number;
  } finally {
    db.close();
  }
}

const event = (i: number) => ({ user_id: `c${i}`, item_id: "a1", type: "view" });

/** Polls until `ok`, for up to 5 s. */
async function eventually(ok: () => boolean): Promise<boolean> {
  for (const until = Date.now() + 5_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) if (ok()) return true;
  return ok();
}

describe("the store's checkpoints", () => {
  it("copies what the workers write into the store file from the primary's thread", async () => {
    const config = sqliteConfig();
    await (await smallShop(config)).close();
    const before = eventsInFile(config);
    const serve = await startWorkers(config, ["--store-checkpoint-ms", "100"]);
    try {
      for (let i = 0; i < 40; i++) expect(await call(serve.port, "/events", "POST", event(i))).toMatchObject({ accepted: 1 });
      expect(await eventually(() => eventsInFile(config) === before + 40)).toBe(true);
    } finally {
      serve.child.kill("SIGTERM");
      await serve.exited;
    }
  });

  it("runs on a single process's timers, and leaves the log to SQLite's own checkpoints when set to 0", async () => {
    for (const [every, copied] of [["0", false], ["100", true]] as const) {
      const config = sqliteConfig({ storeCheckpointMs: every, port: "0" });
      await (await smallShop(config)).close();
      const before = eventsInFile(config);
      const server = await startServer(config);
      try {
        for (let i = 0; i < 40; i++) {
          const res = await fetch(`http://127.0.0.1:${server.port}/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(event(i)) });
          expect(res.status).toBe(201);
        }
        // Far fewer than 1,000 pages: without the checkpointer they stay in the log.
        expect(await eventually(() => eventsInFile(config) === before + 40)).toBe(copied);
      } finally {
        await server.close();
      }
    }
  });
});
