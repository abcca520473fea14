import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { hostname } from "node:os";
import { ModelRegistry } from "../server/model-registry.js";
import { checkManifest, encodeArtefact, FORMAT, FORMAT_VERSION, type ModelManifest } from "../models/artefact.js";
import { spawnSync } from "node:child_process";
import { trainModels } from "../server/train.js";
import { openRuntime } from "../server/runtime.js";
import { runBatch } from "../server/batch/batch.js";
import { smallShop, tempDir, testConfig } from "./helpers.js";

/** The least a manifest holds: no source trained but item-kNN, nothing fitted. */
const PARAMS: ModelManifest["params"] = {
  neighbours: 50, maxUserItems: 500, eventWeights: {}, linear: {}, factors: null, annMinItems: 0, content: null,
  hybrid: { itemKnn: 1, linear: 0, content: 0, recency: 0, factors: 0, popularity: 0.1, compensation: 0 }, fit: null, similar: null,
};
const STATS: ModelManifest["stats"] = { events: 0, users: 0, items: 0, neighbourPairs: 0, linearWeights: 0, latestEventTs: 0, decayReferenceTs: 0, trainMs: 0 };

function manifestFor(registry: ModelRegistry, storeId: string, arrays = { a: Int32Array.from([1, 2, 3]), b: Float32Array.from([0.5]) }) {
  const art = encodeArtefact("x.bin", arrays);
  const manifest: ModelManifest = {
    format: FORMAT, formatVersion: FORMAT_VERSION, version: registry.nextVersion(), createdAt: new Date().toISOString(),
    storeId, seed: 1, params: PARAMS, stats: STATS, artefacts: { x: art.entry }, indexes: {},
  };
  return { manifest, files: { "x.bin": art.data } };
}

describe("model registry", () => {
  it("publishes versions, switches CURRENT, round-trips arrays and prunes old versions", async () => {
    const reg = new ModelRegistry(join(tempDir(), "models"));
    expect(reg.current()).toBeUndefined();
    for (let i = 0; i < 4; i++) {
      const { manifest, files } = manifestFor(reg, "store-1");
      reg.publish(manifest, files, 2);
    }
    expect(reg.current()).toBe("v000004");
    expect(reg.versions()).toEqual(["v000003", "v000004"]);
    const loaded = reg.load("v000004", "store-1");
    expect(Array.from(loaded.artefacts.x.a)).toEqual([1, 2, 3]);
    expect(Array.from(loaded.artefacts.x.b)).toEqual([0.5]);
  });

  it("refuses a corrupted artefact and a model of another store", async () => {
    const dir = tempDir();
    const reg = new ModelRegistry(join(dir, "models"));
    const { manifest, files } = manifestFor(reg, "store-1");
    const v = reg.publish(manifest, files, 3);
    expect(() => reg.load(v, "store-2")).toThrow(/trained on another store/);
    const bytes = Buffer.from(files["x.bin"]);
    bytes[0] ^= 1;
    writeFileSync(join(dir, "models", v, "x.bin"), bytes);
    expect(() => reg.load(v, "store-1")).toThrow(/checksum mismatch/);
  });

  it("a failed publish leaves the previous model current and no partial version behind", async () => {
    const dir = tempDir();
    const reg = new ModelRegistry(join(dir, "models"));
    const first = manifestFor(reg, "s");
    reg.publish(first.manifest, first.files, 3);
    const second = manifestFor(reg, "s");
    // A file name in a folder that does not exist makes the write fail halfway.
    expect(() => reg.publish(second.manifest, { ...second.files, "missing/y.bin": Buffer.from("y") }, 3)).toThrow();
    expect(reg.current()).toBe("v000001");
    expect(readdirSync(join(dir, "models")).sort()).toEqual(["CURRENT", "v000001"]);
  });

  it("clears the leftovers of a run that died long ago", async () => {
    const dir = tempDir();
    const reg = new ModelRegistry(join(dir, "models"));
    const stale = join(dir, "models", `.tmp-${hostname()}-${process.ppid}-${Date.now() - 2 * 86_400_000}`);
    mkdirSync(stale);
    const m = manifestFor(reg, "s");
    reg.publish(m.manifest, m.files, 3);
    expect(existsSync(stale)).toBe(false);
  });

  it("clears, at start, the folders of runs that no longer run on this host, and keeps a live run's and another host's", async () => {
    const dir = tempDir();
    const models = join(dir, "models");
    mkdirSync(models);
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const folder = (pid: number | string, ageMs = 0, host = hostname()) => join(models, `.tmp-${host}-${pid}-${Date.now() - ageMs}`);
    const [killed, own, running, ancient, elsewhere] = [folder(dead), folder(process.pid), folder(process.ppid), folder(process.ppid, 2 * 86_400_000), folder(dead, 0, "other-host")];
    for (const f of [killed, own, running, ancient, elsewhere]) mkdirSync(f);
    new ModelRegistry(models);
    expect([killed, own, running, ancient, elsewhere].map(existsSync)).toEqual([false, false, true, false, true]);
  });
});

