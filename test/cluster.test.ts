// `serve --workers 2` as a user runs it (the built CLI): a new model reaches every worker
// without a failed request, and SIGTERM drains and exits cleanly.
import { describe, expect, it } from "vitest";
import { Agent, get, request } from "node:http";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { openRuntime } from "../server/runtime.js";
import { trainModels } from "../server/train.js";
import { smallShop, TEST_BACKEND, testConfig } from "./helpers.js";
import { startWorkers } from "./serve-process.js";
import { restartDelay } from "../server/cluster.js";

describe("serve --workers", () => {
  it("switches every worker to a new model without failing a request, and shuts down gracefully", async () => {
    const config = testConfig({ modelPollMs: "200" });
    await (await smallShop(config)).close();
    const serve = await startWorkers(config, ["--model-poll-ms", "200"]);
    const { child, port, exited } = serve;
    const url = `http://127.0.0.1:${port}/recommend?user=u1&n=2`;
    const versions = new Set<string>();
    let failures = 0;
    let requests = 0;
    const load = async (until: () => boolean) => {
      while (!until()) {
        requests++;
        const res = await fetch(url).catch(() => undefined);
        if (res?.status !== 200) failures++;
        else versions.add((await res.json()).model_version);
      }
    };

    let trained = false;
    const traffic = Promise.all([0, 1, 2, 3].map(() => load(() => trained && versions.has("v000002") && requests > 400)));
    await new Promise((r) => setTimeout(r, 300));
    const rt = await openRuntime(config);
    await trainModels(rt.store, rt.registry, config);
    await rt.close();
    trained = true;
    await traffic;
    expect(failures).toBe(0);
    expect([...versions].sort()).toEqual(["v000001", "v000002"]);
    // Both workers switched: every answer after a short wait is from the new model.
    await new Promise((r) => setTimeout(r, 500));
    const after = await Promise.all(Array.from({ length: 20 }, () => fetch(url).then((r) => r.json())));
    expect(new Set(after.map((b) => b.model_version))).toEqual(new Set(["v000002"]));
    expect(serve.log().match(/"msg":"model switched","version":"v000002"/g)).toHaveLength(2);
    // The primary alone read the SQLite file ahead, once for the machine.
    expect(serve.log().match(/"msg":"store file read into the page cache"/g) ?? []).toHaveLength(TEST_BACKEND === "sqlite" ? 1 : 0);

    // Requests in flight at the signal still complete. Each connection has already been
    // answered once, so a worker owns it (not the primary's hand-over queue); the second
    // request's headers are in, its body is not when the signal comes.
    const body = JSON.stringify({ user_id: "u1", item_id: "a1", type: "view" });
    const inFlight = await Promise.all(Array.from({ length: 10 }, () => startedPost(port, body)));
    await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 50));
    expect(await Promise.all(inFlight.map((finish) => finish()))).toEqual(Array(10).fill(201));
    expect(await exited).toBe(0);
  });

  it("serves 503 while the current model is damaged, then switches to the next one trained", async () => {
    const config = testConfig({ modelPollMs: "200" });
    await (await smallShop(config)).close();
    const current = readFileSync(join(config.dataDir, "models", "CURRENT"), "utf8").trim();
    writeFileSync(join(config.dataDir, "models", current, "popularity.bin"), "damaged");
    const serve = await startWorkers(config, ["--model-poll-ms", "200"]);
    const { child, port, exited } = serve;
    const url = `http://127.0.0.1:${port}/recommend?user=u1&n=2`;
    const refused = await fetch(url);
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.code).toBe("model_not_ready");
    await new Promise((r) => setTimeout(r, 600)); // polls that must not retry the damaged version
    expect(serve.log().match(/"level":"error"/g)).toHaveLength(2);
    expect(serve.log().match(/failed its checks/g)).toHaveLength(2);
    expect(serve.log()).not.toMatch(/worker died/);
    const rt = await openRuntime(config);
    await trainModels(rt.store, rt.registry, config);
    await rt.close();
    await new Promise((r) => setTimeout(r, 1000));
    const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(url).then((r) => r.status)));
    expect(answers).toEqual(Array(10).fill(200));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

describe("restartDelay", () => {
  it("replaces a worker that ran a while at once, and waits 1, 2, 4 … 30 s while replacements die at start", async () => {
    expect([0, 1, 2, 3, 5, 6, 20].map(restartDelay)).toEqual([0, 1000, 2000, 4000, 16_000, 30_000, 30_000]);
  });

  it("serves the newest intact version when the current one is damaged, in every worker", async () => {
    const config = testConfig({ modelPollMs: "200" });
    const rt = await smallShop(config);
    const damaged = (await trainModels(rt.store, rt.registry, config)).version;
    await rt.close();
    writeFileSync(join(config.dataDir, "models", damaged, "popularity.bin"), "damaged");
    const serve = await startWorkers(config, ["--model-poll-ms", "200"]);
    const { child, port, exited } = serve;
    const url = `http://127.0.0.1:${port}/recommend?user=u1&n=2`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(url).then((r) => r.json())));
    expect(new Set(answers.map((b) => b.model_version))).toEqual(new Set(["v000001"]));
    await new Promise((r) => setTimeout(r, 600)); // polls that must not retry the damaged version
    const served = serve.log().match(/"msg":"the current model failed its checks: serving the newest intact version","error":"model v000002 failed its checks \(popularity.bin[^"]*; serving v000001"/g);
    expect(served).toHaveLength(2);
    expect(serve.log().match(/"level":"error"/g)).toHaveLength(2);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

// One keep-alive connection: a GET answered in full, then a POST /events whose headers and
// half its body are sent; the returned function sends the rest and resolves to the status.
async function startedPost(port: number, body: string): Promise<() => Promise<number>> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  await new Promise<void>((resolve, reject) =>
    get(`http://127.0.0.1:${port}/healthz`, { agent }, (res) => res.resume().on("end", resolve)).on("error", reject),
  );
  const headers = { "content-type": "application/json", "content-length": body.length };
  const req = request({ host: "127.0.0.1", port, path: "/events", method: "POST", agent, headers });
  const status = new Promise<number>((resolve, reject) => {
    req.on("response", (res) => res.resume().on("end", () => resolve(res.statusCode ?? 0)));
    req.on("error", reject);
  });
  const half = Math.floor(body.length / 2);
  await new Promise<void>((written) => req.write(body.slice(0, half), () => written()));
  return async () => {
    req.end(body.slice(half));
    const code = await status;
    agent.destroy();
    return code;
  };
}
