// The scoring of a list in process, alone or against another checkout in the same process:
// seeded known shoppers of a trained data directory, their histories read once, then in
// alternating rounds (a round of each side in turn, so that the machine's slow and fast
// phases fall on both) the WASM kernel alone (core.score on the weighted history, no
// factors) and the whole scoring stage (scoreList: history weights, the factor fold-in,
// the kernel, cold items). Prints the machine, then the median microseconds a list of
// each side and, with --against, their ratios and whether both gave the same lists.
//   node dist/bench/score-kernel.js --data-dir DIR [--against OTHER_CHECKOUT] [--rounds 15] [--shoppers 1000]
// OTHER_CHECKOUT: a built worktree of another commit (checkout-runtime.ts).
import { seededRandom } from "../models/random.js";
import type { HistoryEvent } from "../server/store/types.js";
import { codeVersion } from "./code-version.js";
import { againstArgs, checkoutRuntime, median, THIS_CHECKOUT, type CheckoutRuntime } from "./checkout-runtime.js";

const { dataDir, against, rounds, count } = againstArgs();

type ScoreList = typeof import("../server/serving/score-list.js");
type Side = CheckoutRuntime & { scoring: ScoreList };

async function side(name: string, root: string): Promise<Side> {
  const s = await checkoutRuntime(name, root, dataDir, "0");
  return { ...s, scoring: await s.load<ScoreList>("server/serving/score-list.js") };
}

// The other checkout opens the store first: an older build refuses a store this one has migrated.
const other = against ? await side("against", against) : undefined;
const sides = [await side("this", THIS_CHECKOUT), ...(other ? [other] : [])];
const { store } = sides[0].rt;
const all = await store.users.allIds();
const random = seededRandom(7);
const shoppers: HistoryEvent[][] = [];
while (shoppers.length < count) {
  const events = await store.events.history((await store.users.idOf(all[Math.floor(random() * all.length)]))!, sides[0].rt.config.maxHistory);
  if (events.length > 0) shoppers.push(events);
}

/** One round of a side: microseconds a list, and a checksum of the lists (items and reasons). */
function round(s: Side, stage: boolean): { us: number; sum: number } {
  const { model, scoring } = s;
  const histories = shoppers.map((events) => scoring.listHistory(events, model.historyParams));
  const started = process.hrtime.bigint();
  let sum = 0;
  for (let i = 0; i < shoppers.length; i++) {
    const list = stage
      ? scoring.scoreList(model, shoppers[i], model.historyParams, { k: 30, exclude: [] })
      : model.core.score({ histItems: histories[i].items, histWeights: histories[i].weights, exclude: [], popBlend: model.weights.popularity, k: 30 });
    for (let r = 0; r < list.items.length; r++) sum = (sum * 31 + list.items[r] * 7 + list.reasons[r]) % 1_000_000_007;
  }
  return { us: Number(process.hrtime.bigint() - started) / 1000 / shoppers.length, sum };
}

const result: Record<string, unknown> = { code: codeVersion(), against: against ?? null, dataDir, rounds, shoppers: count };
for (const stage of [false, true]) {
  const times = sides.map(() => [] as number[]);
  const sums = sides.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    sides.forEach((s, i) => {
      const { us, sum } = round(s, stage);
      times[i].push(us);
      sums[i] = sum;
    });
  }
  const figures = Object.fromEntries(sides.map((s, i) => [s.name, Number(median(times[i]).toFixed(1))]));
  result[stage ? "stage" : "kernel"] = {
    microsecondsPerList: figures,
    ...(sides.length === 2 && { ratio: Number((median(times[0]) / median(times[1])).toFixed(3)), sameLists: sums[0] === sums[1] }),
  };
}
for (const s of sides) await s.rt.close();
process.stdout.write(JSON.stringify({ scoreKernel: result }) + "\n");
