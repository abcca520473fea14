// End to end on a real shop: the bundled UCI Online Retail data split by time as in
// ../shared/eval/online-retail (before / from 2011-11-09) and written to CSV files, then
// `tuijian eval`'s code path: import the train file, train, rank every evaluated shopper.
import { describe, expect, it } from "vitest";
import { demoRetailSources } from "../server/import/demo-retail.js";
import { evaluate } from "../server/evaluate.js";
import { tempDir, testConfig, writeFile } from "./helpers.js";

const CUTOFF = Date.parse("2011-11-09T00:00:00Z");

describe("end to end on UCI Online Retail", () => {
  it("hits held-out purchases more often than the popularity list", async () => {
    const sources = await demoRetailSources();
    const header = "user_id,item_id,type,timestamp,value";
    const train = [header];
    const test = [header];
    for await (const rec of sources.events.records) {
      const f = rec.fields!;
      const ts = String(f.timestamp).replace(" ", "T") + "Z";
      (Date.parse(ts) < CUTOFF ? train : test).push([f.user_id, f.item_id, f.type, ts, f.value].join(","));
    }
    const dir = tempDir();
    const report = await evaluate(
      { train: writeFile(dir, "train.csv", train.join("\n")), test: writeFile(dir, "test.csv", test.join("\n")), k: 20 },
      testConfig(),
    );
    console.log(JSON.stringify({ ranker: report.ranker, popularity: report.popularity, hybrid: report.model.params.hybrid, fit: report.model.params.fit }));
    // The same split as ../shared/eval/online-retail: 330,160 train events, 1,287 shoppers evaluated.
    expect(report.train.events).toBe(330_160);
    expect(report.test.evaluatedUsers).toBe(1287);
    // Measured: recall@20 0.137 and NDCG@20 0.118 against popularity's 0.093 and 0.085.
    expect(report.ranker.recall).toBeGreaterThan(1.2 * report.popularity.recall);
    expect(report.ranker.ndcg).toBeGreaterThan(1.2 * report.popularity.ndcg);
    expect(report.ranker.coverage).toBeGreaterThan(5 * report.popularity.coverage);
  });
});
