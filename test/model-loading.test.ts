// A model version loaded in its own thread (server/model-loading.ts), as a serving process
// does: the compiled thread script (built by `npm install`) hands over the same artefacts
// and scoring matrix as the same steps run in process, and reports a damaged file as
// loading in process does.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../server/project-root.js";
import { checkVersion, type CheckedVersion } from "../server/model-loading.js";
import { smallShop, testConfig } from "./helpers.js";

const THREAD = join(projectRoot(), "dist", "server", "model-load-thread.js");

const inThread = (dir: string, version: string, storeId: string) =>
  new Promise<{ checked?: CheckedVersion; error?: string; artefact?: boolean }>((resolve, reject) => {
    const worker = new Worker(THREAD, { workerData: { dir, version, storeId } });
    worker.once("message", resolve);
    worker.once("error", reject);
  });

describe.skipIf(!existsSync(THREAD))(`a model version loaded in its thread (skipped without ${THREAD}: npm run build)`, () => {
  it("hands over what loading in process gives, and refuses a damaged file the same way", async () => {
    const rt = await smallShop(testConfig());
    const { dir } = rt.registry;
    const version = rt.recommender.version!;
    const here = checkVersion(dir, version, rt.store.id);
    const { checked } = await inThread(dir, version, rt.store.id);
    expect(checked!.manifest).toEqual(here.manifest);
    expect(Object.keys(checked!.artefacts).sort()).toEqual(Object.keys(here.artefacts).sort());
    for (const [name, arrays] of Object.entries(here.artefacts)) {
      for (const [field, a] of Object.entries(arrays)) expect(Array.from(checked!.artefacts[name][field]), `${name}.${field}`).toEqual(Array.from(a));
    }
    for (const field of ["rowPtr", "cols", "sims"] as const) expect(Array.from(checked!.scoring![field])).toEqual(Array.from(here.scoring![field]));
    expect(here.scoring!.sims.length).toBeGreaterThan(0);
    expect(here.factorGram).toBeDefined();
    expect(Array.from(checked!.factorGram!)).toEqual(Array.from(here.factorGram!));

    writeFileSync(join(dir, version, "item-knn.bin"), "garbage");
    expect(await inThread(dir, version, rt.store.id)).toEqual({ error: expect.stringMatching(/item-knn.bin: \d+ bytes, manifest says/), artefact: true });
    expect(await inThread(dir, version, "another-store")).toEqual({ error: expect.stringMatching(/trained on another store/), artefact: true });
    await rt.close();
  });
});
