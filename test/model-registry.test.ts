import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ModelRegistry } from "../server/model-registry.js";
import { encodeArtefact, FORMAT, FORMAT_VERSION, type ModelManifest } from "../models/artefact.js";
import { trainModels } from "../server/train.js";
import { smallShop, tempDir, testConfig } from "./helpers.js";

function manifestFor(registry: ModelRegistry, storeId: string, arrays = { a: Int32Array.from([1, 2, 3]), b: Float32Array.from([0.5]) }) {
  const art = encodeArtefact("x.bin", arrays);
  const manifest: ModelManifest = {
    format: FORMAT, formatVersion: FORMAT_VERSION, version: registry.nextVersion(), createdAt: new Date().toISOString(),
    storeId, seed: 1, params: {}, stats: {}, artefacts: { x: art.entry },
  };
  return { manifest, files: { "x.bin": art.data } };
}

describe("model registry", () => {
  it("publishes versions, switches CURRENT, round-trips arrays and prunes old versions", () => {
    const reg = new ModelRegistry(tempDir());
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

  it("refuses a corrupted artefact and a model of another store", () => {
    const dir = tempDir();
    const reg = new ModelRegistry(dir);
    const { manifest, files } = manifestFor(reg, "store-1");
    const v = reg.publish(manifest, files, 3);
    expect(() => reg.load(v, "store-2")).toThrow(/trained on another store/);
    const bytes = Buffer.from(files["x.bin"]);
    bytes[0] ^= 1;
    writeFileSync(join(dir, "models", v, "x.bin"), bytes);
    expect(() => reg.load(v, "store-1")).toThrow(/checksum mismatch/);
  });

  it("a failed publish leaves the previous model current and no partial version behind", () => {
    const dir = tempDir();
    const reg = new ModelRegistry(dir);
    const first = manifestFor(reg, "s");
    reg.publish(first.manifest, first.files, 3);
    const second = manifestFor(reg, "s");
    // A file name in a folder that does not exist makes the write fail halfway.
    expect(() => reg.publish(second.manifest, { ...second.files, "missing/y.bin": Buffer.from("y") }, 3)).toThrow();
    expect(reg.current()).toBe("v000001");
    expect(readdirSync(join(dir, "models")).sort()).toEqual(["CURRENT", "v000001"]);
  });

  it("clears the leftovers of a run that died long ago", () => {
    const dir = tempDir();
    const reg = new ModelRegistry(dir);
    const stale = join(dir, "models", `.tmp-1234-${Date.now() - 2 * 3_600_000}`);
    mkdirSync(stale);
    const m = manifestFor(reg, "s");
    reg.publish(m.manifest, m.files, 3);
    expect(existsSync(stale)).toBe(false);
  });
});

describe("serving across model versions", () => {
  it("switches to a newly trained model, and keeps the old one when the new one is corrupt", () => {
    const rt = smallShop();
    expect(rt.recommender.version).toBe("v000001");
    trainModels(rt.store, rt.registry, rt.config);
    expect(rt.recommender.refresh()).toBe(true);
    expect(rt.recommender.version).toBe("v000002");

    const v3 = trainModels(rt.store, rt.registry, rt.config).version;
    writeFileSync(join(rt.registry.dir, v3, "item-knn.bin"), "garbage");
    expect(() => rt.recommender.refresh()).toThrow(/item-knn.bin/);
    expect(rt.recommender.version).toBe("v000002");
    expect(rt.recommender.recommend("u1", 3, false).items[0].id).toBe("a2");
    rt.close();
  });
});

describe("the factor index of a large catalogue", () => {
  it("is built at train, checked on load, and gives the lists exhaustive scoring gives", () => {
    // Every catalogue counts as large here; candidates outnumber the items, so the lists must match.
    const rt = smallShop(testConfig({ annMinItems: 0, factors: 8 }));
    const manifest = JSON.parse(readFileSync(join(rt.registry.dir, rt.recommender.version!, "manifest.json"), "utf8"));
    expect(manifest.indexes.factors).toMatchObject({ kind: "hnsw", metric: "ip", dim: 8 });
    const exhaustive = smallShop(testConfig({ factors: 8 }));
    expect(JSON.parse(readFileSync(join(exhaustive.registry.dir, "v000001", "manifest.json"), "utf8")).indexes).toEqual({});
    for (const user of ["u1", "u4", "u9", "nobody"]) {
      const ids = (r: typeof rt) => r.recommender.recommend(user, 5, false).items.map((i) => [i.id, i.score]);
      expect(ids(rt)).toEqual(ids(exhaustive));
    }

    const v2 = trainModels(rt.store, rt.registry, rt.config).version;
    writeFileSync(join(rt.registry.dir, v2, "factors.hnsw"), "garbage");
    expect(() => rt.recommender.refresh()).toThrow(/factors.hnsw/);
    expect(rt.recommender.version).toBe("v000001");
    rt.close();
    exhaustive.close();
  });
});
