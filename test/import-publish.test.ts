// Imports on a live store: staged apart from the store, published in short transactions,
// all or nothing even when the publish is cut short; event ids, deleted items and
// timestamps too far ahead as the HTTP API treats them.
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SqliteStore } from "../server/store/sqlite/store.js";
import { importSources, ImportAborted, type ImportKind, type NamedSource } from "../server/import/importer.js";
import { readRecords, type RecordSource } from "../server/import/record-source.js";
import { openRuntime } from "../server/runtime.js";
import { AppError } from "../server/errors.js";
import { projectRoot } from "../server/project-root.js";
import { tempDir, writeFile, sqliteConfig } from "./helpers.js";

const files = (paths: Partial<Record<ImportKind, string>>) =>
  Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, { name: p, records: readRecords(p!) }])) as Partial<Record<ImportKind, NamedSource>>;

const csv = (rows: string[]) => ["event_id,user_id,item_id,type,timestamp", ...rows].join("\n") + "\n";

/** Everything an import could change, to compare a store before and after. */
async function snapshot(store: SqliteStore, dir: string) {
  return {
    items: await store.items.maxId(),
    live: await store.items.count(),
    users: await store.users.allIds(),
    events: await store.events.count(),
    pending: store.pendingImports(),
    files: readdirSync(dir).sort(),
  };
}

