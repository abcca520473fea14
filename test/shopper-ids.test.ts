// Shoppers' ids held in a serving process (serving/id-table.ts, serving/shopper-ids.ts):
// the table answers as a Map would, and the held ids answer as the store does while
// another process adds and erases shoppers.
import { afterEach, describe, expect, it, vi } from "vitest";
import { IdTable } from "../server/serving/id-table.js";
import { ShopperIds } from "../server/serving/shopper-ids.js";
import { ChangeWatcher } from "../server/store/change-watcher.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { eraseUser } from "../server/access/privacy.js";
import { seededRandom } from "../models/random.js";
import { testConfig } from "./helpers.js";

describe("the id table", () => {
  it("answers as a Map through growth, replacements and deletions, for any UTF-16 id", () => {
    const random = seededRandom(3);
    const table = new IdTable();
    const map = new Map<string, number>();
    const alphabet = ["a", "b", "7", "é", "ß", "中", "😀", "-", " "];
    const someId = () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
    for (let step = 0; step < 20_000; step++) {
      const id = someId();
      const r = random();
      if (r < 0.7) {
        table.set(id, step);
        map.set(id, step);
      } else if (r < 0.8) {
        table.delete(id);
        map.delete(id);
      }
      expect(table.get(id)).toBe(map.get(id));
    }
    for (const [id, value] of map) expect(table.get(id)).toBe(value);
    expect(table.get("")).toBeUndefined();
    expect(map.size).toBeGreaterThan(1000); // enough to have grown every array several times
  });

  it("reserved for the entries a bulk read brings, holds them without a rehash while they come in", () => {
    const table = new IdTable();
    table.set("early", 1); // one asked for before the read's count came
    table.reserve(5_000);
    const rehash = vi.spyOn(table as unknown as { rehash: (size: number) => void }, "rehash");
    for (let i = 0; i < 5_000; i++) table.set(`shopper-${i}`, i + 2);
    expect(rehash).not.toHaveBeenCalled();
    expect(table.get("early")).toBe(1);
    for (let i = 0; i < 5_000; i += 7) expect(table.get(`shopper-${i}`)).toBe(i + 2);
    expect(table.size).toBe(5_001);
  });
});

describe("shoppers' ids held in a process", () => {
  let here: Runtime;
  let other: Runtime;
  afterEach(async () => {
    await other?.close();
    await here?.close();
  });

  const settled = () => new Promise((r) => setTimeout(r, 50));

  it("reads every shopper in, then answers known ones without the store, and follows additions and erasures", async () => {
    here = await openRuntime(testConfig());
    other = await openRuntime(here.config);
    await other.catalogue.upsertUsers(["s1", "s2", "s3"].map((id) => ({ id })));
    const ids = new ShopperIds(here.store, new ChangeWatcher(here.store, 0), 10);
    const asked = vi.spyOn(here.store.users, "idOf");

    expect(await ids.of("s1")).toBe(await other.store.users.idOf("s1"));
    await settled();
    expect(ids.size).toBe(3);
    asked.mockClear();
    expect(await ids.of("s3")).toBe(await other.store.users.idOf("s3"));
    expect(asked).not.toHaveBeenCalled();

    // One the table never held: the store's answer, kept; one the store does not know: not kept.
    await other.catalogue.upsertUsers([{ id: "s4" }]);
    expect(await ids.of("s4")).toBe(await other.store.users.idOf("s4"));
    expect(await ids.of("nobody")).toBeUndefined();
    expect(ids.size).toBe(4);

    // An erasure moves the users counter: the table starts again, without the erased shopper.
    await eraseUser(other.store, "s2", { actor: "test" });
    expect(await ids.of("s2")).toBeUndefined();
    await settled();
    expect(ids.size).toBe(3);
    await other.catalogue.upsertUsers([{ id: "s2" }]);
    expect(await ids.of("s2")).toBe(await other.store.users.idOf("s2"));
  });

  it("starts reading every shopper in when told to (serving's start), before any request asks", async () => {
    here = await openRuntime(testConfig());
    await here.catalogue.upsertUsers(["s1", "s2", "s3"].map((id) => ({ id })));
    const ids = new ShopperIds(here.store, new ChangeWatcher(here.store, 0), 10);
    await ids.start();
    await settled();
    expect(ids.size).toBe(3);
    const asked = vi.spyOn(here.store.users, "idOf");
    expect(await ids.of("s2")).toBe(await here.store.users.idOf("s2"));
    expect(asked).toHaveBeenCalledTimes(1); // the test's own call, not the table's
  });

  it("keeps only those asked for when the shop has more shoppers than it may hold, and none at 0", async () => {
    here = await openRuntime(testConfig());
    await here.catalogue.upsertUsers(["s1", "s2", "s3"].map((id) => ({ id })));
    const some = new ShopperIds(here.store, new ChangeWatcher(here.store, 0), 2);
    await some.of("s1");
    await settled();
    expect(some.size).toBe(1);
    await some.of("s2");
    await some.of("s3"); // past the bound: the table starts again
    expect(some.size).toBe(1);
    expect(await some.of("s2")).toBe(await here.store.users.idOf("s2"));

    const none = new ShopperIds(here.store, new ChangeWatcher(here.store, 0), 0);
    expect(await none.of("s1")).toBe(await here.store.users.idOf("s1"));
    await settled();
    expect(none.size).toBe(0);
  });
});
