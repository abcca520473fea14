// The machine's shared histories (serving/shared-histories/): the file built afresh and
// merged holds each shopper's newest events exactly as the store answers them, and a
// process that reads new shoppers from it, with the events stored since, answers what the
// store holds while another process stores and deletes events.
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeSync, fstatSync } from "node:fs";
import { join } from "node:path";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { ShopperHistories } from "../server/serving/shopper-histories.js";
import { pack } from "../server/serving/held-rows.js";
import { openHistoryDump } from "../server/store/sqlite/history-dump.js";
import { writeFull, writeMerged } from "../server/serving/shared-histories/writer.js";
import { SnapshotFile } from "../server/serving/shared-histories/snapshot-file.js";
import { createHistoryFiles, SharedHistoryFiles } from "../server/serving/shared-histories/files.js";
import { SharedHistoryMaker } from "../server/serving/shared-histories/maker.js";
import { eraseUser } from "../server/access/privacy.js";
import { applyRetention } from "../server/access/retention.js";
import { seededRandom } from "../models/random.js";
import { sqliteConfig } from "./helpers.js";
import { OwedAnswers, type AnnouncedWorker } from "../server/cluster-histories.js";

const ITEMS = ["a", "b", "c", "d", "e", "f"];
const T0 = Date.parse("2026-01-01T00:00:00Z");
const TYPES = ["view", "cart", "purchase", "rating"] as const;

describe("shared histories", () => {
  let here: Runtime;
  let other: Runtime;
  const fds: number[] = [];
  afterEach(async () => {
    for (const fd of fds.splice(0)) closeSync(fd);
    await other?.close();
    await here?.close();
  });

  async function twoProcesses(shoppers: string[]): Promise<void> {
    here = await openRuntime(sqliteConfig());
    other = await openRuntime(here.config);
    await here.catalogue.upsertItems(ITEMS.map((id) => ({ id, title: id })));
    await here.catalogue.upsertUsers(shoppers.map((id) => ({ id })));
  }

  const uniform = seededRandom(11);
  const random = (n: number) => Math.floor(uniform() * n);
  /** Events of random shoppers, times repeating and going back, some with a value. */
  const someEvents = (shoppers: string[], count: number) =>
    Array.from({ length: count }, () => {
      const type = TYPES[random(TYPES.length)];
      return { user_id: shoppers[random(shoppers.length)], item_id: ITEMS[random(ITEMS.length)], type, timestamp: T0 + random(30) * 60_000, ...(type === "rating" && { value: 1 + random(5) / 2 }) };
    });

  const storeFile = () => join(here.config.dataDir, "tuijian.db");
  const files = () => {
    const made = createHistoryFiles();
    fds.push(...made);
    return made;
  };
  const ids = (shoppers: string[]) => Promise.all(shoppers.map(async (ext) => (await here.store.users.idOf(ext))!));

  it("holds each shopper's newest events as the store answers them, built afresh and merged with the events stored since", async () => {
    const shoppers = Array.from({ length: 12 }, (_, k) => `s${k}`);
    await twoProcesses(shoppers);
    const maxHistory = 5;
    await other.catalogue.recordEvents(someEvents(shoppers.slice(0, 8), 60));
    const [first, second] = files();
    const dump = openHistoryDump(storeFile());
    try {
      const built = writeFull(dump, first, { generation: 1, maxHistory, budget: 2 ** 20 });
      expect(built.shoppers).toBe(8);
      const expectSame = async (file: SnapshotFile, why: string) => {
        for (const id of await ids(shoppers)) expect(file.rowsOf(id), `${why}: shopper ${id}`).toEqual(pack((await here.store.eventFeed!.recent(id, maxHistory))!));
      };
      const old = SnapshotFile.open(first, 1)!;
      await expectSame(old, "afresh");

      // New shoppers (ids past the file's index), old and new times, a shopper's first events.
      await other.catalogue.upsertUsers([{ id: "late1" }, { id: "late2" }]);
      shoppers.push("late1", "late2");
      await other.catalogue.recordEvents(someEvents(shoppers.slice(4), 40));
      const merged = writeMerged(dump, old, second, { generation: 2, budget: 2 ** 20 })!;
      expect(merged.header.last).toBe((await here.store.eventFeed!.head())!.last);
      await expectSame(SnapshotFile.open(second, 2)!, "merged");
      expect(SnapshotFile.open(second, 1)).toBeUndefined();

      // Deleted events: no merge (only a build afresh lets go of them).
      await applyRetention(other.store, 1, "test", T0 + 15 * 60_000 + 86_400_000);
      expect(writeMerged(dump, SnapshotFile.open(second, 2)!, first, { generation: 3, budget: 2 ** 20 })).toBeUndefined();
      writeFull(dump, first, { generation: 3, maxHistory, budget: 2 ** 20 });
      await expectSame(SnapshotFile.open(first, 3)!, "afresh after retention");
      expect(() => writeFull(dump, first, { generation: 4, maxHistory, budget: 100 })).toThrow("sharedHistoryMb");
    } finally {
      dump.close();
    }
  });

  it("makes no file for a shop past its budget, and the processes read the store", async () => {
    await twoProcesses(["s0", "s1"]);
    await other.catalogue.recordEvents(someEvents(["s0", "s1"], 20));
    const shared = new SharedHistoryFiles(files());
    const announced: number[] = [];
    const maker = new SharedHistoryMaker({
      file: storeFile(), fds: shared.fds, maxHistory: 50, budget: 200, head: async () => other.store.eventFeed!.head(),
      publish: async (a) => (announced.push(a.generation), shared.offer(a)),
    });
    await maker.tick();
    expect(announced).toEqual([]);
    expect(shared.current()).toBeUndefined();
    expect(shared.fds.map((fd) => fstatSync(fd).size)).toEqual([0, 0]);
    // No second try at the next tick (a build afresh reads every event).
    await maker.tick();
    expect(announced).toEqual([]);
    const histories = new ShopperHistories(here.store, 50, 1000, shared);
    for (const id of await ids(["s0", "s1"])) expect(await (await histories.of(id)).events()).toEqual(await here.store.events.history(id, 50));
  });

  it("serves new shoppers from the file and the events since, as the store holds them, and lets go of it when events are deleted", async () => {
    const shoppers = Array.from({ length: 8 }, (_, k) => `s${k}`);
    await twoProcesses(shoppers);
    const maxHistory = 4;
    await other.catalogue.recordEvents(someEvents(shoppers, 40));
    const shared = new SharedHistoryFiles(files());
    const announced: number[] = [];
    const maker = new SharedHistoryMaker({
      file: storeFile(), fds: shared.fds, maxHistory, budget: 2 ** 20, head: async () => other.store.eventFeed!.head(), mergeEveryMs: 0,
      publish: async (a) => (announced.push(a.generation), shared.offer(a)),
    });
    await maker.tick();
    expect(maker.announcement.generation).toBe(1);
    // Room for two or three shoppers: most requests read a shopper not held.
    const histories = new ShopperHistories(here.store, maxHistory, 10, shared);
    const feed = here.store.eventFeed!;
    const recent = feed.recent.bind(feed);
    let storeReads = 0;
    feed.recent = (id, limit) => (storeReads++, recent(id, limit));
    const check = async (why: string) => {
      for (const id of await ids(shoppers.slice(random(3)))) {
        const held = await (await histories.of(id)).events();
        expect(held, `${why}: shopper ${id}`).toEqual(await here.store.events.history(id, maxHistory));
      }
    };
    for (let round = 0; round < 12; round++) {
      await other.catalogue.recordEvents(someEvents(shoppers, 1 + random(4)));
      await check(`round ${round}`);
      // Every third round the maker merges what was stored since: the process takes the next file.
      if (round % 3 === 2) await maker.tick();
    }
    expect(maker.announcement.generation).toBe(5);
    expect(storeReads).toBe(0);

    // An erasure elsewhere: its events are gone from the next request, the file is not read
    // again, and the maker withdraws the file before building afresh.
    const [erased] = await ids(["s1"]);
    await eraseUser(other.store, "s1", { actor: "test" });
    expect(await (await histories.of(erased)).events()).toEqual([]);
    shoppers.splice(shoppers.indexOf("s1"), 1);
    await check("after the erasure");
    expect(storeReads).toBeGreaterThan(0);
    await maker.tick();
    expect(announced).toEqual([1, 2, 3, 4, 5, 0, 6]);
    expect(fstatSync(shared.fds[1]).size).toBe(0);
    const readsBefore = storeReads;
    await check("afresh after the erasure");
    expect(storeReads).toBe(readsBefore);
    await maker.stop();
  });
});

