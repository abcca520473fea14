// What a list served again from the list cache costs in process: seeded known shoppers of a
// trained data directory, each list made once, then rounds that ask for all of them again
// (every one a hit) and write the answer's JSON, as GET /recommend does. With --against,
// another built checkout's in the same process (checkout-runtime.ts), rounds alternating.
// Prints the machine, then the median microseconds a cached list of each side.
//   node dist/bench/cached-list.js --data-dir DIR [--against OTHER_CHECKOUT] [--rounds 15] [--shoppers 1000]
import { codeVersion } from "./code-version.js";
import { againstArgs, jsonSide, median, seededShoppers, THIS_CHECKOUT, type JsonSide } from "./checkout-runtime.js";

const { dataDir, against, rounds, count } = againstArgs();

// The other checkout opens the store first: an older build refuses a store this one has migrated.
const other = against ? await jsonSide("against", against, dataDir, String(2 * count)) : undefined;
const sides = [await jsonSide("this", THIS_CHECKOUT, dataDir, String(2 * count)), ...(other ? [other] : [])];
const shoppers = await seededShoppers(sides[0].rt.store, count);

async function round(s: JsonSide): Promise<number> {
  const started = process.hrtime.bigint();
  for (const user of shoppers) s.json(await s.rt.recommender.recommend(user, 20, false, {}));
  return Number(process.hrtime.bigint() - started) / 1000 / shoppers.length;
}
for (const s of sides) await round(s); // each list made once: the rounds below are hits
const times = sides.map(() => [] as number[]);
for (let r = 0; r < rounds; r++) for (const [i, s] of sides.entries()) times[i].push(await round(s));
const kept = sides.map((s) => s.rt.recommender.cachedLists);
for (const s of sides) await s.rt.close();
process.stdout.write(JSON.stringify({
  cachedList: {
    code: codeVersion(), against: against ?? null, dataDir, rounds, shoppers: count, listsKept: kept,
    microsecondsPerList: Object.fromEntries(sides.map((s, i) => [s.name, Number(median(times[i]).toFixed(1))])),
    ...(sides.length === 2 && { ratio: Number((median(times[0]) / median(times[1])).toFixed(3)) }),
  },
}) + "\n");
