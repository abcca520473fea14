import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { ConfigError, loadConfig } from "../server/config.js";
import { HEAP_GROWTH_FLAG, setHeapGrowth } from "../server/platform/heap-growth.js";

/** Full collections while 4M short arrays pass through a ring of 400,000 held ones (most outlive a scavenge, as kept lists do). */
async function fullCollectionsOfChurn(): Promise<number> {
  let full = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
  });
  observer.observe({ entryTypes: ["gc"] });
  const ring: unknown[] = new Array(400_000);
  for (let k = 0; k < 4_000_000; k++) ring[k % ring.length] = [k, k + 1, `v${k}`];
  // GC entries are delivered on a later turn.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return full;
}

describe("a serving process's heap growth between full collections", () => {
  it("is set through a flag this Node's V8 knows (an unknown one is ignored with a message on stderr)", () => {
    const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;
    expect(options).toContain(`${HEAP_GROWTH_FLAG} `);
  });

  it("changes how often the heap is collected whole, set while the process runs", async () => {
    try {
      setHeapGrowth(10);
      const tight = await fullCollectionsOfChurn();
      setHeapGrowth(300);
      const loose = await fullCollectionsOfChurn();
      // Measured: 9–10 against 3.
      expect(tight).toBeGreaterThanOrEqual(4);
      expect(tight).toBeGreaterThan(2 * loose);
    } finally {
      setHeapGrowth(100);
    }
  }, 30_000);

  it("is 100% unless set; 0 leaves it to V8", () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(100);
    expect(loadConfig({ TUIJIAN_HEAP_GROWTH_PERCENT: "0" }).heapGrowthPercent).toBe(0);
    expect(() => loadConfig({}, { heapGrowthPercent: "-5" })).toThrow(ConfigError);
  });
});
