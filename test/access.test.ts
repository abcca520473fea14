// Access control through the real app and store: keys and scopes, every route guarded,
// revocation seen by another process's key ring, rate limits, CORS, the bind rule.
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { listenHost } from "../server/http/listen.js";
import { KeyRing } from "../server/access/keys.js";
import { smallShop, testConfig } from "./helpers.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;
let secrets: Record<"read" | "write" | "admin", string>;

const as = (secret: string | undefined, init: RequestInit = {}) => ({
  ...init,
  headers: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), "content-type": "application/json", ...(init.headers as Record<string, string>) },
});

beforeEach(async () => {
  rt = await smallShop();
  secrets = {
    read: (await rt.keys.create({ name: "storefront", scope: "read" }, "test")).secret,
    write: (await rt.keys.create({ name: "ingest", scope: "write" }, "test")).secret,
    admin: (await rt.keys.create({ name: "ops", scope: "admin" }, "test")).secret,
  };
  app = createApp(rt);
  return () => rt.close();
});

/** A concrete request for each route pattern of the app. */
function concrete(path: string): string {
  return path.replace(":id", "a1").replace(":name", "storefront");
}

// The dashboard's page and assets hold no data: its figures come from the admin routes.
const OPEN = new Set(["/healthz", "/readyz", "/openapi.json", "/docs", "/docs/:file", "/dashboard", "/dashboard/assets/*"]);
const READ = new Set(["GET /recommend", "GET /recommend/why-not", "GET /items/:id/similar", "GET /search", "GET /items/:id"]);
const WRITE = new Set(["POST /events", "POST /items", "POST /users"]);

describe("API keys", () => {
  it("guards every route but the health checks: 401 without a key, 403 without the scope", async () => {
    const routes = app.routes.filter((r) => r.method !== "ALL" && !OPEN.has(r.path));
    expect(routes.length).toBeGreaterThanOrEqual(13);
    for (const r of routes) {
      const name = `${r.method} ${r.path}`;
      const init = { method: r.method, body: r.method === "POST" ? "{}" : undefined };
      const anonymous = await app.request(concrete(r.path), as(undefined, init));
      expect(anonymous.status, name).toBe(401);
      expect((await anonymous.json()).error.code, name).toBe("unauthorized");
      const read = await app.request(concrete(r.path), as(secrets.read, init));
      if (READ.has(name)) expect([401, 403], name).not.toContain(read.status);
      else expect(read.status, name).toBe(403);
      const write = await app.request(concrete(r.path), as(secrets.write, init));
      if (READ.has(name) || WRITE.has(name)) expect([401, 403], name).not.toContain(write.status);
      else expect(write.status, name).toBe(403);
    }
    for (const path of ["/healthz", "/readyz", "/openapi.json", "/docs", "/docs/swagger-ui.css", "/dashboard", "/dashboard/assets/app.js"]) expect((await app.request(path)).status, path).toBe(200);
  });

  it("accepts the key as a bearer token or X-API-Key, and each scope does what it may", async () => {
    expect((await app.request("/recommend?user=u1", { headers: { "x-api-key": secrets.read } })).status).toBe(200);
    const event = { method: "POST", body: JSON.stringify({ user_id: "u1", item_id: "b1", type: "view" }) };
    expect((await app.request("/events", as(secrets.write, event))).status).toBe(201);
    expect((await app.request("/events", as(secrets.admin, event))).status).toBe(201);
    const forbidden = await app.request("/events", as(secrets.read, event));
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/read.*needs write/) });
    expect((await app.request("/items/a1", as(secrets.write, { method: "DELETE" }))).status).toBe(403);
    expect((await app.request("/items/a1", as(secrets.admin, { method: "DELETE" }))).status).toBe(204);
    expect((await app.request("/users/u1", as(secrets.write))).status).toBe(403);
    expect((await app.request("/users/u1", as(secrets.admin))).status).toBe(200);
  });

  it("keeps only a hash, never lists or echoes a secret, and refuses a wrong key", async () => {
    const listed = await (await app.request("/keys", as(secrets.admin))).text();
    for (const s of Object.values(secrets)) expect(listed).not.toContain(s);
    expect(JSON.parse(listed).keys.map((k: { name: string }) => k.name)).toEqual(["storefront", "ingest", "ops"]);
    expect(JSON.stringify(await rt.store.keys.live())).not.toContain(secrets.read);
    const wrong = await app.request("/recommend", as(secrets.read + "x"));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain(secrets.read);
  });

  it("a key revoked by another process stops working there within a second", async () => {
    const other = await openRuntime(rt.config);
    const otherApp = createApp(other);
    expect((await otherApp.request("/items/a1", as(secrets.read))).status).toBe(200);
    const revoked = await app.request("/keys/storefront", as(secrets.admin, { method: "DELETE" }));
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).revoked_at).not.toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect((await otherApp.request("/items/a1", as(secrets.read))).status).toBe(401);
    expect((await app.request("/keys/storefront", as(secrets.admin, { method: "DELETE" }))).status).toBe(404);
    await other.close();
  });

  it("creates keys over HTTP (admin), with expiry, and refuses an expired one", async () => {
    const created = await app.request("/keys", as(secrets.admin, { method: "POST", body: JSON.stringify({ name: "tmp", scope: "read", expires_in: "1h" }) }));
    expect(created.status).toBe(201);
    const { secret, expires_at } = await created.json();
    expect(secret).toMatch(/^tj_/);
    expect(Date.parse(expires_at) - Date.now()).toBeGreaterThan(3_500_000);
    const ring = new KeyRing(rt.store, rt.changes);
    expect((await ring.authenticate(secret))?.name).toBe("tmp");
    expect(await ring.authenticate(secret, Date.now() + 3_700_000)).toBeUndefined();
    const dup = await app.request("/keys", as(secrets.admin, { method: "POST", body: JSON.stringify({ name: "tmp", scope: "admin" }) }));
    expect(dup.status).toBe(409);
    const bad = await app.request("/keys", as(secrets.admin, { method: "POST", body: JSON.stringify({ name: "x", scope: "root" }) }));
    expect(bad.status).toBe(400);
  });

  it("audits key changes and deletes under the key's name", async () => {
    await app.request("/items/a1", as(secrets.admin, { method: "DELETE" }));
    await app.request("/keys/ingest", as(secrets.admin, { method: "DELETE" }));
    const { entries } = await (await app.request("/audit?limit=3", as(secrets.admin))).json();
    expect(entries.map((e: { action: string; actor: string; target: string }) => [e.action, e.actor, e.target])).toEqual([
      ["key.revoke", "ops", "ingest"],
      ["item.delete", "ops", "a1"],
      ["key.create", "test", "ops"],
    ]);
    expect((await app.request("/audit", as(secrets.read))).status).toBe(403);
  });
});

