// The linear item model from the sparse matrix (models/linear-sparse.ts) against the
// passes around it, on a generated shop's user × item matrix (built as training builds
// it: default event weights, a shopper's last 500 items), all in the same run:
//   knn     item-kNN in the WASM engine, without the Gram matrix (what training runs);
//   sparse  trainSparseLinear in the WASM engine, from the kNN lists;
//   dense   kNN with the dense Gram matrix + trainLinearItem: only up to --dense-max-items
//           (default 16,384: the 1 GiB dense-matrix budget of training).
// Each pass runs in its own child process, reps times interleaved, so that its peak RSS is
// its own (the matrix is generated once and handed over in files); the figures are medians.
// The sparse and dense weights of the first rep are compared entry for entry.
//
//   node dist/bench/linear-sparse.js [--users N --items N --events N --seed S] [--large]
//        [--reps 3] [--neighbours 50] [--budget-mb 256] [--dense-max-items 16384]
// Default 200,000 shoppers, 20,000 items, 4,000,000 events; --large: the standard large shop.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_EVENT_WEIGHTS, eventCode, weightsByCode } from "../models/event-types.js";
import { trainItemKnn, type ItemNeighbours } from "../models/item-knn.js";
import { trainLinearItem } from "../models/linear-item.js";
import { DEFAULT_SYSTEM_BYTES, planBlocks, trainSparseLinear } from "../models/linear-sparse.js";
import { UserItemBuilder, type UserItemMatrix } from "../models/user-items.js";
import { wasmGramEngine } from "../server/wasm/item-gram-engine.js";
import { wasmNeighbourEngine } from "../server/wasm/neighbour-engine.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";
import { STANDARD_LARGE_SHOP, ShopGenerator } from "./shop-generator.js";
import { count, fail } from "./shop/flags.js";

const LAMBDA_SCALE = 2;
const MAX_USER_ITEMS = 500;
type Phase = "knn" | "sparse" | "dense";
/** Files of float arrays; the others hold ints. */
const FLOAT_FILES = /(weights|sims)$/;

let values: Record<string, string | boolean | undefined>;
try {
  values = parseArgs({
    options: {
      users: { type: "string" }, items: { type: "string" }, events: { type: "string" }, seed: { type: "string" },
      large: { type: "boolean" }, reps: { type: "string" }, neighbours: { type: "string" },
      "budget-mb": { type: "string" }, "dense-max-items": { type: "string" },
      child: { type: "string" }, dir: { type: "string" },
    },
    strict: true,
  }).values;
} catch (err) {
  fail((err as Error).message);
}
const base = values.large ? STANDARD_LARGE_SHOP : { users: 200_000, items: 20_000, events: 4_000_000, seed: 42 };
const shop = {
  users: count(values, "users", base.users, 1), items: count(values, "items", base.items, 1),
  events: count(values, "events", base.events, 1), seed: count(values, "seed", base.seed, 0),
};
const neighbours = count(values, "neighbours", 50, 1);
const budgetBytes = values["budget-mb"] === undefined ? DEFAULT_SYSTEM_BYTES : count(values, "budget-mb", 0, 1) * 2 ** 20;

if (values.child !== undefined) runChild(values.child as Phase, values.dir as string);
else runParent();

