// The store file read ahead into the OS page cache at `serve`'s start: all of it and its
// write-ahead log, nothing when it is larger than the bound or when stopped at once.
import { describe, expect, it } from "vitest";
import { statSync } from "node:fs";
import { join } from "node:path";
import { SqliteStore } from "../server/store/sqlite/store.js";
import { readAhead } from "../server/store/sqlite/read-ahead.js";
import { tempDir } from "./helpers.js";

async function storeWithWal(): Promise<{ file: string; close: () => Promise<void> }> {
  const file = join(tempDir(), "tuijian.db");
  const store = SqliteStore.open(file);
  for (let i = 0; i < 200; i++) await store.items.upsert({ id: `item-${i}`, title: "x".repeat(500) });
  return { file, close: () => store.close() };
}

const size = (f: string) => statSync(f, { throwIfNoEntry: false })?.size ?? 0;

describe("reading the store file ahead", () => {
  it("reads the database file and its write-ahead log, every byte", async () => {
    const { file, close } = await storeWithWal();
    expect(size(`${file}-wal`)).toBeGreaterThan(0);
    const r = await readAhead(file).done;
    expect(r).toMatchObject({ bytes: size(file) + size(`${file}-wal`), stopped: false });
    await close();
  });

  it("reads nothing from a file larger than the bound, and says why", async () => {
    const { file, close } = await storeWithWal();
    const r = await readAhead(file, 1000).done;
    expect(r).toEqual({ skipped: expect.stringMatching(/^the store file \(0\.0 GB\) is more than 0\.0 GB, half of this machine's memory$/) });
    await close();
  });

  it("stops when asked, and reads nothing of a file that is not there", async () => {
    const { file, close } = await storeWithWal();
    const reading = readAhead(file);
    reading.stop();
    expect(await reading.done).toMatchObject({ bytes: 0, stopped: true });
    expect(await readAhead(join(tempDir(), "none.db")).done).toMatchObject({ bytes: 0 });
    await close();
  });
});
