// What a list served again from the list cache costs in process: seeded known shoppers of a
// trained data directory, each list made once, then rounds that ask for all of them again
// (every one a hit) and write the answer's JSON, as GET /recommend does. With --against,
// another built checkout's in the same process (checkout-runtime.ts), rounds alternating.
// Prints the machine, then the median microseconds a cached list of each side.
//   node dist/bench/cached-list.js --data-dir DIR [--against OTHER_CHECKOUT] [--rounds 15] [--shoppers 1000]
import { seededRandom } from "../models/random.js";
import type { Recommendation } from "../server/serving/recommendation.js";
import { codeVersion } from "./code-version.js";
import { againstArgs, checkoutRuntime, median, THIS_CHECKOUT, type CheckoutRuntime } from "./checkout-runtime.js";

const { dataDir, against, rounds, count } = againstArgs();

type Side = CheckoutRuntime & { json: (r: Recommendation) => string };
async function side(name: string, root: string): Promise<Side> {
  const s = await checkoutRuntime(name, root, dataDir, String(2 * count));
  const { recommendationJson } = await s.load<typeof import("../server/http/recommendation-json.js")>("server/http/recommendation-json.js");
  return { ...s, json: recommendationJson };
}
// The other checkout opens the store first: an older build refuses a store this one has migrated.
const other = against ? await side("against", against) : undefined;
const sides = [await side("this", THIS_CHECKOUT), ...(other ? [other] : [])];
const { store } = sides[0].rt;
const all = await store.users.allIds();
const random = seededRandom(7);
const shoppers: string[] = [];
while (shoppers.length < count) {
  const user = all[Math.floor(random() * all.length)];
  if ((await store.events.versionOf((await store.users.idOf(user))!)).count > 0) shoppers.push(user);
}

async function round(s: Side): Promise<number> {
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
