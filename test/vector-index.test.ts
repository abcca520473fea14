// One contract for every VectorIndex (HNSW and exact, inner product and cosine), checked
// against a float64 brute force over the same vectors; then HNSW's recall against the
// exact index on clustered data resembling iALS factors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArtefactError } from "../models/artefact.js";
import { seededRandom } from "../models/random.js";
import { createIndex, DEFAULT_INDEX_PARAMS } from "../server/ann/create-index.js";
import { loadIndex, saveIndex, type IndexEntry } from "../server/ann/index-file.js";
import type { Metric, Neighbours, VectorIndex } from "../server/ann/vector-index.js";
import type { HnswIndex } from "../server/ann/hnsw-index.js";
import { factorCandidates } from "../server/factor-index.js";

const dir = mkdtempSync(join(tmpdir(), "tuijian-ann-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = () => join(dir, `index-${files++}.bin`);

/**
 * Vectors resembling iALS factors: Gaussian clusters (tastes), norms that vary by item
 * (popularity), and variance falling off along the dimensions as a trained factor
 * matrix's singular values do. Without that fall-off (isotropic noise in all 64
 * dimensions, a harder case) recall@10 at ef = 100 is ~0.96 rather than ~0.99.
 */
function clustered(n: number, dim: number, seed: number, clusters = 20): Float32Array[] {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dim }, gauss));
  return Array.from({ length: n }, () => {
    const c = centres[Math.floor(random() * clusters)];
    const scale = 0.2 + random();
    return Float32Array.from(c, (x, d) => (scale * (x + 0.7 * gauss())) / Math.sqrt(1 + d / 4));
  });
}

function similarity(a: Float32Array, b: Float32Array, metric: Metric): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return metric === "ip" ? dot : dot / Math.sqrt(na * nb);
}

/** The true top k labels among `live`, by float64 similarity. */
function bruteForce(vectors: Map<number, Float32Array>, q: Float32Array, k: number, metric: Metric, accept = (_: number) => true): number[] {
  return [...vectors].filter(([label]) => accept(label))
    .map(([label, v]) => ({ label, s: similarity(v, q, metric) }))
    .sort((a, b) => b.s - a.s || a.label - b.label).slice(0, k).map((x) => x.label);
}

const closeTo = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected)));

function expectSorted(result: Neighbours): void {
  for (let i = 1; i < result.scores.length; i++) expect(result.scores[i]).toBeLessThanOrEqual(result.scores[i - 1]);
}

const cases = (["hnsw", "exact"] as const).flatMap((kind) => (["ip", "cosine"] as const).map((metric) => ({ kind, metric })));

