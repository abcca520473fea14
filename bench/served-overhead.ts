// What keeping served lists costs a request, decided in one process: two runtimes on the
// same store and model, one recording every list (batched writes a second, as a server
// does) and one not, take turns serving blocks of the same shoppers' lists; each block's
// lists per second, the median of each side and their ratio.
//   node dist/bench/served-overhead.js --data-dir DIR [--rounds 8] [--block 1000]
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { seededRandom } from "../models/random.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({ options: { "data-dir": { type: "string" }, rounds: { type: "string" }, block: { type: "string" } } });
const dataDir = values["data-dir"];
if (!dataDir) throw new Error("--data-dir DIR (a store with a trained model) is required");
const [rounds, block] = [Number(values.rounds ?? 8), Number(values.block ?? 1000)];
printMachine();
const open = async (record: boolean) => {
  const rt = await openRuntime(loadConfig({}, { dataDir, demo: false, recordServedLists: record, logLevel: "warn" }), { serving: true });
  await rt.recommender.refresh();
  return rt;
};
const [on, off] = [await open(true), await open(false)];
const all = await on.store.users.allIds();
const random = seededRandom(7);
const users = Array.from({ length: block }, () => all[Math.floor(random() * all.length)]);
const serve = async (rt: Runtime) => {
  const started = performance.now();
  for (const user of users) await rt.recommender.recommend(user, 20, false, {});
  return (block / (performance.now() - started)) * 1000;
};
await serve(on);
await serve(off);
const rates: { on: number[]; off: number[] } = { on: [], off: [] };
for (let r = 0; r < rounds; r++) {
  // Alternate which goes first, so that neither always follows the other's writes.
  for (const side of r % 2 ? (["off", "on"] as const) : (["on", "off"] as const)) rates[side].push(await serve(side === "on" ? on : off));
  process.stderr.write(`round ${r + 1}: on ${rates.on.at(-1)!.toFixed(0)}, off ${rates.off.at(-1)!.toFixed(0)} lists/s\n`);
}
const recorded = await on.store.served.count();
await on.close();
await off.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const [mOn, mOff] = [median(rates.on), median(rates.off)];
process.stdout.write(JSON.stringify({
  servedOverhead: { code: codeVersion(), dataDir, rounds, block, listsPerSecond: { on: Math.round(mOn), off: Math.round(mOff) }, costOfRecording: Number((1 - mOn / mOff).toFixed(4)), rates, recorded },
}) + "\n");
