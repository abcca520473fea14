import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { SqliteStore } from "../server/store/sqlite/store.js";
import { importSources, ImportAborted, type ImportKind, type NamedSource } from "../server/import/importer.js";
import { fileSource } from "../server/import/record-source.js";
import { tempDir, writeFile } from "./helpers.js";

const files = (paths: Partial<Record<ImportKind, string>>) =>
  Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, fileSource(p!)])) as Partial<Record<ImportKind, NamedSource>>;

const EVENTS = `user_id,item_id,type,timestamp,value
u1,i1,purchase,2011-11-09T08:11:00Z,3
u1,i2,view,1320826260,
u2,i1,rating,2011-11-10 10:00:00,5
u2,i3,purchase,yesterday,1
u3,,purchase,2011-11-09T08:11:00Z,1
u3,i2,like,2011-11-09T08:11:00Z,1
u3,i2,cart,2011-11-09T08:11:00Z
u4,i4,cart,2011-11-09T08:11:00Z,oops
`;

describe("import", () => {
  it("imports good rows and reports each bad one with its line number and reason", async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, "db"));
    const report = await importSources(store, files({ events: writeFile(dir, "events.csv", EVENTS) }));
    const [r] = report.sources;
    expect(r).toMatchObject({ kind: "events", rows: 8, imported: 3, rejected: 5 });
    expect(r.errors).toEqual([
      { line: 5, reason: expect.stringMatching(/^timestamp: "yesterday" is not an ISO-8601 time or Unix seconds/) },
      { line: 6, reason: "item_id: must not be empty" },
      { line: 7, reason: expect.stringMatching(/^type: must be one of view, click/) },
      { line: 8, reason: expect.stringMatching(/^expected 5 columns/) },
      { line: 9, reason: expect.stringMatching(/^value: /) },
    ]);
    expect(await store.events.count()).toBe(3);
    expect(report.createdItems).toBe(2);
    expect(report.createdUsers).toBe(2);
    const u2 = (await store.users.idOf("u2"))!;
    expect((await store.events.history(u2, 5))[0]).toMatchObject({ ts: Date.parse("2011-11-10T10:00:00Z"), value: 5 });
    await store.close();
  });

  it("rolls everything back when there are more bad rows than allowed", async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, "db"));
    await store.items.upsert({ id: "keep" });
    const items = writeFile(dir, "items.csv", "item_id,title\nnew-item,A title\n");
    const err = await importSources(store, files({ items, events: writeFile(dir, "events.csv", EVENTS) }), { maxErrors: 2 }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportAborted);
    expect(err.message).toMatch(/3 bad rows .* nothing was imported/);
    expect(await store.events.count()).toBe(0);
    expect(await store.items.idOf("new-item")).toBeUndefined();
    expect(await store.items.idOf("keep")).toBeDefined();
    await store.close();
  });

  it("reads gzip, quoted CSV fields, tags and extra columns as attributes", async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, "db"));
    const items = writeFile(
      dir,
      "items.csv.gz",
      'item_id,title,description,category,price,stock,tags,colour\n85123A,"HEART, WHITE","says ""hello""",home,2.55,10,gift|heart,white\n',
    );
    const users = writeFile(dir, "users.csv", "user_id,country,tier\n17850,United Kingdom,gold\n");
    const report = await importSources(store, files({ items, users }));
    expect(report.sources.map((s) => s.imported)).toEqual([1, 1]);
    expect(await store.items.get("85123A")).toMatchObject({
      title: "HEART, WHITE", description: 'says "hello"', category: "home", price: 2.55, stock: 10,
      tags: ["gift", "heart"], attributes: { colour: "white" },
    });
    expect((await store.users.get("17850"))?.attributes).toEqual({ country: "United Kingdom", tier: "gold" });
    await store.close();
  });

  it("reads JSON Lines and reports unparseable lines", async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, "db"));
    const events = writeFile(
      dir,
      "events.jsonl",
      [
        '{"user_id":"u1","item_id":"i1","type":"click","timestamp":"2024-05-01T10:00:00Z","context":{"page":"home"}}',
        "{not json",
        "",
        "[1,2]",
        '{"user_id":7,"item_id":"i2","type":"PURCHASE","timestamp":1714557600,"value":2}',
      ].join("\n"),
    );
    const [r] = (await importSources(store, files({ events }))).sources;
    expect(r.imported).toBe(2);
    expect(r.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(r.errors[0].reason).toMatch(/^invalid JSON/);
    expect(await store.users.idOf("7")).toBeDefined();
    await store.close();
  });

  it("rejects a file of unknown type or that does not exist", async () => {
    expect(() => fileSource("/tmp/events.xlsx")).toThrow(/expected a .csv, .jsonl/);
    expect(() => fileSource("/nonexistent/events.csv")).toThrow(/no such file/);
  });
});

describe("import progress", () => {
  it("projects each file's rows from the share of its bytes read, and counts the publish against the rows staged", async () => {
    const dir = tempDir();
    const rows = 20_000;
    const lines = Array.from({ length: rows }, (_, i) => `u${i % 700},i${i % 300},view,2011-11-09T08:11:00Z,`);
    const path = writeFile(dir, "events.csv", `user_id,item_id,type,timestamp,value\n${lines.join("\n")}\n`);
    const ticks: { label: string; count: number; total?: number; estimated?: boolean }[] = [];
    const progress = (label: string) => ({
      tick: (count: number, total?: number, estimated?: boolean) => void ticks.push({ label, count, total, estimated }),
      done() {},
    });
    const store = SqliteStore.open(join(dir, "db"));
    await importSources(store, files({ events: path }), { progress });
    const reading = ticks.filter((t) => t.label.startsWith("events from"));
    expect(reading.length).toBeGreaterThan(0);
    for (const t of reading) {
      // The file is read ahead of the rows parsed, so the projection can only fall short of the rows in all.
      expect(t).toMatchObject({ estimated: true });
      expect(t.total!).toBeGreaterThanOrEqual(t.count);
      expect(t.total!).toBeLessThanOrEqual(rows);
    }
    expect(reading.at(-1)!.total!).toBeGreaterThan(rows * 0.8);
    const publishing = ticks.filter((t) => t.label === "publishing");
    expect(publishing.length).toBeGreaterThan(0);
    // Every staged row (events, and the shoppers and items they name) is gone through, of a total known from the start.
    const total = publishing[0].total!;
    expect(total).toBe(rows + 700 + 300);
    for (const t of publishing) expect(t.total).toBe(total);
    expect(publishing.at(-1)!.count).toBe(total);
    store.close();
  });
});
