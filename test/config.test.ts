import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../server/config.js";

describe("configuration", () => {
  it("has defaults for every setting", () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.dataDir).toBe("./var");
    expect(c.demo).toBe(true);
    expect(c.eventWeights.purchase).toBe(1);
  });

  it("reads environment variables, and flags win over them", () => {
    const env = { PORT: "9000", TUIJIAN_DATA_DIR: "/srv/shop", TUIJIAN_DEMO: "0", TUIJIAN_EVENT_WEIGHTS: "view=0.05,cart=0.8" };
    const c = loadConfig(env, { port: "9100" });
    expect(c.port).toBe(9100);
    expect(c.dataDir).toBe("/srv/shop");
    expect(c.demo).toBe(false);
    expect(c.eventWeights.view).toBe(0.05);
    expect(c.eventWeights.cart).toBe(0.8);
    expect(c.eventWeights.purchase).toBe(1);
  });

  it("stops on a bad value with a message naming the setting and its source", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "http" })).toThrow(/port \(environment variable PORT = "http"\)/);
    expect(() => loadConfig({}, { neighbours: "0" })).toThrow(/neighbours \(flag --neighbours/);
    expect(() => loadConfig({ TUIJIAN_EVENT_WEIGHTS: "like=2" })).toThrow(/eventWeights.*"like=2"/);
  });
});

describe("hybrid weights setting", () => {
  it("is auto by default, and a fixed list gives unnamed sources 0", () => {
    expect(loadConfig({}).hybridWeights).toBe("auto");
    expect(loadConfig({ TUIJIAN_HYBRID_WEIGHTS: "linear=1, popularity=0.2" }).hybridWeights).toEqual({ itemKnn: 0, linear: 1, content: 0, recency: 0, factors: 0, popularity: 0.2, compensation: 0 });
    expect(() => loadConfig({}, { hybridWeights: "ease=1" })).toThrow(/hybridWeights.*source one of itemKnn, linear, content, recency, factors, popularity/);
  });
});
