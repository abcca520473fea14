// Nearest-neighbour search over item factors: HNSW (hnswlib-node; default M and
// efConstruction unless given) against the exact scan, inner product, 100,000 items × 64
// dimensions. Reports build time, file size, save/load time, and for ef in
// [50, 100, 200, 400] × k in [100, 20] the median (and p99) time of one search, median
// over repetitions, recall@k against the exact index, and top20Recall: the share of the
// true top 20 among the k returned (what matters when k candidates are rescored exactly
// and 20 kept). hnswlib searches with max(ef, k) candidates, so at k = 100 ef 50 and
// ef 100 are the same search.
//   node dist/bench/ann-search.js [--items 100000] [--queries 2000] [--reps 5] [--flat] [--M 16] [--ef-construction 200]
// Vectors: Gaussian clusters with item norms varying like popularity and variance
// falling off along the dimensions like a trained factor matrix's spectrum; --flat keeps
// the same variance in every dimension (a harder case for any graph index).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createIndex, DEFAULT_INDEX_PARAMS } from "../server/ann/create-index.js";
import { loadIndex, saveIndex } from "../server/ann/index-file.js";
import type { HnswIndex } from "../server/ann/hnsw-index.js";
import type { VectorIndex } from "../server/ann/vector-index.js";
import { seededRandom } from "../models/random.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({
  options: { items: { type: "string" }, queries: { type: "string" }, reps: { type: "string" }, flat: { type: "boolean" }, M: { type: "string" }, "ef-construction": { type: "string" } },
});
const n = Number(values.items ?? 100_000);
const queryCount = Number(values.queries ?? 2_000);
const reps = Number(values.reps ?? 5);
const flat = values.flat ?? false;
const M = Number(values.M ?? DEFAULT_INDEX_PARAMS.M);
const efConstruction = Number(values["ef-construction"] ?? DEFAULT_INDEX_PARAMS.efConstruction);
const DIM = 64, CLUSTERS = 200, SEED = 42;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const log = (msg: string) => process.stderr.write(`${msg}\n`);

printMachine();
const random = seededRandom(SEED);
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const centres = Array.from({ length: CLUSTERS }, () => Float32Array.from({ length: DIM }, gauss));
const vector = () => {
  const c = centres[Math.floor(random() * CLUSTERS)];
  const scale = 0.2 + random();
  return Float32Array.from(c, (x, d) => (scale * (x + 0.7 * gauss())) / (flat ? 1 : Math.sqrt(1 + d / 4)));
};
const items = Array.from({ length: n }, vector);
const queries = Array.from({ length: queryCount }, vector);

log(`building HNSW over ${n} × ${DIM}…`);
const hnsw = createIndex({ kind: "hnsw", dim: DIM, metric: "ip", capacity: n, M, efConstruction }) as HnswIndex;
let t = performance.now();
items.forEach((v, label) => hnsw.add(label, v));
const buildSeconds = (performance.now() - t) / 1000;
const exact = createIndex({ kind: "exact", dim: DIM, metric: "ip", capacity: n });
items.forEach((v, label) => exact.add(label, v));

log("exact top 100 for every query…");
const exactUs: number[] = [];
const truth = queries.map((q) => {
  const t0 = performance.now();
  const { labels } = exact.search(q, 100);
  exactUs.push((performance.now() - t0) * 1000);
  return labels;
});

const dir = mkdtempSync(join(tmpdir(), "tuijian-ann-bench-"));
t = performance.now();
const entry = saveIndex(hnsw, join(dir, "hnsw.bin"));
const saveMs = performance.now() - t;
t = performance.now();
loadIndex(entry, join(dir, "hnsw.bin"));
const loadMs = performance.now() - t;
const exactBytes = saveIndex(exact, join(dir, "exact.bin")).bytes;
rmSync(dir, { recursive: true, force: true });

/** Per-search times of every query, `reps` times; the median rep by its median. */
function timeSearches(index: VectorIndex, k: number): { medianUs: number; p99Us: number } {
  for (const q of queries.slice(0, 200)) index.search(q, k); // warm-up
  const runs = Array.from({ length: reps }, () => {
    const us = queries.map((q) => {
      const t0 = performance.now();
      index.search(q, k);
      return (performance.now() - t0) * 1000;
    });
    return { medianUs: median(us), p99Us: quantile(us, 0.99) };
  });
  const mid = [...runs].sort((a, b) => a.medianUs - b.medianUs)[Math.floor(runs.length / 2)];
  return { medianUs: round(mid.medianUs, 1), p99Us: round(mid.p99Us, 1) };
}

function recall(k: number): { recall: number; top20Recall: number } {
  let hits = 0, top20Hits = 0;
  queries.forEach((q, i) => {
    const found = new Set(hnsw.search(q, k).labels);
    truth[i].subarray(0, k).forEach((label, rank) => {
      if (!found.has(label)) return;
      hits++;
      if (rank < 20) top20Hits++;
    });
  });
  return { recall: round(hits / (k * queries.length), 4), top20Recall: round(top20Hits / (20 * queries.length), 4) };
}

const rows = [];
for (const k of [100, 20]) {
  for (const ef of [50, 100, 200, 400]) {
    log(`k ${k}, ef ${ef}…`);
    hnsw.ef = ef;
    rows.push({ k, ef, ...timeSearches(hnsw, k), ...recall(k) });
  }
}

const result = {
  annSearch: {
    code: codeVersion(),
    items: n, dims: DIM, metric: "ip", clusters: CLUSTERS, spectrum: flat ? "flat" : "decaying", queries: queryCount, reps, seed: SEED,
    M, efConstruction,
    buildSeconds: round(buildSeconds, 2), indexBytes: entry.bytes, exactIndexBytes: exactBytes,
    saveMs: round(saveMs, 1), loadMs: round(loadMs, 1),
    exactSearchMedianUs: round(median(exactUs), 1),
    rows,
  },
};
process.stdout.write(JSON.stringify(result) + "\n");