describe.each(cases)("VectorIndex contract: $kind, $metric", ({ kind, metric }) => {
  const dim = 8;
  const make = (capacity = 16) => createIndex({ kind, dim, metric, capacity });
  /** 300 labelled vectors (labels 1000…, not 0…n, so labels ≠ slots) and the index over them. */
  function filled(): { index: VectorIndex; vectors: Map<number, Float32Array> } {
    const index = make();
    const vectors = new Map<number, Float32Array>();
    clustered(300, dim, 7).forEach((v, i) => {
      vectors.set(1000 + 3 * i, v);
      index.add(1000 + 3 * i, v);
    });
    return { index, vectors };
  }
  const queries = clustered(20, dim, 99);

  it("returns the true top k, closest first, with exact similarities, growing past its capacity", () => {
    const { index, vectors } = filled();
    expect(index.size).toBe(300);
    for (const q of queries) {
      const result = index.search(q, 10);
      expectSorted(result);
      expect([...result.labels]).toEqual(bruteForce(vectors, q, 10, metric));
      result.labels.forEach((label, i) => closeTo(result.scores[i], similarity(vectors.get(label)!, q, metric)));
    }
  });

  it("clamps k to the live count and returns nothing from an empty index or for k = 0", () => {
    const { index } = filled();
    expect(index.search(queries[0], 1000).labels.length).toBe(300);
    expect(index.search(queries[0], 0).labels.length).toBe(0);
    expect(make().search(queries[0], 5).labels.length).toBe(0);
  });

  it("never returns a removed label; re-adding brings it back, new labels reuse removed slots", () => {
    const { index, vectors } = filled();
    const removed = [...vectors.keys()].filter((_, i) => i % 3 === 0);
    for (const label of removed) {
      index.remove(label);
      vectors.delete(label);
    }
    index.remove(removed[0]); // twice, and an unknown label: no-ops
    index.remove(7);
    expect(index.size).toBe(200);
    expect(index.has(removed[0])).toBe(false);
    for (const q of queries) {
      const labels = [...index.search(q, 300).labels];
      expect(labels.length).toBe(200);
      expect(labels.some((l) => removed.includes(l))).toBe(false);
    }
    // New labels take removed slots (in hnswlib, dropping the removed labels for good);
    // then the removed labels come back, with new vectors.
    const fresh = clustered(removed.length * 2, dim, 5);
    for (let i = 0; i < 50; i++) index.add(5000 + i, fresh[i]);
    removed.forEach((label, i) => index.add(label, fresh[50 + i]));
    for (let i = 0; i < 50; i++) vectors.set(5000 + i, fresh[i]);
    removed.forEach((label, i) => vectors.set(label, fresh[50 + i]));
    expect(index.size).toBe(350);
    for (const q of queries) expect([...index.search(q, 10).labels]).toEqual(bruteForce(vectors, q, 10, metric));
  });

  it("replaces the vector of a label that is added again", () => {
    const { index, vectors } = filled();
    const label = 1000 + 3 * 17;
    const q = queries[0];
    const moved = Float32Array.from(q, (x) => 3 * x); // the closest possible for either metric
    index.add(label, moved);
    vectors.set(label, moved);
    expect(index.size).toBe(300);
    const result = index.search(q, 5);
    expect(result.labels[0]).toBe(label);
    closeTo(result.scores[0], similarity(moved, q, metric));
    expect([...result.labels]).toEqual(bruteForce(vectors, q, 5, metric));
  });

  it("gives back a live label's vector (unit length for cosine) and nothing for a removed or unknown one", () => {
    const { index, vectors } = filled();
    const label = 1000 + 3 * 5;
    const stored = index.vector(label)!;
    const v = vectors.get(label)!;
    const scale = metric === "cosine" ? 1 / Math.hypot(...v) : 1;
    stored.forEach((x, i) => closeTo(x, v[i] * scale));
    index.remove(label);
    expect(index.vector(label)).toBeUndefined();
    expect(index.vector(7)).toBeUndefined();
  });

  it("returns only what accept allows, and passes on an error accept throws", () => {
    const { index, vectors } = filled();
    const accept = (label: number) => label % 2 === 0;
    for (const q of queries) {
      const result = index.search(q, 10, accept);
      expect([...result.labels]).toEqual(bruteForce(vectors, q, 10, metric, accept));
    }
    // hnswlib-node aborts the process if its filter throws: the index must not let it.
    expect(() => index.search(queries[0], 10, () => { throw new Error("no thanks"); })).toThrow("no thanks");
    expect(index.search(queries[0], 3).labels.length).toBe(3);
  });

  it("refuses vectors and queries of the wrong dimension, non-finite values and bad labels", () => {
    const index = make();
    expect(() => index.add(1, new Float32Array(dim + 1))).toThrow(/9 dimensions; the index holds 8/);
    expect(() => index.search(new Float32Array(dim - 1), 3)).toThrow(/7 dimensions; the index holds 8/);
    expect(() => index.add(1, new Float32Array(dim).fill(NaN))).toThrow(/non-finite/);
    expect(() => index.add(-1, new Float32Array(dim))).toThrow(/label -1/);
    expect(() => index.add(1.5, new Float32Array(dim))).toThrow(/label 1.5/);
    expect(() => index.search(new Float32Array(dim), -1)).toThrow(/k -1/);
    expect(index.size).toBe(0);
  });

  it("saves and loads: the same results, removed labels stay removed, and it keeps accepting changes", () => {
    const { index, vectors } = filled();
    for (const label of [1000, 1003, 1006]) {
      index.remove(label);
      vectors.delete(label);
    }
    const file = tempFile();
    const entry = saveIndex(index, file);
    expect(entry).toMatchObject({ format: "tuijian-vector-index", formatVersion: 1, kind, dim, metric, size: 297, bytes: readFileSync(file).length });
    if (kind === "hnsw") expect(entry).toMatchObject({ M: 16, efConstruction: 200, ef: 100, seed: 42 });
    const loaded = loadIndex(JSON.parse(JSON.stringify(entry)), file);
    expect(loaded.size).toBe(297);
    // Saved again, unchanged: the same bytes and parameters (hnswlib itself forgets ef).
    expect({ ...saveIndex(loaded, tempFile()), file: entry.file }).toEqual(entry);
    expect(loaded.has(1003)).toBe(false);
    for (const q of queries) {
      const before = index.search(q, 300), after = loaded.search(q, 300);
      expect([...after.labels]).toEqual([...before.labels]);
      expect([...after.scores]).toEqual([...before.scores]);
    }
    const extra = clustered(3, dim, 11);
    loaded.add(1003, extra[0]);
    loaded.add(9000, extra[1]);
    loaded.remove(1009);
    vectors.set(1003, extra[0]);
    vectors.set(9000, extra[1]);
    vectors.delete(1009);
    expect(loaded.size).toBe(298);
    for (const q of queries) expect([...loaded.search(q, 10).labels]).toEqual(bruteForce(vectors, q, 10, metric));
  });

  it("refuses a corrupted, truncated or missing file and a wrong format or version", () => {
    const { index } = filled();
    const file = tempFile();
    const entry = saveIndex(index, file);
    const good = readFileSync(file);
    const refused = (e: IndexEntry, problem: RegExp) => {
      expect(() => loadIndex(e, file)).toThrow(ArtefactError);
      expect(() => loadIndex(e, file)).toThrow(problem);
    };
    const flipped = Buffer.from(good);
    flipped[flipped.length >> 1] ^= 0x40;
    writeFileSync(file, flipped);
    refused(entry, /checksum mismatch/);
    writeFileSync(file, good.subarray(0, good.length - 4));
    refused(entry, /bytes, manifest says/);
    writeFileSync(file, good);
    refused({ ...entry, formatVersion: 2 }, /format version 2/);
    refused({ ...entry, format: "tuijian-model" } as unknown as IndexEntry, /not a tuijian-vector-index/);
    refused({ ...entry, dim: 9 }, /holds 8-dimensional vectors, manifest says 9/);
    refused({ ...entry, size: 5 }, /holds 300 vectors, manifest says 5/);
    rmSync(file);
    refused(entry, /cannot be read/);
  });
});

