// Operating the service: an access line per request, request ids, and GET /metrics — on
// the built CLI where it matters (the log a process writes, the figures of two workers
// added up by their primary), in process for who may read the metrics.
import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import { modelFigures } from "../server/serving/model-figures.js";
import type { ModelManifest } from "../models/artefact.js";
import type { Runtime } from "../server/runtime.js";
import { smallShop, TEST_BACKEND, testConfig } from "./helpers.js";
import { startWorkers, type ServeProcess } from "./serve-process.js";

/** A GET on a connection of its own, so that successive requests go to the workers in turn. */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The value of one series in Prometheus text, e.g. metric(text, 'tuijian_lists_served_total{personalized="true"}'). */
function metric(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const accessLines = (log: string) =>
  log.split("\n").filter((l) => l.includes('"msg":"request"')).map((l) => JSON.parse(l) as Record<string, unknown>);

let serve: ServeProcess | undefined;
afterEach(async () => {
  serve?.child.kill("SIGTERM");
  await serve?.exited;
  serve = undefined;
});

describe("serve --workers 2: logs and metrics", () => {
  it("logs one line per request with its id and no shopper id; /metrics adds up both workers", async () => {
    const config = testConfig();
    await (await smallShop(config)).close();
    serve = await startWorkers(config, [], 2);
    const { port } = serve;

    const sent = 8;
    for (let i = 0; i < sent; i++) {
      const res = await get(port, "/recommend?user=u1&n=4", { "x-request-id": `req-${i}` });
      expect(res.status).toBe(200);
      expect(res.headers["x-request-id"]).toBe(`req-${i}`);
    }
    // An id that could forge log lines is replaced by one of the service's own.
    const forged = await get(port, "/recommend?n=2", { "x-request-id": 'x" "evil' });
    expect(forged.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    // Errors carry an id too.
    const missing = await get(port, "/items/nope");
    expect(missing.status).toBe(404);
    expect(missing.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const posted = await fetch(`http://127.0.0.1:${port}/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ user_id: "u1", item_id: "b1", type: "view" }, { user_id: "u2", item_id: "b2", type: "view" }]),
    });
    expect(posted.status).toBe(201);

    const scraped = await get(port, "/metrics");
    expect(scraped.status).toBe(200);
    expect(scraped.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = scraped.body;
    // Both workers answered some of them, and the one scraped counts them all.
    // Access lines are buffered (written within a second): wait for the last of them.
    const arrived = () => {
      const all = accessLines(serve!.log());
      return all.some((l) => l.status === 404) && all.filter((l) => String(l.requestId).startsWith("req-")).length === sent;
    };
    await expect.poll(arrived, { timeout: 5000 }).toBe(true);
    const lines = accessLines(serve.log());
    const recommends = lines.filter((l) => l.route === "/recommend" && l.status === 200);
    expect(new Set(recommends.map((l) => l.pid)).size).toBe(2);
    expect(metric(text, 'tuijian_http_requests_total{method="GET",route="/recommend",status="200"}')).toBe(sent + 1);
    expect(metric(text, 'tuijian_http_requests_total{method="GET",route="/items/:id",status="404"}')).toBe(1);
    expect(metric(text, 'tuijian_http_request_duration_seconds_count{method="GET",route="/recommend",status="200"}')).toBe(sent + 1);
    expect(metric(text, 'tuijian_lists_served_total{personalized="true"}')).toBe(sent);
    expect(metric(text, 'tuijian_lists_served_total{personalized="false"}')).toBe(1);
    expect(metric(text, 'tuijian_list_items_total{reason="item_to_item"}')).toBeGreaterThan(0);
    // PostgreSQL offers no event feed: its shoppers' histories are read at every request.
    if (TEST_BACKEND === "sqlite") expect(metric(text, "tuijian_held_history_events")).toBeGreaterThan(0);
    else expect(metric(text, "tuijian_held_history_events")).toBe(0);
    expect(metric(text, 'tuijian_events_ingested_total{type="view"}')).toBe(2);
    expect(metric(text, 'tuijian_model_info{version="v000001"}')).toBe(1);
    expect(metric(text, 'tuijian_model_age_seconds{version="v000001"}')).toBeGreaterThan(0);
    expect(metric(text, 'tuijian_model_training_seconds{version="v000001"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);

    // One access line per request, with the route pattern and the shopper masked.
    const first = lines.find((l) => l.requestId === "req-0")!;
    expect(first).toMatchObject({ level: "info", method: "GET", route: "/recommend", status: 200, query: "user=***&n=4" });
    expect(first.durationMs).toBeTypeOf("number");
    expect(lines.filter((l) => typeof l.requestId === "string" && l.requestId.startsWith("req-"))).toHaveLength(sent);
    expect(lines.find((l) => l.status === 404)).toMatchObject({ route: "/items/:id" });
    expect(serve.log()).not.toContain("user=u1");
  });

  // A log shipper or `| tee` that dies leaves stderr without its reader (EPIPE): the access
  // lines still buffered must not keep the process from ending.
  it.each([1, 2])("serve --workers %i stops at SIGTERM once nothing reads its log", async (workers) => {
    const config = testConfig();
    await (await smallShop(config)).close();
    serve = await startWorkers(config, [], workers);
    for (let i = 0; i < 4; i++) expect((await get(serve.port, "/recommend?user=u1&n=4")).status).toBe(200);
    serve.child.stderr!.destroy();
    serve.child.kill("SIGTERM");
    const exit = await Promise.race([serve.exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 15_000))]);
    if (exit === "still running") serve.child.kill("SIGKILL");
    expect(exit).toBe(0);
  }, 40_000);

  it("with keys: /metrics open on loopback when the setting says so, shopper ids logged when allowed", async () => {
    const config = testConfig();
    const shop = await smallShop(config);
    await shop.keys.create({ name: "ops", scope: "admin" }, "test");
    await shop.close();
    serve = await startWorkers(config, ["--metrics-open-on-loopback", "1", "--log-shopper-ids", "1"], 1);
    expect((await get(serve.port, "/recommend?user=u1")).status).toBe(401);
    const scraped = await get(serve.port, "/metrics");
    expect(scraped.status).toBe(200);
    expect(metric(scraped.body, 'tuijian_http_requests_total{method="GET",route="/recommend",status="401"}')).toBe(1);
    await expect.poll(() => accessLines(serve!.log()).find((l) => l.route === "/recommend"), { timeout: 5000 }).toMatchObject({ query: "user=u1" });
  });
});

describe("GET /metrics access", () => {
  let rt: Runtime;
  afterEach(() => rt?.close());

  const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

  it("needs an admin key once keys exist", async () => {
    rt = await smallShop();
    const app = createApp(rt);
    expect((await app.request("/metrics")).status).toBe(200);
    const admin = (await rt.keys.create({ name: "ops", scope: "admin" }, "test")).secret;
    const read = (await rt.keys.create({ name: "shop", scope: "read" }, "test")).secret;
    expect((await app.request("/metrics")).status).toBe(401);
    expect((await app.request("/metrics", { headers: { authorization: `Bearer ${read}` } })).status).toBe(403);
    const ok = await app.request("/metrics", { headers: { authorization: `Bearer ${admin}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("# TYPE tuijian_http_requests_total counter");
    // Without the setting, loopback is no exception.
    expect((await app.request("/metrics", {}, from("127.0.0.1"))).status).toBe(401);
  });

  it("is open to loopback callers alone with metricsOpenOnLoopback", async () => {
    rt = await smallShop(testConfig({ metricsOpenOnLoopback: "1" }));
    await rt.keys.create({ name: "ops", scope: "admin" }, "test");
    const app = createApp(rt);
    for (const local of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) expect((await app.request("/metrics", {}, from(local))).status).toBe(200);
    expect((await app.request("/metrics", {}, from("10.1.2.3"))).status).toBe(401);
    expect((await app.request("/metrics")).status).toBe(401);
  });
});

describe("model figures", () => {
  it("reads the validation fit and the training time from the manifest", () => {
    const manifest = {
      version: "v000007", createdAt: "2025-03-01T00:00:00.000Z", stats: { trainMs: 1500 },
      params: { fit: { cutoff: "2025-02-20T00:00:00.000Z", cases: 200, recall: 0.25, bestRecall: 0.26, ndcg: 0.21, coverage: 0.4, rounds: 3 } },
    } as unknown as ModelManifest;
    expect(modelFigures({ manifest, loadMs: 250 })).toEqual({
      version: "v000007", createdAt: Date.parse("2025-03-01T00:00:00.000Z"), loadSeconds: 0.25, trainSeconds: 1.5,
      validation: { recall: 0.25, best_recall: 0.26, ndcg: 0.21, coverage: 0.4, cases: 200 },
    });
    expect(modelFigures(undefined)).toBeUndefined();
  });
});
