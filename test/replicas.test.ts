// Several serving hosts on one PostgreSQL: replicas that share nothing but the database
// and the models folder (two data directories, two ports), and a replica that loses its
// database and comes back by itself, with nothing it accepted lost.
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { projectRoot } from "../server/project-root.js";
import { openRuntime } from "../server/runtime.js";
import { trainModels } from "../server/train.js";
import { smallShop, tempDir, testConfig } from "./helpers.js";
import { startWorkers } from "./serve-process.js";

const SERVER = process.env.TUIJIAN_TEST_POSTGRES;
const schemaUrl = (server: string, name: string) => `${server}${server.includes("?") ? "&" : "?"}schema=${name}_${Date.now().toString(36)}`;
const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

if (!SERVER) {
  describe.skip("PostgreSQL replica and failover tests skipped: run `bash .ci/postgres.sh start` and set TUIJIAN_TEST_POSTGRES=<the URL it prints>", () => {
    it("replicas share a store and models; a replica survives its database restarting", () => undefined);
  });
} else {
  describe("replicas on one PostgreSQL", () => {
    it("see each other's events at once and load every published model", async () => {
      const models = join(tempDir(), "shared-models");
      const store = schemaUrl(SERVER, "replicas");
      const config = (dataDir: string) => testConfig({ dataDir, store, modelsDir: models, modelPollMs: "200" });
      await (await smallShop(config(tempDir()))).close();
      const [a, b] = await Promise.all([startWorkers(config(tempDir()), [], 1), startWorkers(config(tempDir()), [], 1)]);
      try {
        const [atA, atB] = [`http://127.0.0.1:${a.port}`, `http://127.0.0.1:${b.port}`];
        expect((await (await fetch(`${atB}/recommend?user=newbie&n=3`)).json()).personalized).toBe(false);
        expect((await post(`${atA}/events`, { user_id: "newbie", item_id: "b1", type: "view" })).status).toBe(201);
        const fromB = await (await fetch(`${atB}/recommend?user=newbie&n=3`)).json();
        expect(fromB.personalized).toBe(true);
        expect(fromB.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(["b2", "b3"]));
        // An item deleted through B is gone from A's lists within a second.
        expect((await fetch(`${atB}/items/b2`, { method: "DELETE" })).status).toBe(204);
        await new Promise((r) => setTimeout(r, 1000));
        expect((await (await fetch(`${atA}/recommend?user=newbie&n=8`)).json()).items.map((i: { id: string }) => i.id)).not.toContain("b2");
        // A model trained anywhere, published to the shared folder, reaches both.
        const trainer = await openRuntime(config(tempDir()));
        const { version } = await trainModels(trainer.store, trainer.registry, trainer.config);
        await trainer.close();
        // Each replica polls the folder every 200 ms, then loads and checks the version.
        const served = async () => Promise.all([atA, atB].map(async (at) => (await (await fetch(`${at}/recommend?user=u1&n=2`)).json()).model_version));
        for (const deadline = Date.now() + 10_000; Date.now() < deadline && (await served()).some((v) => v !== version); ) await new Promise((r) => setTimeout(r, 200));
        expect(await served()).toEqual([version, version]);
      } finally {
        for (const r of [a, b]) r.child.kill("SIGTERM");
        expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
      }
    });
  });

  describe("a replica whose database restarts", () => {
    // A server of its own, on another port, so that stopping it touches no other test.
    const script = join(projectRoot(), ".ci", "postgres.sh");
    // Its own folder (the script removes it on stop) and a port of its own.
    const env = { ...process.env, TUIJIAN_PG_DIR: join(tmpdir(), `tuijian-failover-${process.pid}`), TUIJIAN_PG_PORT: String(56000 + (process.pid % 4000)) };
    const pg = (command: string) => execFileSync("bash", [script, command], { env, encoding: "utf8" }).trim();
    afterAll(() => pg("stop"));

    it("answers 503 store_unavailable while it is down, recovers by itself, and loses nothing it accepted", async () => {
      const url = pg("start");
      const config = testConfig({ store: schemaUrl(url, "failover") });
      await (await smallShop(config)).close();
      const replica = await startWorkers(config, [], 1);
      const at = `http://127.0.0.1:${replica.port}`;
      const statuses: { at: number; status: number; code?: string }[] = [];
      const accepted: string[] = [];
      let stop = false;
      const traffic = (async () => {
        for (let k = 0; !stop; k++) {
          const id = `ev-${k}`;
          const res = await post(`${at}/events`, { event_id: id, user_id: `s${k % 7}`, item_id: "a1", type: "view" }).catch(() => undefined);
          const body = res ? await res.json() : undefined;
          statuses.push({ at: Date.now(), status: res?.status ?? 0, code: body?.error?.code });
          if (res?.status === 201) accepted.push(id);
          const rec = await fetch(`${at}/recommend?user=s${k % 7}&n=3`).catch(() => undefined);
          const recBody = rec ? await rec.json() : undefined;
          statuses.push({ at: Date.now(), status: rec?.status ?? 0, code: recBody?.error?.code });
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
      try {
        await new Promise((r) => setTimeout(r, 500));
        pg("pause");
        const down = Date.now();
        await new Promise((r) => setTimeout(r, 1500));
        pg("resume");
        const up = Date.now();
        await new Promise((r) => setTimeout(r, 3000));
        stop = true;
        await traffic;

        const during = statuses.filter((s) => s.at > down + 200 && s.at < up);
        expect(during.length).toBeGreaterThan(5);
        expect(during.every((s) => s.status === 503 && s.code === "store_unavailable")).toBe(true);
        expect(statuses.some((s) => s.status === 0 || (s.status >= 500 && s.status !== 503))).toBe(false);
        const after = statuses.filter((s) => s.at > up + 2000);
        expect(after.length).toBeGreaterThan(5);
        expect(after.every((s) => s.status === 200 || s.status === 201)).toBe(true);
        // Every event it answered 201 for is in the store.
        const rt = await openRuntime(config);
        const stored = new Set<string>();
        for (let u = 0; u < 7; u++) {
          const id = await rt.store.users.idOf(`s${u}`);
          if (id === undefined) continue;
          for (const e of await rt.store.events.exportPage(id, 100_000)) if (e.event_id) stored.add(e.event_id);
        }
        await rt.close();
        expect(accepted.length).toBeGreaterThan(10);
        expect(accepted.filter((id) => !stored.has(id))).toEqual([]);
      } finally {
        stop = true;
        replica.child.kill("SIGTERM");
        await replica.exited;
      }
    });
  });
}