function runParent(): void {
  printMachine();
  const reps = count(values, "reps", 3, 1);
  const denseMaxItems = count(values, "dense-max-items", 16_384, 0);
  const dir = mkdtempSync(join(tmpdir(), "tuijian-linear-sparse-"));
  try {
    let t = performance.now();
    const m = generateMatrix();
    const generateSeconds = seconds(t);
    save(dir, { userPtr: m.userPtr, items: m.items, weights: m.weights });
    const phases: Phase[] = shop.items <= denseMaxItems ? ["knn", "sparse", "dense"] : ["knn", "sparse"];
    const runs: Record<string, { seconds: number; peakRssMB: number; inputRssMB: number }[]> = {};
    for (let rep = 0; rep < reps; rep++) {
      for (const phase of phases) {
        const args = [fileURLToPath(import.meta.url), "--child", phase, "--dir", dir, "--items", String(shop.items), "--neighbours", String(neighbours), "--budget-mb", String(budgetBytes / 2 ** 20)];
        const child = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 });
        if (child.status !== 0) fail(`the ${phase} child failed (status ${child.status})`);
        (runs[phase] ??= []).push(JSON.parse(child.stdout));
        process.stderr.write(`rep ${rep + 1} ${phase}: ${child.stdout.trim()}\n`);
      }
    }
    const knn = loadNeighbours(dir);
    const result = {
      code: codeVersion(),
      shop, neighbours, maxUserItems: MAX_USER_ITEMS, lambdaScale: LAMBDA_SCALE,
      nnz: m.items.length, generateSeconds, reps,
      budgetMB: budgetBytes / 2 ** 20, blocks: planBlocks(knn.rowPtr, Math.floor(budgetBytes / 4)).length - 1,
      ...Object.fromEntries(Object.entries(runs).map(([phase, r]) => [phase, medians(r)])),
      sparseVsDense: phases.includes("dense") ? compare(dir) : undefined,
    };
    process.stdout.write(JSON.stringify({ linearSparse: result }) + "\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One pass, timed, in a process of its own; the first run of a phase keeps its output. */
function runChild(phase: Phase, dir: string): void {
  const m: UserItemMatrix = { numItems: shop.items, ...(load(dir, ["userPtr", "items", "weights"]) as Pick<UserItemMatrix, "userPtr" | "items" | "weights">) };
  const knn = phase === "sparse" ? loadNeighbours(dir) : undefined;
  const inputRssMB = Math.round(process.memoryUsage.rss() / 2 ** 20);
  const t = performance.now();
  let out: ItemNeighbours;
  if (phase === "knn") out = trainItemKnn(m, { neighbours }, wasmNeighbourEngine).knn;
  else if (phase === "sparse") out = trainSparseLinear(m, knn!, { lambdaScale: LAMBDA_SCALE, maxSystemBytes: budgetBytes }, wasmGramEngine);
  else {
    const dense = trainItemKnn(m, { neighbours }, wasmNeighbourEngine, { withGram: true });
    out = trainLinearItem(dense.gram!, dense.knn, { lambdaScale: LAMBDA_SCALE });
  }
  const elapsed = seconds(t);
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  save(dir, { [`${phase}.rowPtr`]: out.rowPtr, [`${phase}.cols`]: out.cols, [`${phase}.sims`]: out.sims }, false);
  process.stdout.write(JSON.stringify({ seconds: elapsed, peakRssMB, inputRssMB }) + "\n");
}

function generateMatrix(): UserItemMatrix {
  const gen = new ShopGenerator(shop);
  const builder = new UserItemBuilder({ numItems: shop.items, weightsByCode: weightsByCode(DEFAULT_EVENT_WEIGHTS), maxUserItems: MAX_USER_ITEMS });
  for (const { profile, events } of gen.shoppers()) {
    for (const e of events) builder.add(profile.index, e.item, eventCode(e.type), e.value, e.ts);
  }
  return builder.build();
}

/** The sparse path's weights against the dense path's: same entries, and how far apart. */
function compare(dir: string) {
  const [s, d] = (["sparse", "dense"] as const).map((p) => load(dir, [`${p}.rowPtr`, `${p}.cols`, `${p}.sims`]));
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);
  const sims = s["sparse.sims"], dense = d["dense.sims"];
  let maxAbsDiff = 0;
  let identical = 0;
  for (let p = 0; p < Math.min(sims.length, dense.length); p++) {
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(sims[p] - dense[p]));
    if (sims[p] === dense[p]) identical++;
  }
  return {
    sameEntries: same(s["sparse.rowPtr"], d["dense.rowPtr"]) && same(s["sparse.cols"], d["dense.cols"]),
    weights: sims.length, identical, maxAbsDiff,
  };
}

function loadNeighbours(dir: string): ItemNeighbours {
  const a = load(dir, ["knn.rowPtr", "knn.cols", "knn.sims"]);
  return { n: shop.items, rowPtr: a["knn.rowPtr"] as Int32Array, cols: a["knn.cols"] as Int32Array, sims: a["knn.sims"] as Float32Array };
}

/** Typed arrays as raw files in dir (name.bin); `overwrite: false` keeps an existing file. */
function save(dir: string, arrays: Record<string, Int32Array | Float32Array>, overwrite = true): void {
  for (const [name, a] of Object.entries(arrays)) {
    const file = join(dir, `${name}.bin`);
    if (overwrite || !existsSync(file)) writeFileSync(file, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  }
}

function load(dir: string, names: string[]): Record<string, Int32Array | Float32Array> {
  return Object.fromEntries(names.map((name) => {
    const b = readFileSync(join(dir, `${name}.bin`));
    const copy = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    return [name, FLOAT_FILES.test(name) ? new Float32Array(copy) : new Int32Array(copy)];
  }));
}

function medians(runs: { seconds: number; peakRssMB: number; inputRssMB: number }[]) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { seconds: median(runs.map((r) => r.seconds)), peakRssMB: median(runs.map((r) => r.peakRssMB)), inputRssMB: median(runs.map((r) => r.inputRssMB)), all: runs };
}

function seconds(start: number): number {
  return Math.round(performance.now() - start) / 1000;
}
