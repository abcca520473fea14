// A runtime of a built checkout — this one, or another's worktree given by path — on a
// trained data directory, loaded from that checkout's own compiled modules, so that two
// builds can be measured in one process, rounds alternating (the machine's speed moves
// between minutes; within one process both sides meet the same phases).
//   git worktree add /tmp/base <commit> && (cd /tmp/base && ln -s "$PWD/node_modules" . && npm run build)
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { printMachine } from "./machine.js";
import type { Runtime } from "../server/runtime.js";
import type { ActiveModel } from "../server/serving/active-model.js";
import type { Recommendation } from "../server/serving/recommendation.js";
import type { Store } from "../server/store/types.js";
import { seededRandom } from "../models/random.js";

export interface CheckoutRuntime {
  name: string;
  rt: Runtime;
  /** The model in use. */
  model: ActiveModel;
  /** A module of the checkout's dist/, e.g. "server/serving/score-list.js". */
  load<T>(path: string): Promise<T>;
}

/** This checkout's root (benchmarks run from dist/bench/). */
export const THIS_CHECKOUT = fileURLToPath(new URL("../..", import.meta.url));

/** The runtime on `dataDir` with the list cache as `listCacheSize` says ("0": off), no served lists recorded. */
export async function checkoutRuntime(name: string, root: string, dataDir: string, listCacheSize?: string): Promise<CheckoutRuntime> {
  const load = <T>(path: string): Promise<T> => import(pathToFileURL(resolve(root, "dist", path)).href);
  const { loadConfig } = await load<typeof import("../server/config.js")>("server/config.js");
  const { openRuntime } = await load<typeof import("../server/runtime.js")>("server/runtime.js");
  const overrides = { dataDir, demo: false, recordServedLists: false, logLevel: "warn", ...(listCacheSize !== undefined && { listCacheSize }) };
  const rt = await openRuntime(loadConfig({}, overrides), { serving: true });
  await rt.recommender.refresh();
  const model = (rt.recommender as unknown as { active?: ActiveModel }).active;
  if (!model) throw new Error(`${name}: no model in ${dataDir}`);
  return { name, rt, model, load };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The flags of the in-process --against benches (--data-dir DIR [--against OTHER_CHECKOUT] [--rounds 15] [--shoppers 1000]); prints the machine. */
export function againstArgs(): { dataDir: string; against?: string; rounds: number; count: number } {
  const { values } = parseArgs({
    options: { "data-dir": { type: "string" }, against: { type: "string" }, rounds: { type: "string" }, shoppers: { type: "string" } },
  });
  const dataDir = values["data-dir"];
  if (!dataDir) throw new Error("--data-dir DIR (a store with a trained model) is required");
  printMachine();
  return { dataDir, against: values.against, rounds: Number(values.rounds ?? 15), count: Number(values.shoppers ?? 1000) };
}

/** A checkout's runtime with its own JSON writer of GET /recommend's answer, as the lists benches ask for lists. */
export type JsonSide = CheckoutRuntime & { json: (r: Recommendation) => string };

export async function jsonSide(name: string, root: string, dataDir: string, listCacheSize: string): Promise<JsonSide> {
  const s = await checkoutRuntime(name, root, dataDir, listCacheSize);
  const { recommendationJson } = await s.load<typeof import("../server/http/recommendation-json.js")>("server/http/recommendation-json.js");
  return { ...s, json: recommendationJson };
}

/** `count` shoppers of the store with events, drawn with a fixed seed. */
export async function seededShoppers(store: Store, count: number): Promise<string[]> {
  const all = await store.users.allIds();
  const random = seededRandom(7);
  const shoppers: string[] = [];
  while (shoppers.length < count) {
    const user = all[Math.floor(random() * all.length)];
    if ((await store.events.versionOf((await store.users.idOf(user))!)).count > 0) shoppers.push(user);
  }
  return shoppers;
}