describe("rate limits", () => {
  it("answers 429 rate_limited with Retry-After past a key's rate and burst", async () => {
    const { secret } = await rt.keys.create({ name: "slow", scope: "read", ratePerSecond: 2 }, "test");
    // Burst: rateLimitBurstSeconds (2) × 2 requests.
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await app.request("/recommend?user=u1", as(secret));
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.slice(4)).toContain(429);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await limited!.json()).error.code).toBe("rate_limited");
    // Another key is not affected.
    expect((await app.request("/recommend?user=u1", as(secrets.read))).status).toBe(200);
  });
});

describe("CORS", () => {
  it("answers preflights for allowed origins only", async () => {
    const cors = createApp({ ...rt, config: testConfig({ corsOrigins: "https://shop.example" }) });
    const preflight = (origin: string) =>
      cors.request("/recommend?user=u1", { method: "OPTIONS", headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" } });
    const ok = await preflight("https://shop.example");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(ok.headers.get("access-control-allow-headers")).toMatch(/authorization/i);
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
    expect((await app.request("/recommend", { method: "OPTIONS", headers: { origin: "https://shop.example" } })).headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("without keys", () => {
  it("is open on loopback, closed elsewhere, and start-up refuses a public address", async () => {
    const bare = await openRuntime(testConfig());
    expect((await createApp(bare).request("/users/nobody")).status).toBe(404);
    const closed = await createApp({ ...bare, openWithoutKeys: false }).request("/users/nobody");
    expect(closed.status).toBe(401);
    expect((await closed.json()).error.message).toMatch(/tuijian keys create/);
    await bare.close();

    expect(listenHost(undefined, false)).toMatchObject({ host: "127.0.0.1", note: expect.stringMatching(/127\.0\.0\.1 only/) });
    expect(listenHost(undefined, true)).toEqual({ host: "0.0.0.0" });
    expect(listenHost("::1", false)).toEqual({ host: "::1" });
    expect(() => listenHost("0.0.0.0", false)).toThrow(/keys create/);
    expect(listenHost("0.0.0.0", true)).toEqual({ host: "0.0.0.0" });
  });
});