describe("serving across model versions", () => {
  it("switches to a newly trained model, and keeps the old one when the new one is corrupt", async () => {
    const rt = await smallShop();
    expect(rt.recommender.version).toBe("v000001");
    await trainModels(rt.store, rt.registry, rt.config);
    expect(await rt.recommender.refresh()).toBe(true);
    expect(rt.recommender.version).toBe("v000002");

    const v3 = (await trainModels(rt.store, rt.registry, rt.config)).version;
    writeFileSync(join(rt.registry.dir, v3, "item-knn.bin"), "garbage");
    await expect(rt.recommender.refresh()).rejects.toThrow(/item-knn.bin/);
    expect(rt.recommender.version).toBe("v000002");
    expect((await rt.recommender.recommend("u1", 3, false)).items[0].id).toBe("a2");
    await rt.close();
  });
});

describe("a start whose current model fails its checks", () => {
  it("serves the newest intact version, never retries the failed one, and switches to a new intact one", async () => {
    const config = testConfig();
    const first = await smallShop(config);
    const v2 = (await trainModels(first.store, first.registry, config)).version;
    const v3 = (await trainModels(first.store, first.registry, config)).version;
    await first.close();
    writeFileSync(join(first.registry.dir, v3, "item-knn.bin"), "garbage");
    writeFileSync(join(first.registry.dir, v2, "manifest.json"), "{");

    const rt = await openRuntime(config);
    await expect(rt.recommender.refresh()).rejects.toThrow(/model v000003 failed its checks \(item-knn.bin.*model v000002 failed its checks.*serving v000001$/);
    expect(rt.recommender.version).toBe("v000001");
    expect((await rt.recommender.recommend("u1", 3, false)).items[0].id).toBe("a2");
    // A later poll reads nothing again until CURRENT changes.
    expect(await rt.recommender.refresh()).toBe(false);
    await trainModels(rt.store, rt.registry, config);
    expect(await rt.recommender.refresh()).toBe(true);
    expect(rt.recommender.version).toBe("v000004");
    await rt.close();
  });

  it("leaves a batch run the same version", async () => {
    const config = testConfig();
    const rt = await smallShop(config);
    const v2 = (await trainModels(rt.store, rt.registry, config)).version;
    await rt.close();
    writeFileSync(join(rt.registry.dir, v2, "popularity.bin"), "garbage");
    const out = join(tempDir(), "recs.jsonl");
    const summary = await runBatch(config, { out, n: 3, includePurchased: false, usersSource: "all", workers: 0, chunkSize: 5 });
    expect(summary.modelVersion).toBe("v000001");
  });

  it("answers 503 only when no version passes", async () => {
    const config = testConfig();
    const rt = await smallShop(config);
    writeFileSync(join(rt.registry.dir, "v000001", "item-knn.bin"), "garbage");
    const again = await openRuntime(config);
    await expect(again.recommender.refresh()).rejects.toThrow(/no intact model to serve$/);
    await expect(again.recommender.recommend("u1", 3, false)).rejects.toThrow(/no trained model is loaded/);
    await rt.close();
    await again.close();
  });
});

describe("the factor index of a large catalogue", () => {
  it("is built at train, checked on load, and gives the lists exhaustive scoring gives", async () => {
    // Every catalogue counts as large here; candidates outnumber the items, so the lists must match.
    const rt = await smallShop(testConfig({ annMinItems: 0, factors: 8, annSearch: "always" }));
    const manifest = JSON.parse(readFileSync(join(rt.registry.dir, rt.recommender.version!, "manifest.json"), "utf8"));
    expect(manifest.indexes.factors).toMatchObject({ kind: "hnsw", metric: "ip", dim: 8 });
    const exhaustive = await smallShop(testConfig({ factors: 8 }));
    expect(JSON.parse(readFileSync(join(exhaustive.registry.dir, "v000001", "manifest.json"), "utf8")).indexes).toEqual({});
    for (const user of ["u1", "u4", "u9", "nobody"]) {
      const ids = async (r: typeof rt) => (await r.recommender.recommend(user, 5, false)).items.map((i) => [i.id, i.score]);
      expect(await ids(rt)).toEqual(await ids(exhaustive));
    }

    const v2 = (await trainModels(rt.store, rt.registry, rt.config)).version;
    writeFileSync(join(rt.registry.dir, v2, "factors.hnsw"), "garbage");
    await expect(rt.recommender.refresh()).rejects.toThrow(/factors.hnsw/);
    expect(rt.recommender.version).toBe("v000001");
    await rt.close();
    await exhaustive.close();
  });

  it("is not built where validation finds the items it alone reaches change no list", async () => {
    // In the small shop the history reaches every item a shopper goes on to buy.
    const rt = await smallShop(testConfig({ annMinItems: 0, factors: 8 }));
    const manifest = JSON.parse(readFileSync(join(rt.registry.dir, rt.recommender.version!, "manifest.json"), "utf8"));
    expect(manifest.params.factorSearch).toMatchObject({ needed: false });
    expect(manifest.params.factorSearch.recallWithout).toBe(manifest.params.factorSearch.recall);
    expect(manifest.indexes.factors).toBeUndefined();
    expect((await rt.recommender.recommend("u1", 5, false)).items.length).toBeGreaterThan(0);
    await rt.close();
  });
});

describe("the manifest schema", () => {
  const manifest = (over: Record<string, unknown> = {}) => ({
    format: FORMAT, formatVersion: FORMAT_VERSION, version: "v000001", createdAt: "2026-12-01T00:00:00Z", storeId: "s", seed: 1,
    params: PARAMS, stats: STATS, artefacts: {}, ...over,
  });

  it("reads a version-1 manifest, its missing fields as serving reads their absence", () => {
    const v1 = manifest({ formatVersion: 1, params: { ...PARAMS, linear: { skipped: "over the budget" }, hybrid: { itemKnn: 1, linear: 0, factors: 0, popularity: 0.1 } } });
    const m = checkManifest(JSON.parse(JSON.stringify(v1)));
    expect(m.params.hybrid).toMatchObject({ content: 0, recency: 0 });
    expect(m.params.history).toBeUndefined();
    expect(m.indexes).toEqual({});
  });

  it("reads a version-2 manifest's history as ignoring dislikes", () => {
    const v2 = manifest({ formatVersion: 2, params: { ...PARAMS, history: { maxHistory: 100, historyHalfLifeDays: 30, popularityHalfLifeDays: null } } });
    expect(checkManifest(JSON.parse(JSON.stringify(v2))).params.history).toEqual({ maxHistory: 100, historyHalfLifeDays: 30, dislikeWeight: 0, popularityHalfLifeDays: null });
  });

  it("refuses an unknown version and names the first bad field", () => {
    expect(() => checkManifest(manifest({ formatVersion: 99 }))).toThrow(/format version 99; this tuijian reads versions 1, 2, 3, 4, 5: retrain/);
    expect(() => checkManifest(manifest({ stats: { ...STATS, items: -1 } }))).toThrow(/model manifest: stats\.items:/);
    expect(() => checkManifest(manifest({ params: { ...PARAMS, history: { maxHistory: 100, historyHalfLifeDays: 0, popularityHalfLifeDays: null } } }))).toThrow(
      /params\.history\.historyHalfLifeDays/,
    );
  });
});
