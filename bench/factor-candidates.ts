// What taking a request's factor candidates from the HNSW index costs in list quality and
// saves in time, on a trained data directory whose model has a factor index: for random
// shoppers (seeded) with history, the top 20 the serving kernel returns with (candidates,
// ef) against the top 20 of exhaustive scoring (every item's factor score), as recall@20,
// and the median time of one shopper's fold-in, search and scoring over repetitions;
// then the same with int8 item factors (factorPrecision int8), exhaustive and with the
// configured candidates, against the same float32 exhaustive lists.
//   node dist/bench/factor-candidates.js --data-dir DIR [--users 1000] [--reps 5]
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config.js";
import { SqliteStore } from "../server/store/sqlite/store.js";
import { ModelRegistry } from "../server/model-registry.js";
import { ScoringCore, type ScoringModel } from "../server/wasm/scoring-core.js";
import { factorCandidates } from "../server/factor-index.js";
import { servingModel } from "../models/hybrid.js";
import { foldInHistory, weightHistory } from "../models/history.js";
import { weightsByCode } from "../models/event-types.js";
import { seededRandom } from "../models/random.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({ options: { "data-dir": { type: "string" }, users: { type: "string" }, reps: { type: "string" } } });
if (!values["data-dir"]) throw new Error("--data-dir DIR (a store whose model has a factor index) is required");
const dataDir = resolve(values["data-dir"]);
const userCount = Number(values.users ?? 1000);
const reps = Number(values.reps ?? 5);
const SETTINGS: [candidates: number, ef: number][] = [[200, 100], [100, 100], [64, 64], [50, 50], [30, 30]];
type Precision = "float32" | "int8";
const K = 20;

printMachine();
const config = loadConfig(process.env, { dataDir });
const store = SqliteStore.open(join(dataDir, "tuijian.db"));
const registry = new ModelRegistry(join(dataDir, "models"));
const version = registry.current();
if (!version) throw new Error(`no trained model in ${dataDir}`);
const { manifest, artefacts, indexes } = registry.load(version, store.id);
if (!indexes.factors) throw new Error(`model ${version} has no factor index (train with more than annMinItems items)`);
const model = servingModel(manifest, artefacts);
const scoringAt = (precision: Precision): ScoringModel => ({
  ...model.scoring, popOrder: model.popularity.order, popScores: model.popularity.scores, factors: model.factors && { ...model.factors, precision },
});
const scoring = scoringAt("float32");
const limits = { maxHistory: config.maxHistory, maxResults: K };
const weights = model.weights;
const byCode = weightsByCode(config.eventWeights);

// Shoppers with history, as /recommend sees them (their purchases excluded).
const allUsers = await store.users.allIds();
const random = seededRandom(7);
const cases: { history: ReturnType<typeof weightHistory>; fold: ReturnType<typeof foldInHistory>; exclude: number[] }[] = [];
while (cases.length < userCount) {
  const userId = (await store.users.idOf(allUsers[Math.floor(random() * allUsers.length)]))!;
  const events = await store.events.history(userId, config.maxHistory);
  if (events.length === 0) continue;
  cases.push({ history: weightHistory(events, { ...config, historyHalfLifeDays: config.historyHalfLifeDays ?? 30, dislikeWeight: 0, weightsByCode: byCode }), fold: foldInHistory(events, byCode, model.factors?.alpha ?? 0), exclude: await store.events.purchasedItems(userId) });
}
await store.close();

function topLists(core: ScoringCore): { lists: Int32Array[]; medianMs: number } {
  const lists: Int32Array[] = [];
  const times: number[] = [];
  for (let rep = 0; rep <= reps; rep++) {
    const start = process.hrtime.bigint();
    for (const c of cases) {
      core.foldIn(c.fold.items, c.fold.conf, weights.factors);
      const { items } = core.score({ histItems: c.history.items, histWeights: c.history.weights, exclude: c.exclude, popBlend: weights.popularity, k: K });
      if (rep === 0) lists.push(items);
    }
    // Repetition 0 warms the caches up and is not timed.
    if (rep > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6 / cases.length);
  }
  return { lists, medianMs: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] };
}

const exhaustive = topLists(new ScoringCore(scoring, limits, "release"));
function measure(precision: Precision, candidates?: number, ef?: number) {
  const ann = candidates === undefined ? undefined : factorCandidates(indexes.factors!, candidates, ef!);
  const run = topLists(new ScoringCore(scoringAt(precision), limits, "release", ann));
  let recall = 0;
  run.lists.forEach((list, u) => {
    const truth = new Set(exhaustive.lists[u]);
    recall += truth.size === 0 ? 1 : Array.from(list).filter((j) => truth.has(j)).length / truth.size;
  });
  return {
    precision, candidates: candidates ?? "all", ef: ef ?? null,
    recallAt20: Math.round((recall / cases.length) * 10_000) / 10_000, medianMsPerUser: Math.round(run.medianMs * 1000) / 1000,
  };
}
const results = [
  ...SETTINGS.map(([candidates, ef]) => measure("float32", candidates, ef)),
  measure("int8"),
  measure("int8", config.annCandidates, config.annEf),
];
process.stdout.write(JSON.stringify({
  factorCandidates: {
    code: codeVersion(), dataDir, model: version, items: scoring.n, users: cases.length, reps, weights,
    exhaustiveMsPerUser: Math.round(exhaustive.medianMs * 1000) / 1000, results,
  },
}) + "\n");
