// Training while serving: due by the model's age or the events since it, run in a child
// process, one at a time per store (a lease), and the new model reaches the service.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { openRuntime } from "../server/runtime.js";
import { trainDue } from "../server/training/scheduler.js";
import { TRAIN_LEASE } from "../server/training/train-lease.js";
import { projectRoot } from "../server/project-root.js";
import { smallShop, storeFlags, testConfig } from "./helpers.js";
import { startWorkers } from "./serve-process.js";

describe("scheduled training", () => {
  it("is due by the model's age or by the events that arrived since it", async () => {
    const config = testConfig();
    const rt = await smallShop(config);
    const at = Date.now();
    expect(await trainDue({ trainEvery: 3_600_000, trainAfterEvents: 0 }, rt.store, rt.registry, at)).toBeUndefined();
    expect(await trainDue({ trainEvery: 3_600_000, trainAfterEvents: 0 }, rt.store, rt.registry, at + 3_700_000)).toMatch(/older than 60 min/);
    expect(await trainDue({ trainEvery: 0, trainAfterEvents: 2 }, rt.store, rt.registry)).toBeUndefined();
    await rt.catalogue.recordEvents([{ user_id: "x", item_id: "a1", type: "view" }, { user_id: "x", item_id: "a2", type: "view" }]);
    expect(await trainDue({ trainEvery: 0, trainAfterEvents: 2 }, rt.store, rt.registry)).toMatch(/2 events since model v000001/);
    await rt.close();
  });

  it("refuses a second train while one holds the store's lease", async () => {
    const config = testConfig();
    await (await smallShop(config)).close();
    const rt = await openRuntime(config);
    expect(await rt.store.leases.acquire(TRAIN_LEASE, "elsewhere:1", 60_000)).toBe(true);
    const cli = join(projectRoot(), "dist", "server", "cli.js");
    const refused = spawnSync(process.execPath, [cli, "train", ...storeFlags(config)], { encoding: "utf8" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/another train is running \(elsewhere:1/);
    await rt.store.leases.release(TRAIN_LEASE, "elsewhere:1");
    expect(spawnSync(process.execPath, [cli, "train", ...storeFlags(config)], { encoding: "utf8" }).status).toBe(0);
    expect(await rt.store.leases.holder(TRAIN_LEASE)).toBeUndefined();
    await rt.close();
  });

  it("retrains in a child process while serving, and every worker switches to the new model", async () => {
    const config = testConfig();
    await (await smallShop(config)).close();
    const serve = await startWorkers(config, ["--train-every", "2s", "--model-poll-ms", "200"]);
    try {
      const url = `http://127.0.0.1:${serve.port}/recommend?user=u1&n=2`;
      const deadline = Date.now() + 30_000;
      let versions = new Set<string>();
      while (Date.now() < deadline) {
        const answers = await Promise.all([0, 1, 2, 3].map(() => fetch(url).then((r) => r.json())));
        versions = new Set(answers.map((a) => a.model_version));
        // The child publishes the model a moment before it exits and the service logs its end.
        if ([...versions].every((v) => v !== "v000001") && serve.log().includes('"msg":"scheduled train finished"')) break;
        await new Promise((r) => setTimeout(r, 300));
      }
      expect([...versions].every((v) => v > "v000001")).toBe(true);
      expect(serve.log()).toMatch(/"msg":"scheduled train finished","code":0/);
      expect(serve.log()).not.toMatch(/"level":"error"/);
    } finally {
      serve.child.kill("SIGTERM");
      expect(await serve.exited).toBe(0);
    }
  });
});