describe("createIndex", () => {
  it('"auto" picks exact below exactBelow vectors and HNSW from there, with the default parameters', () => {
    expect(createIndex({ kind: "auto", dim: 4, metric: "ip", capacity: 19_999 }).kind).toBe("exact");
    expect(createIndex({ kind: "auto", dim: 4, metric: "ip", capacity: 20_000 }).kind).toBe("hnsw");
    expect(createIndex({ kind: "auto", dim: 4, metric: "ip", capacity: 100, exactBelow: 50 }).kind).toBe("hnsw");
    expect(() => createIndex({ kind: "auto", dim: 4, metric: "ip" })).toThrow(/needs capacity/);
    expect(DEFAULT_INDEX_PARAMS).toEqual({ M: 16, efConstruction: 200, ef: 100, seed: 42, exactBelow: 20_000 });
  });

  it("a factor index is searched with the serving effort, not the one it was built with", () => {
    const index = createIndex({ kind: "hnsw", dim: 4, metric: "ip", capacity: 10, ef: 100 }) as HnswIndex;
    const candidates = factorCandidates(index, 5, 37);
    expect(index.ef).toBe(37);
    expect(candidates.count).toBe(5);
  });
});

describe.each(["ip", "cosine"] as const)("HNSW recall@10 against the exact index (%s)", (metric) => {
  it("is at least 0.95 on 6,000 clustered 64-dimensional vectors, and after removing 10 %", () => {
    const dim = 64, n = 6000, k = 10;
    const items = clustered(n, dim, 2024, 50);
    const queries = clustered(200, dim, 4048, 50);
    const hnsw = createIndex({ kind: "hnsw", dim, metric, capacity: n });
    const exact = createIndex({ kind: "exact", dim, metric, capacity: n });
    items.forEach((v, label) => {
      hnsw.add(label, v);
      exact.add(label, v);
    });
    const recall = () => {
      let hits = 0;
      for (const q of queries) {
        const truth = new Set(exact.search(q, k).labels);
        for (const label of hnsw.search(q, k).labels) if (truth.has(label)) hits++;
      }
      return hits / (queries.length * k);
    };
    expect(recall()).toBeGreaterThanOrEqual(0.95);
    const random = seededRandom(1);
    for (let label = 0; label < n; label++) {
      if (random() < 0.1) {
        hnsw.remove(label);
        exact.remove(label);
      }
    }
    expect(hnsw.size).toBe(exact.size);
    expect(recall()).toBeGreaterThanOrEqual(0.95);
  });
});
