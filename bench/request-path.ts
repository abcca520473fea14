// The miss path of GET /recommend without HTTP: one process, lists for seeded known
// shoppers (no list cache), in rounds. Two runtimes on the same trained data directory,
// rounds alternating: shoppers' histories held in memory (the default) and read from the
// store at every request (historyCacheEvents 0). Prints each round's microseconds per
// list and the median, and what the store reads alone cost (the shopper's id and
// history, the same shoppers): the CPU a list costs, apart from the framework, so that
// steps on the path can be compared run against run.
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
// The list cache off, so every list is computed: it is on by default since 9706d0a, and this then measured hits.
const overrides = { dataDir, demo: false, recordServedLists: false, listCacheSize: "0", logLevel: "warn", ...(values["max-history"] && { maxHistory: values["max-history"] }) };
const runtime = async (historyCacheEvents?: string) => {
  const rt = await openRuntime(loadConfig({}, { ...overrides, ...(historyCacheEvents && { historyCacheEvents }) }), { serving: true });
  await rt.recommender.refresh();
  return rt;
};
const [held, read] = [await runtime(), await runtime("0")];
const { store } = held;
const maxHistory = held.config.maxHistory;
const all = await store.users.allIds();
const random = seededRandom(7);
const shoppers: string[] = [];
while (shoppers.length < block) {
  const user = all[Math.floor(random() * all.length)];
  if ((await store.events.history((await store.users.idOf(user))!, 1)).length > 0) shoppers.push(user);
}

const perList = async (each: (user: string) => Promise<unknown>) => {
  const started = process.hrtime.bigint();
  for (const user of shoppers) await each(user);
  return Number(process.hrtime.bigint() - started) / 1000 / block;
};
const list = (rt: Runtime) => (user: string) => rt.recommender.recommend(user, 20, false, {});
const reads = async (user: string) => store.events.history((await store.users.idOf(user))!, maxHistory);
await perList(list(held));
await perList(list(read));
const rows = { list: [] as number[], listReadingHistories: [] as number[], storeReads: [] as number[] };
for (let r = 0; r < rounds; r++) {
  rows.list.push(await perList(list(held)));
  rows.listReadingHistories.push(await perList(list(read)));
  rows.storeReads.push(await perList(reads));
  process.stderr.write(
    `round ${r + 1}: ${rows.list.at(-1)!.toFixed(0)} µs a list (histories held), ${rows.listReadingHistories.at(-1)!.toFixed(0)} (read), ${rows.storeReads.at(-1)!.toFixed(0)} µs of store reads\n`,
  );
}
await held.close();
await read.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const round1 = (xs: number[]) => xs.map((x) => Number(x.toFixed(1)));
process.stdout.write(JSON.stringify({
  requestPath: {
    code: codeVersion(), dataDir, rounds, block, maxHistory,
    microsecondsPerList: Number(median(rows.list).toFixed(1)), readingHistoriesMicroseconds: Number(median(rows.listReadingHistories).toFixed(1)),
    storeReadsMicroseconds: Number(median(rows.storeReads).toFixed(1)), listsPerSecondOneCore: Math.round(1e6 / median(rows.list)),
    perRound: { list: round1(rows.list), listReadingHistories: round1(rows.listReadingHistories), storeReads: round1(rows.storeReads) },
  },
}) + "\n");