describe("import on a live store", () => {
  it("counts events whose event_id was seen before as duplicates, within a file and across imports", async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, "db"));
    const first = csv(["e1,u1,i1,view,1700000000", "e2,u1,i2,view,1700000001", "e1,u2,i1,view,1700000002", ",u2,i2,view,1700000003", ",u2,i2,view,1700000003"]);
    const [a] = (await importSources(store, files({ events: writeFile(dir, "a.csv", first) }))).sources;
    expect(a).toMatchObject({ rows: 5, imported: 4, duplicates: 1, rejected: 0, errors: [] });
    const second = csv(["e2,u1,i2,view,1700000001", "e3,u3,i1,view,1700000004"]);
    const [b] = (await importSources(store, files({ events: writeFile(dir, "b.csv", second) }))).sources;
    expect(b).toMatchObject({ rows: 2, imported: 1, duplicates: 1, rejected: 0 });
    expect(await store.events.count()).toBe(5);
    expect(await store.events.history((await store.users.idOf("u2"))!, 10)).toHaveLength(2);
    await store.close();
  });

  it("refuses an event naming a deleted item as a bad line, and still creates unknown items", async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, "db"));
    await store.items.upsert({ id: "gone", title: "Gone" });
    await store.items.delete("gone");
    const report = await importSources(store, files({ events: writeFile(dir, "e.csv", csv([",u1,fresh,view,1700000000", ",u1,gone,view,1700000001"])) }));
    expect(report.sources[0]).toMatchObject({ imported: 1, rejected: 1, errors: [{ line: 3, reason: "item_id: item gone was deleted" }] });
    expect(report.createdItems).toBe(1);
    expect(await store.items.liveIdOf("gone")).toBeUndefined();
    expect(await store.items.liveIdOf("fresh")).toBeDefined();

    // An items row of the same import revives it, and then its events are welcome.
    const items = writeFile(dir, "items.csv", "item_id,title\ngone,Back again\n");
    const again = await importSources(store, files({ items, events: writeFile(dir, "e2.csv", csv([",u1,gone,view,1700000002"])) }));
    expect(again.sources.map((s) => s.rejected)).toEqual([0, 0]);
    expect((await store.items.get("gone"))?.title).toBe("Back again");
    await store.close();
  });

  it("refuses timestamps further ahead of the clock than the tolerance", async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, "db"));
    const soon = Math.floor(Date.now() / 1000) + 600;
    const later = Math.floor(Date.now() / 1000) + 7200;
    const events = writeFile(dir, "e.csv", csv([`,u1,i1,view,${soon}`, `,u1,i1,view,${later}`]));
    const [r] = (await importSources(store, files({ events }), { futureToleranceMs: 3_600_000 })).sources;
    expect(r).toMatchObject({ imported: 1, rejected: 1 });
    expect(r.errors[0]).toEqual({ line: 3, reason: expect.stringMatching(/^timestamp: .* is more than 1 h ahead of the server's clock/) });
    await store.close();
  });

  it("leaves the store exactly as it was and no staging file behind when it aborts", async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, "db"));
    await store.items.upsert({ id: "keep" });
    await store.events.insert({ userId: (await store.users.ensure("u0")).id, itemId: (await store.items.idOf("keep"))!, type: 1, value: null, ts: 1, context: null, eventId: "e0" });
    const before = await snapshot(store, dir);
    const items = writeFile(dir, "items.csv", "item_id,title\nnew-item,A title\n");
    const events = writeFile(dir, "e.csv", csv(["e1,u1,keep,view,1700000000", "e2,u1,keep,fly,1700000000", "e3,u1,keep,view,later"]));
    const err = await importSources(store, files({ items, events }), { maxErrors: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportAborted);
    expect({ ...(await snapshot(store, dir)), files: readdirSync(dir).filter((f) => f !== "items.csv" && f !== "e.csv").sort() }).toEqual(before);
    await store.close();
  });

  it("completes a publish cut short the next time the store is opened, each row once", async () => {
    const dir = tempDir();
    const file = join(dir, "db");
    let store = SqliteStore.open(file);
    const items = writeFile(dir, "items.csv", "item_id,title\n" + Array.from({ length: 10 }, (_, i) => `i${i},Item ${i}`).join("\n") + "\n");
    const rows = Array.from({ length: 40 }, (_, k) => `${k % 3 ? `e${k}` : ""},u${k % 7},i${k % 12},view,${1700000000 + k}`);
    const cut = await importSources(store, files({ items, events: writeFile(dir, "e.csv", csv(rows)) }), { publish: { maxBatchRows: 4, stopAfterBatches: 6 } }).catch((e) => e);
    expect(cut.message).toMatch(/publish stopped after 6 batches/);
    const [pending] = store.pendingImports();
    expect(existsSync(pending)).toBe(true);
    expect(await store.items.count()).toBeGreaterThan(0);
    expect(await store.events.count()).toBe(0);
    await store.close();

    store = SqliteStore.open(file);
    await store.resumeImports();
    expect(store.pendingImports()).toEqual([]);
    expect(existsSync(pending)).toBe(false);
    expect(await store.items.count()).toBe(12);
    expect(await store.users.allIds()).toHaveLength(7);
    expect(await store.events.count()).toBe(40);
    expect((await store.items.get("i3"))?.title).toBe("Item 3");
    await store.close();
  });

  it("lets serving writes through while it stages", async () => {
    const config = sqliteConfig({ embeddingModel: "none" });
    const serving = await openRuntime(config, { serving: true });
    await serving.catalogue.upsertItems([{ id: "live" }]);
    const importer = SqliteStore.open(join(resolve(config.dataDir), "tuijian.db"));
    const outcomes: unknown[] = [];
    async function* events(): RecordSource {
      for (let k = 1; k <= 3000; k++) {
        yield { line: k + 1, fields: { user_id: `u${k % 50}`, item_id: `i${k % 90}`, type: "view", timestamp: String(1700000000 + k) } };
        if (k % 1000 === 0) {
          outcomes.push(await serving.catalogue.recordEvents([{ user_id: "shopper", item_id: "live", type: "view", event_id: `w${k}` }]));
          outcomes.push(await serving.catalogue.upsertItems([{ id: `posted-${k}` }]));
        }
      }
    }
    const report = await importSources(importer, { events: { name: "generated", records: events() } });
    expect(report.sources[0].imported).toBe(3000);
    expect(outcomes).toEqual([
      { accepted: 1, duplicates: 0 }, { upserted: 1 },
      { accepted: 1, duplicates: 0 }, { upserted: 1 },
      { accepted: 1, duplicates: 0 }, { upserted: 1 },
    ]);
    expect(await importer.events.count()).toBe(3003);
    await importer.close();
    await serving.close();
  });

  it("answers a serving write during the publish with success or store_busy, nothing else", async () => {
    const config = sqliteConfig({ embeddingModel: "none" });
    const serving = await openRuntime(config, { serving: true });
    await serving.catalogue.upsertItems([{ id: "live" }]);
    const rows = Array.from({ length: 150_000 }, (_, k) => `,u${k % 5000},i${k % 800},view,${1700000000 + k}`);
    const events = writeFile(tempDir(), "events.csv", csv(rows));
    const cli = join(projectRoot(), "dist", "server", "cli.js");
    const child = spawn(process.execPath, [cli, "import", "--events", events, "--data-dir", config.dataDir], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    const exited = new Promise<number | null>((done) => child.once("exit", done));
    let running = true;
    void exited.then(() => (running = false));

    const counts = { ok: 0, okWhilePublishing: 0, busy: 0, other: [] as unknown[] };
    for (let k = 0; running; k++) {
      const publishing = (serving.store as SqliteStore).pendingImports().length > 0;
      try {
        await serving.catalogue.recordEvents([{ user_id: "shopper", item_id: "live", type: "view", event_id: `w${k}` }]);
        counts.ok++;
        if (publishing) counts.okWhilePublishing++;
      } catch (err) {
        if (err instanceof AppError && err.code === "store_busy" && err.retryAfterSeconds) counts.busy++;
        else counts.other.push(err);
      }
      await sleep(2);
    }
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/150000 rows, 150000 imported, 0 rejected, 0 duplicates/);
    expect(counts.other).toEqual([]);
    expect(counts.okWhilePublishing).toBeGreaterThan(0);
    expect(await serving.store.events.count()).toBe(150_000 + counts.ok);
    await serving.close();
  });
});
