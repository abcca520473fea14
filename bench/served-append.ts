// What writing served lists costs the store: a fresh SQLite store is filled with --lists
// lists (time-ordered ids, 20 items, shoppers drawn from a million; seeded), then batches
// of 2,000 more are appended and timed (median of 10).
//   node dist/bench/served-append.js [--lists 1000000]
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { parseArgs } from "node:util";
import { openStore } from "../server/store/open.js";
import { listId } from "../server/serving/list-id.js";
import { seededRandom } from "../models/random.js";
import type { ServedList } from "../server/store/types.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({ options: { lists: { type: "string" } } });
const total = Number(values.lists ?? 1_000_000);
printMachine();
const dir = mkdtempSync(join(tmpdir(), "tuijian-served-"));
const store = await openStore(`sqlite:${join(dir, "t.db")}`);
const random = seededRandom(3);
const lists = (n: number): ServedList[] =>
  Array.from({ length: n }, () => ({
    id: listId(), ts: Date.now(), userId: Math.floor(random() * 1e6), placement: "home", variant: null, modelVersion: "v000001",
    items: Array.from({ length: 20 }, () => Math.floor(random() * 1e5)),
  }));
for (let n = 0; n < total; n += 4000) await store.served.append(lists(4000));
const runs: number[] = [];
for (let i = 0; i < 10; i++) {
  const batch = lists(2000);
  const started = performance.now();
  await store.served.append(batch);
  runs.push(performance.now() - started);
}
runs.sort((a, b) => a - b);
await store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ servedAppend: { code: codeVersion(), storedLists: total, msPer2000: Number(runs[5].toFixed(1)), runs } }) + "\n");
