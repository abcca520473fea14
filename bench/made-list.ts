// What a list made afresh costs in process (the list cache off, as for a shopper whose
// list is not kept): seeded known shoppers of a trained data directory, each asked for once
// (so that, as in a serving process, their histories are held), then rounds that ask for
// all of them again and write the answer's JSON, as GET /recommend does. With --against,
// another built checkout's in the same process (checkout-runtime.ts), rounds alternating,
// and whether both gave the same lists. Prints the machine, then the median microseconds
// a list of each side.
//   node dist/bench/made-list.js --data-dir DIR [--against OTHER_CHECKOUT] [--rounds 15] [--shoppers 1000]
import { codeVersion } from "./code-version.js";
import { againstArgs, jsonSide, median, seededShoppers, THIS_CHECKOUT, type JsonSide } from "./checkout-runtime.js";

const { dataDir, against, rounds, count } = againstArgs();

// The other checkout opens the store first: an older build refuses a store this one has migrated.
const other = against ? await jsonSide("against", against, dataDir, "0") : undefined;
const sides = [await jsonSide("this", THIS_CHECKOUT, dataDir, "0"), ...(other ? [other] : [])];
const shoppers = await seededShoppers(sides[0].rt.store, count);

/** Microseconds a list, and the lists' items (to compare the sides). */
async function round(s: JsonSide): Promise<{ us: number; lists: string }> {
  const items: string[] = [];
  const started = process.hrtime.bigint();
  for (const user of shoppers) {
    const r = await s.rt.recommender.recommend(user, 20, false, {});
    s.json(r);
    items.push(r.items.map((i) => i.id).join(","));
  }
  return { us: Number(process.hrtime.bigint() - started) / 1000 / shoppers.length, lists: items.join(";") };
}
const lists = await Promise.all(sides.map(async (s) => (await round(s)).lists)); // each shopper asked for once: held
const times = sides.map(() => [] as number[]);
for (let r = 0; r < rounds; r++) for (const [i, s] of sides.entries()) times[i].push((await round(s)).us);
for (const s of sides) await s.rt.close();
process.stdout.write(JSON.stringify({
  madeList: {
    code: codeVersion(), against: against ?? null, dataDir, rounds, shoppers: count,
    microsecondsPerList: Object.fromEntries(sides.map((s, i) => [s.name, Number(median(times[i]).toFixed(1))])),
    ...(sides.length === 2 && { ratio: Number((median(times[0]) / median(times[1])).toFixed(3)), sameLists: lists[0] === lists[1] }),
  },
}) + "\n");
