// Validation cases as train cuts them: the time protocol's future, the random-user
// protocol's held-out items, and that the validation models never see what a case asks.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { HOLDOUT_SHARE, ValidationCollector, ValidationSplit, type ValidationPlan } from "../models/validation.js";
import { DEFAULT_EVENT_WEIGHTS, PURCHASE, RATING, weightsByCode } from "../models/event-types.js";
import { protocolSplit } from "../server/evaluation/protocol-split.js";
import { tempDir } from "./helpers.js";

const DAY = 86_400_000;
const PARAMS = { maxHistory: 100, historyHalfLifeDays: 30, dislikeWeight: 0, weightsByCode: weightsByCode(DEFAULT_EVENT_WEIGHTS), factorAlpha: 1 };

/** 200 shoppers with 10 items each, one purchase per day over ten days. */
function collect(plan: ValidationPlan) {
  const split = new ValidationSplit(plan);
  const collector = new ValidationCollector(split, 1000, PARAMS);
  const trained = new Set<string>();
  for (let u = 0; u < 200; u++) {
    for (let d = 0; d < 10; d++) {
      const item = (u * 7 + d * 13) % 97;
      collector.add(u, item, PURCHASE, null, d * DAY);
      if (split.trains(u, item, d * DAY)) trained.add(`${u}:${item}`);
    }
  }
  return { cases: collector.build(), counts: collector.counts(), trained, split };
}

describe("validation split", () => {
  it("time: each case's relevant items are the ones first touched after the cut, and none was trained on", () => {
    const { cases, counts, trained } = collect({ protocol: "time", cutoff: 8 * DAY, userShare: 1, seed: 1 });
    expect(counts).toEqual({ time: 200, randomUser: 0 });
    for (const c of cases) {
      expect(c.histItems.length).toBe(8);
      expect(c.relevant.length).toBe(2);
      expect([...c.exclude].sort()).toEqual([...c.histItems].sort());
    }
    expect(trained.size).toBe(200 * 8);
  });

  it("random-user: about a fifth of sampled shoppers' items held out, never in the validation models' data", () => {
    const { cases, counts, trained, split } = collect({ protocol: "random-user", userShare: 0.5, seed: 3 });
    expect(counts.time).toBe(0);
    // Half the shoppers sampled; of them, those with an item held out give a case.
    expect(counts.randomUser).toBeGreaterThan(70);
    expect(counts.randomUser).toBeLessThan(100);
    let held = 0;
    for (const c of cases) {
      held += c.relevant.length;
      expect(c.histItems.length + c.relevant.length).toBe(10);
    }
    expect(held / (10 * counts.randomUser)).toBeGreaterThan(HOLDOUT_SHARE * 0.8);
    expect(held / (10 * counts.randomUser)).toBeLessThan(HOLDOUT_SHARE * 1.4);
    for (let u = 0; u < 200; u++) for (let d = 0; d < 10; d++) {
      const item = (u * 7 + d * 13) % 97;
      expect(trained.has(`${u}:${item}`)).toBe(!split.heldOut(u, item));
    }
  });

  it("answers only with items the shopper liked: a rating under their scale is not a hit", () => {
    const split = new ValidationSplit({ protocol: "time", cutoff: 10 * DAY, userShare: 1, seed: 1 });
    const collector = new ValidationCollector(split, 10, PARAMS);
    [5, 4, 5, 4].forEach((stars, item) => collector.add(0, item, RATING, stars, item * DAY));
    collector.add(0, 10, RATING, 5, 11 * DAY);
    collector.add(0, 11, RATING, 1, 11 * DAY);
    collector.add(0, 12, PURCHASE, null, 12 * DAY);
    const [c] = collector.build();
    expect([...c.relevant].sort()).toEqual([10, 12]);
  });

  it("is the same for the same seed and differs for another", () => {
    const a = collect({ protocol: "random-user", userShare: 1, seed: 5 }).cases.map((c) => [...c.relevant]);
    expect(collect({ protocol: "random-user", userShare: 1, seed: 5 }).cases.map((c) => [...c.relevant])).toEqual(a);
    expect(collect({ protocol: "random-user", userShare: 1, seed: 6 }).cases.map((c) => [...c.relevant])).not.toEqual(a);
  });
});

describe("eval --protocol", () => {
  /** 50 shoppers buying 10 items each, one an hour, shopper after shopper. */
  const eventsFile = () => {
    const file = join(tempDir(), "events.csv");
    const lines = ["user_id,item_id,type,timestamp"];
    for (let u = 0; u < 50; u++) for (let i = 0; i < 10; i++) lines.push(`u${u},i${(u + i) % 30},purchase,${1_600_000_000 + (u * 10 + i) * 3600}`);
    writeFileSync(file, lines.join("\n") + "\n");
    return file;
  };

  it("random-user tests a fifth of each shopper's items", async () => {
    const split = await protocolSplit(eventsFile(), "random-user", 1);
    expect(split.test.byUser.size).toBe(50);
    for (const items of split.test.byUser.values()) expect(items.size).toBe(2);
    let trainRows = 0;
    for await (const _ of split.train.records) trainRows++;
    expect(trainRows).toBe(400);
  });

  it("time tests the newest fifth of the events", async () => {
    const split = await protocolSplit(eventsFile(), "time", 1);
    // Shoppers u40..u49 made the newest 100 purchases.
    expect([...split.test.byUser.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `u${40 + i}`).sort());
  });

  it("tests only what shoppers liked: a low rating is held out of train but is no hit", async () => {
    const file = join(tempDir(), "ratings.csv");
    const lines = ["user_id,item_id,type,timestamp,value"];
    // Odd items rated 1, even ones 5: each shopper's mean 3, spread 2.
    for (let u = 0; u < 50; u++) for (let i = 0; i < 10; i++) lines.push(`u${u},i${(u + i) % 30},rating,${1_600_000_000 + i * 3600},${(u + i) % 2 ? 1 : 5}`);
    writeFileSync(file, lines.join("\n") + "\n");
    const split = await protocolSplit(file, "random-user", 1);
    const tested = [...split.test.byUser.values()].flatMap((items) => [...items]);
    expect(tested.length).toBeGreaterThan(20);
    expect(tested.every((item) => Number(item.slice(1)) % 2 === 0)).toBe(true);
    let train = 0;
    for await (const _ of split.train.records) train++;
    expect(train).toBe(50 * 8);
  });
});
