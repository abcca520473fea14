// The miss path of GET /recommend without HTTP: one process, lists for seeded known
// shoppers (no list cache), in rounds. Two runtimes on the same trained data directory,
// rounds alternating: shoppers' histories held in memory (the default) and read from the
// store at every request (historyCacheEvents 0). Prints each round's microseconds per
// list and the median, and what the store reads alone cost (the shopper's id and
// history, the same shoppers): the CPU a list costs, apart from the framework, so that
// steps on the path can be compared run against run. A third runtime, set as `serve` runs
// (list cache on, served lists recorded), is asked each round for shoppers it has never
// seen (their id and history read from the store, the list kept, its record written): the
// in-process part of an all-miss load (it writes their served lists into DIR's store).
//   node dist/bench/request-path.js --data-dir DIR [--rounds 7] [--block 2000] [--max-history N]
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { seededRandom } from "../models/random.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({
  options: { "data-dir": { type: "string" }, rounds: { type: "string" }, block: { type: "string" }, "max-history": { type: "string" } },
});
const dataDir = values["data-dir"];
if (!dataDir) throw new Error("--data-dir DIR (a store with a trained model) is required");
const [rounds, block] = [Number(values.rounds ?? 7), Number(values.block ?? 2000)];
printMachine();
const asServed = { dataDir, demo: false, logLevel: "warn", ...(values["max-history"] && { maxHistory: values["max-history"] }) };
// The list cache off, so every list is computed: it is on by default since 9706d0a, and this then measured hits.
const overrides = { ...asServed, recordServedLists: false, listCacheSize: "0" };
const runtime = async (settings: Record<string, string | boolean>) => {
  const rt = await openRuntime(loadConfig({}, settings), { serving: true });
  await rt.recommender.refresh();
  return rt;
};
const [held, read, served] = [await runtime(overrides), await runtime({ ...overrides, historyCacheEvents: "0" }), await runtime(asServed)];
const { store } = held;
const maxHistory = held.config.maxHistory;
const all = await store.users.allIds();
const random = seededRandom(7);
const shoppers: string[] = [];
while (shoppers.length < block) {
  const user = all[Math.floor(random() * all.length)];
  if ((await store.events.history((await store.users.idOf(user))!, 1)).length > 0) shoppers.push(user);
}

const perList = async (each: (user: string) => Promise<unknown>, users = shoppers) => {
  const started = process.hrtime.bigint();
  for (const user of users) await each(user);
  return Number(process.hrtime.bigint() - started) / 1000 / users.length;
};
// Shoppers `served` has not seen, a block a round (all of them, with or without events, as an all-miss load asks).
const unseen = [...all];
for (let i = unseen.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [unseen[i], unseen[j]] = [unseen[j], unseen[i]];
}
const nextUnseen = () => unseen.splice(0, Math.min(block, unseen.length));
const list = (rt: Runtime) => (user: string) => rt.recommender.recommend(user, 20, false, {});
const reads = async (user: string) => store.events.history((await store.users.idOf(user))!, maxHistory);
await perList(list(held));
await perList(list(read));
await perList(list(served), nextUnseen());
const rows = { list: [] as number[], listReadingHistories: [] as number[], storeReads: [] as number[], newShoppersServed: [] as number[] };
for (let r = 0; r < rounds; r++) {
  rows.list.push(await perList(list(held)));
  rows.listReadingHistories.push(await perList(list(read)));
  rows.storeReads.push(await perList(reads));
  rows.newShoppersServed.push(await perList(list(served), nextUnseen()));
  process.stderr.write(
    `round ${r + 1}: ${rows.list.at(-1)!.toFixed(0)} µs a list (histories held), ${rows.listReadingHistories.at(-1)!.toFixed(0)} (read), ${rows.storeReads.at(-1)!.toFixed(0)} µs of store reads, ${rows.newShoppersServed.at(-1)!.toFixed(0)} a new shopper's (as served)\n`,
  );
}
await Promise.all([held.close(), read.close(), served.close()]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const round1 = (xs: number[]) => xs.map((x) => Number(x.toFixed(1)));
process.stdout.write(JSON.stringify({
  requestPath: {
    code: codeVersion(), dataDir, rounds, block, maxHistory,
    microsecondsPerList: Number(median(rows.list).toFixed(1)), readingHistoriesMicroseconds: Number(median(rows.listReadingHistories).toFixed(1)),
    storeReadsMicroseconds: Number(median(rows.storeReads).toFixed(1)), listsPerSecondOneCore: Math.round(1e6 / median(rows.list)),
    newShopperServedMicroseconds: Number(median(rows.newShoppersServed).toFixed(1)),
    perRound: { list: round1(rows.list), listReadingHistories: round1(rows.listReadingHistories), storeReads: round1(rows.storeReads), newShoppersServed: round1(rows.newShoppersServed) },
  },
}) + "\n");
