// Training while serving: due by the model's age or the events since it, run in a child
// process, one at a time per store (a lease), and the new model reaches the service.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { openRuntime } from "../server/runtime.js";
import { trainDue } from "../server/training/scheduler.js";
import { leaseHolder, TRAIN_LEASE } from "../server/training/train-lease.js";
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

  it("retrains in a child process while serving; a killed train is counted, audited and retried", async () => {
    const config = testConfig();
    await (await smallShop(config)).close();
    const serve = await startWorkers(config, ["--train-every", "2s", "--model-poll-ms", "200"]);
    const base = `http://127.0.0.1:${serve.port}`;
    const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 30_000) => {
      for (const deadline = Date.now() + ms; !(await ok()); await new Promise((r) => setTimeout(r, 20))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${serve.log()}`);
      }
    };
    try {
      // The first scheduled train dies mid-way, holding the store's train lease (as a crash
      // would): the service keeps serving v000001, and the lease goes with the child.
      let pid = 0;
      await until("the first scheduled train", () => (pid = Number(/"msg":"scheduled train started".*?"pid":(\d+)/.exec(serve.log())?.[1] ?? 0)) > 0);
      const rt = await openRuntime(config);
      await until("the train's lease", async () => (await rt.store.leases.holder(TRAIN_LEASE))?.holder === leaseHolder(pid));
      await rt.close();
      process.kill(pid, "SIGKILL");
      await until("the killed train's end", () => serve.log().includes('"signal":"SIGKILL"'));
      expect((await (await fetch(`${base}/recommend?user=u1&n=2`)).json()).model_version).toBe("v000001");

      // The next one succeeds and every worker switches to its model.
      let versions = new Set<string>();
      await until("every worker on a new model", async () => {
        const answers = await Promise.all([0, 1, 2, 3].map(() => fetch(`${base}/recommend?user=u1&n=2`).then((r) => r.json())));
        versions = new Set(answers.map((a) => a.model_version));
        // The child publishes the model a moment before it exits and the service logs its end.
        return [...versions].every((v) => v !== "v000001") && /"msg":"scheduled train finished","code":0/.test(serve.log());
      });
      expect(serve.log()).toMatch(/"level":"error".*"msg":"scheduled train finished","code":null,"signal":"SIGKILL"/);

      // Both outcomes in the metrics of the whole service (collected by the primary, which runs the schedule) …
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/^tuijian_scheduled_trains_total\{outcome="failed"\} 1$/m);
      expect(Number(/^tuijian_scheduled_trains_total\{outcome="succeeded"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
      // … and in the audit log, which the dashboard's overview reads.
      const runs = (await (await fetch(`${base}/stats?days=1`)).json()).scheduled_trains as { outcome: string; signal: string | null; version: string | null }[];
      const failed = runs.find((r) => r.outcome === "failed");
      expect(failed).toMatchObject({ signal: "SIGKILL", version: null });
      expect(runs.find((r) => r.outcome === "succeeded")?.version).toBe([...versions][0]);
    } finally {
      serve.child.kill("SIGTERM");
      expect(await serve.exited).toBe(0);
    }
  });
});
