import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { ConfigError, loadConfig } from "../server/config.js";
import { HEAP_GROWTH_FLAG } from "../server/platform/heap-growth.js";

describe("a serving process's heap growth between full collections", () => {
  it("is set through a flag this Node's V8 knows (an unknown one is ignored with a message on stderr)", () => {
    const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;
    expect(options).toContain(`${HEAP_GROWTH_FLAG} `);
  });

  it("is 100% unless set; 0 leaves it to V8", () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(100);
    expect(loadConfig({ TUIJIAN_HEAP_GROWTH_PERCENT: "0" }).heapGrowthPercent).toBe(0);
    expect(() => loadConfig({}, { heapGrowthPercent: "-5" })).toThrow(ConfigError);
  });
});
