// Sticky assignment across processes: two `serve` workers (the built CLI) take turns with
// fresh connections, and every shopper gets the same variant from both.
import { describe, expect, it } from "vitest";
import { openStore } from "../server/store/open.js";
import { storeUrl } from "../server/runtime.js";
import { smallShop, testConfig } from "./helpers.js";
import { call, servingPids, startWorkers } from "./serve-process.js";

describe("experiments across serving processes", () => {
  it("assign each shopper the same variant in every worker", async () => {
    const config = testConfig();
    await (await smallShop(config)).close();
    const serve = await startWorkers(config);
    try {
      const experiment = { variants: [{ name: "a" }, { name: "b" }, { name: "c" }] };
      expect((await call(serve.port, "/experiments", "POST", { id: "sticky", experiment })).id).toBe("sticky");
      expect((await call(serve.port, "/experiments/sticky/start", "POST")).status).toBe("running");
      // The other worker reads the change counters at least every 250 ms.
      await new Promise((r) => setTimeout(r, 600));
      const seen = new Map<string, Set<string>>();
      for (let round = 0; round < 3; round++) {
        for (let u = 1; u <= 12; u++) {
          const list = await call(serve.port, `/recommend?user=u${u}&n=2`);
          if (!seen.has(`u${u}`)) seen.set(`u${u}`, new Set());
          seen.get(`u${u}`)!.add(list.variant.variant);
        }
      }
      for (const [user, variants] of seen) expect(variants.size, user).toBe(1);
      expect(new Set([...seen.values()].map((v) => [...v][0])).size).toBeGreaterThan(1);
      // Both workers answered.
      await expect.poll(() => servingPids(serve.log()).size, { timeout: 5_000 }).toBe(2);
      // Each worker's writer thread recorded its lists within a second or so, with their variant.
      const store = await openStore(storeUrl(config));
      try {
        await expect.poll(() => store.served.count(), { timeout: 5_000 }).toBe(36);
        const lists = await store.served.page({ from: 0, to: Date.now() + 1, variantPrefix: "sticky:", limit: 100 });
        expect(lists).toHaveLength(36);
      } finally {
        await store.close();
      }
    } finally {
      serve.child.kill("SIGTERM");
      await serve.exited;
    }
  });
});
