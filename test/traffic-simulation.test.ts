// A small run of bench/traffic-simulator: simulated shoppers with a hidden taste use the
// real service (in process, a real store and model); the experiment reports must find the
// truly better variant, find nothing between two identical ones, and interleaving must
// decide too. List counts sit well past where the effect turns significant (about 1,200 lists
// for A/B across seeds and times of day), so the test fails on a broken report, not on chance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { World } from "../bench/simulator/world.js";
import { buildShop, runExperiment, type Traffic } from "../bench/simulator/drive.js";
import { testConfig } from "./helpers.js";

const POPULAR = { name: "popular", overrides: { popularity_only: true } };
const PERSONAL = { name: "personal" };

describe("traffic simulation", () => {
  let rt: Runtime;
  let traffic: Traffic;
  const world = new World({ items: 120, categories: 8, shoppers: 300, history: 20, favouriteBoost: 8, seed: 7 });

  beforeAll(async () => {
    rt = await openRuntime(testConfig({ demo: false }), { serving: true });
    // History ends at a midnight so the trained model is the same whatever the time of day.
    const DAY = 86_400_000;
    await buildShop(rt, world, Math.floor(Date.now() / DAY) * DAY);
    await rt.recommender.refresh();
    const app = createApp(rt);
    traffic = { api: (path, init) => Promise.resolve(app.request(path, init)), flush: () => rt.served!.flush() };
  }, 120_000);
  afterAll(() => rt.close());

  it("A/B names the truly better variant; A/A names none; interleaving decides with fewer lists", async () => {
    const ab = await runExperiment(traffic, world, { id: "ab", experiment: { variants: [POPULAR, PERSONAL] }, checkpoints: [2400], n: 10, seed: 1 });
    expect(ab.at(-1)).toMatchObject({ winner: "personal", srmMismatch: false });
    expect(ab.at(-1)!.p).toBeLessThan(0.05);
    const aa = await runExperiment(traffic, world, { id: "aa", experiment: { variants: [{ name: "a" }, { name: "b" }] }, checkpoints: [2400], n: 10, seed: 2 });
    expect(aa[0].winner).toBeNull();
    const mixed = await runExperiment(traffic, world, { id: "mix", experiment: { mode: "interleaving", variants: [POPULAR, PERSONAL] }, checkpoints: [400], n: 10, seed: 3 });
    expect(mixed[0].winner).toBe("personal");
  }, 120_000);
});