describe("OwedAnswers (a cluster's primary awaiting its workers)", () => {
  /** A worker as the primary sees it: what it was sent, and whether it was killed. */
  const worker = (id: number) => ({ id, pid: 1000 + id, sent: [] as unknown[], killed: [] as unknown[] });
  const announced = (w: ReturnType<typeof worker>): AnnouncedWorker => ({
    id: w.id,
    send: ((m: unknown) => w.sent.push(m) > 0) as AnnouncedWorker["send"],
    process: { pid: w.pid, kill: ((signal: unknown) => w.killed.push(signal) > 0) as AnnouncedWorker["process"]["kill"] },
  });
  afterEach(() => vi.useRealTimers());

  it("waits for every worker's answer to the build announced, and kills one that owes it past the timeout until it has exited", async () => {
    vi.useFakeTimers();
    const answers = new OwedAnswers(60_000);
    const [well, hung] = [worker(1), worker(2)];
    let [settled, wellSettled] = [false, false];
    const fromWell = answers.ask(announced(well), { generation: 3, slot: 1 }).then(() => (wellSettled = true));
    const all = Promise.all([fromWell, answers.ask(announced(hung), { generation: 3, slot: 1 })]).then(() => (settled = true));
    expect(well.sent).toEqual([{ tuijian: "tuijian:histories", a: { generation: 3, slot: 1 } }]);
    answers.answered(well.id, 2); // an answer to an earlier announcement settles nothing
    await vi.advanceTimersByTimeAsync(0);
    expect(wellSettled).toBe(false);
    answers.answered(well.id, 3);
    await vi.advanceTimersByTimeAsync(0);
    expect(wellSettled).toBe(true);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(settled).toBe(false);
    expect(hung.killed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(hung.killed).toEqual(["SIGKILL"]);
    expect(well.killed).toEqual([]);
    // Killed is not yet gone: the file may be rewritten only once it has exited.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(settled).toBe(false);
    answers.exited(hung.id);
    await all;
    expect(settled).toBe(true);
  });
});
