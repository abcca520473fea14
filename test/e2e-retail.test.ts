// End to end on a real shop: the bundled UCI Online Retail data split by time as in
// ../shared/eval/online-retail (before / from 2011-11-09), then `tuijian eval`'s code
// path: import the train events, train, rank every evaluated shopper.
import { describe, expect, it } from "vitest";
import { evaluate } from "../server/evaluate.js";
import { demoSplit } from "../server/evaluation/demo-split.js";
import { testConfig } from "./helpers.js";

describe("end to end on UCI Online Retail", () => {
  it("hits held-out purchases more often than the popularity list", async () => {
    // Every purchase before the cut, not the three months `eval --demo` trains on.
    const { train, test } = await demoSplit(Infinity);
    const report = await evaluate({ train, test, k: 20 }, testConfig());
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
