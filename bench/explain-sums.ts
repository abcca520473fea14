// explain=true adds up: for the first N shoppers of a trained data directory, each listed
// item's contributions are summed and compared with its score; prints the largest gap
// relative to the score, and how many items had a factor part.
//   node dist/bench/explain-sums.js --data-dir DIR [--shoppers 300] [-n 20]
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config.js";
import { openRuntime } from "../server/runtime.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({ options: { "data-dir": { type: "string" }, shoppers: { type: "string" }, n: { type: "string", short: "n" } } });
const dataDir = values["data-dir"];
if (!dataDir) throw new Error("--data-dir DIR (a store with a trained model) is required");
printMachine();
const rt = await openRuntime(loadConfig({}, { dataDir, demo: false }));
await rt.recommender.refresh();
const shoppers = (await rt.store.users.allIds()).slice(0, Number(values.shoppers ?? 300));
let items = 0;
let withFactors = 0;
let worst = 0;
for (const user of shoppers) {
  const list = await rt.recommender.recommend(user, Number(values.n ?? 20), false, { explain: true });
  for (const item of list.items) {
    const sum = Object.values(item.explain!.contributions).reduce((s, c) => s + (c ?? 0), 0);
    worst = Math.max(worst, Math.abs(sum - item.score) / Math.max(1, Math.abs(item.score)));
    items++;
    if (item.explain!.contributions.factors !== undefined) withFactors++;
  }
}
await rt.close();
process.stdout.write(JSON.stringify({ explain: { code: codeVersion(), dataDir, shoppers: shoppers.length, items, withFactors, largestRelativeGap: worst } }) + "\n");
