// What the factor index's search costs a served list and changes in it: one trained model
// version with a factor index, served twice in one process — as trained, and as a model
// whose training found the search changes no list (params.factorSearch.needed false, no
// index: the factor part rescores the history's items alone) — rounds alternating, for
// shoppers never asked for (new each round) and the same ones asked again. Prints the
// machine, the median microseconds a list of each and how many lists are the same.
//   node dist/bench/factor-search.js --data-dir DIR [--version v000001] [--rounds 10] [--shoppers 500]
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { activeModel, type ActiveModel } from "../server/serving/active-model.js";
import { seededRandom } from "../models/random.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";
import { median } from "./checkout-runtime.js";

const { values } = parseArgs({ options: { "data-dir": { type: "string" }, version: { type: "string" }, rounds: { type: "string" }, shoppers: { type: "string" } } });
const dataDir = values["data-dir"];
if (!dataDir) throw new Error("--data-dir DIR (a store whose model has a factor index) is required");
const [rounds, count] = [Number(values.rounds ?? 10), Number(values.shoppers ?? 500)];
printMachine();

async function served(withoutSearch: boolean): Promise<Runtime> {
  const rt = await openRuntime(loadConfig({}, { dataDir, demo: false, recordServedLists: false, listCacheSize: "0", logLevel: "warn" }), { serving: true });
  const version = values.version ?? rt.registry.current();
  await rt.recommender.refresh(version);
  const { model, failed } = rt.registry.loadPinned(version!, rt.store.id);
  if (!model?.indexes.factors) throw new Error(`${version} has no factor index${failed.length ? `: ${failed[0].reason}` : ""}`);
  if (withoutSearch) {
    const { factors: _, ...indexes } = model.indexes;
    const params = { ...model.manifest.params, factorSearch: { needed: false, recall: 0, recallWithout: 0 } };
    (rt.recommender as unknown as { active: ActiveModel }).active = activeModel(
      { ...model, manifest: { ...model.manifest, params }, indexes }, await rt.store.items.unrecommendableIds(), rt.config,
    );
  }
  return rt;
}
const sides = { searched: await served(false), notSearched: await served(true) };
const all = await sides.searched.store.users.allIds();
const random = seededRandom(9);
const pick = () => Array.from({ length: count }, () => all[Math.floor(random() * all.length)]);
const repeated = pick();
async function timed(rt: Runtime, users: string[]): Promise<{ us: number; made: string[][] }> {
  const started = process.hrtime.bigint();
  const made: string[][] = [];
  for (const u of users) made.push((await rt.recommender.recommend(u, 20, false, {})).items.map((i) => i.id));
  return { us: Number(process.hrtime.bigint() - started) / 1000 / users.length, made };
}
// The repeated shoppers' first lists, untimed.
await timed(sides.searched, repeated);
await timed(sides.notSearched, repeated);
const times = { searched: { new: [] as number[], again: [] as number[] }, notSearched: { new: [] as number[], again: [] as number[] } };
let same = 0, inCommon = 0, items = 0, compared = 0;
for (let r = 0; r < rounds; r++) {
  const fresh = pick();
  const a = await timed(sides.searched, fresh);
  const b = await timed(sides.notSearched, fresh);
  times.searched.new.push(a.us);
  times.notSearched.new.push(b.us);
  times.searched.again.push((await timed(sides.searched, repeated)).us);
  times.notSearched.again.push((await timed(sides.notSearched, repeated)).us);
  a.made.forEach((list, u) => {
    const other = new Set(b.made[u]);
    inCommon += list.filter((id) => other.has(id)).length;
    items += list.length;
    compared++;
    if (list.join() === b.made[u].join()) same++;
  });
  process.stderr.write(`round ${r + 1}: new shoppers ${a.us.toFixed(0)} / ${b.us.toFixed(0)} µs, again ${times.searched.again.at(-1)!.toFixed(0)} / ${times.notSearched.again.at(-1)!.toFixed(0)} µs\n`);
}
for (const rt of Object.values(sides)) await rt.close();
const med = (xs: number[]) => Number(median(xs).toFixed(1));
process.stdout.write(JSON.stringify({
  factorSearch: {
    code: codeVersion(), dataDir, version: values.version ?? null, rounds, shoppers: count,
    microsecondsPerList: { newShoppers: { searched: med(times.searched.new), notSearched: med(times.notSearched.new) }, again: { searched: med(times.searched.again), notSearched: med(times.notSearched.again) } },
    sameLists: Number((same / compared).toFixed(4)), itemsInCommon: Number((inCommon / items).toFixed(5)), lists: compared,
  },
}) + "\n");
