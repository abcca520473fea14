// Inputs that must not hurt other shoppers or the service: deep or huge JSON, tag floods,
// future dates, replayed events, deleted items, a store locked by another process, and
// requests Node's own parser rejects.
import { beforeEach, describe, expect, it } from "vitest";
import { connect } from "node:net";
import { request } from "node:http";
import { join, resolve } from "node:path";
import { createApp } from "../server/http/app.js";
import type { Runtime } from "../server/runtime.js";
import { openRuntime } from "../server/runtime.js";
import { SqliteStore } from "../server/store/sqlite/store.js";
import { startServer } from "../server/serve.js";
import { smallShop, testConfig, sqliteConfig } from "./helpers.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;
const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
const post = async (path: string, body: unknown) => {
  const res = await app.request(path, json(body));
  return { status: res.status, body: await res.json() };
};

beforeEach(async () => {
  rt = await smallShop();
  app = createApp(rt);
  return () => rt.close();
});

describe("JSON fields", () => {
  it("refuses context and attributes nested too deep or too large with a 400 naming the field", async () => {
    const deep = '{"user_id":"x","item_id":"a1","type":"view","context":' + '{"a":'.repeat(5000) + "1" + "}".repeat(5000) + "}";
    const r = await post("/events", deep);
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toMatchObject({ path: "0.context", message: expect.stringMatching(/nested at most 8/) });
    const wide = await post("/users", { id: "x", attributes: { note: "x".repeat(20_000) } });
    expect(wide.status).toBe(400);
    expect(wide.body.error.details[0].path).toBe("0.attributes");
    const item = await post("/items", { id: "x", attributes: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } } });
    expect(item.body.error.details[0].path).toBe("0.attributes");
    expect((await post("/users", { id: "ok", attributes: { a: { b: 1 } } })).status).toBe(200);
  });

  it("limits tags however they are sent", async () => {
    const many = Array.from({ length: 101 }, (_, i) => `t${i}`);
    for (const tags of [many, many.join("|")]) {
      const r = await post("/items", { id: "t", tags });
      expect(r.status).toBe(400);
      expect(r.body.error.details[0]).toMatchObject({ path: "0.tags", message: "at most 100 tags" });
    }
    expect((await post("/items", { id: "t", tags: "a|b" })).status).toBe(200);
    expect((await rt.store.items.get("t"))?.tags).toEqual(["a", "b"]);
  });
});

describe("events", () => {
  it("refuses timestamps more than a day ahead of the clock", async () => {
    const future = await post("/events", { user_id: "x", item_id: "a1", type: "view", timestamp: "2999-01-01T00:00:00Z" });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0]).toMatchObject({ path: "0.timestamp", message: expect.stringMatching(/ahead of the server's clock/) });
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    expect((await post("/events", { user_id: "x", item_id: "a1", type: "view", timestamp: soon })).status).toBe(201);
  });

  it("stores an event id once, however often it is sent", async () => {
    const batch = [
      { event_id: "ord-1", user_id: "x", item_id: "a1", type: "purchase" },
      { event_id: "ord-2", user_id: "x", item_id: "a2", type: "purchase" },
      { event_id: "ord-2", user_id: "x", item_id: "a2", type: "purchase" },
      { user_id: "x", item_id: "a2", type: "view" },
    ];
    const before = await rt.store.events.count();
    expect((await post("/events", batch)).body).toEqual({ accepted: 3, duplicates: 1 });
    expect((await post("/events", batch)).body).toEqual({ accepted: 1, duplicates: 3 });
    expect(await rt.store.events.count()).toBe(before + 4);
  });

  it("refuses events on a deleted item with a 422", async () => {
    await app.request("/items/b2", { method: "DELETE" });
    const r = await post("/events", { user_id: "x", item_id: "b2", type: "view" });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: "unknown_item", details: [{ index: 0, item_id: "b2" }] });
  });
});

describe("a store locked by another process", () => {
  /** A serving runtime on a SQLite store (busy timeout 50 ms, the default), and another connection to its file, as another process has. */
  async function servingWithAnotherProcess(storeBusyTimeoutMs = "50"): Promise<SqliteStore> {
    await rt.close();
    const config = sqliteConfig({ storeBusyTimeoutMs });
    (await smallShop(config)).close();
    rt = await openRuntime(config, { serving: true });
    await rt.recommender.refresh();
    app = createApp(rt);
    return SqliteStore.open(join(resolve(config.dataDir), "tuijian.db"));
  }

  it("answers writes 503 store_busy with Retry-After within the busy timeout, never 500, and keeps serving reads", async () => {
    const importer = await servingWithAnotherProcess();
    let release!: () => void;
    const held = importer.transaction(() => new Promise<void>((r) => (release = r)));
    try {
      const started = performance.now();
      const res = await app.request("/events", json({ user_id: "x", item_id: "a1", type: "view" }));
      const waited = performance.now() - started;
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect((await res.json()).error.code).toBe("store_busy");
      expect(waited).toBeLessThan(2000);
      expect((await app.request("/recommend?user=u1&n=2")).status).toBe(200);
    } finally {
      release();
      await held;
      await importer.close();
    }
    expect((await app.request("/events", json({ user_id: "x", item_id: "a1", type: "view" }))).status).toBe(201);
  });

  it("with a busy timeout of 0, takes the lock at the next turn of its event loop once another serving process lets go of it, never blocking meanwhile", async () => {
    const other = await servingWithAnotherProcess("0");
    try {
      let began!: () => void;
      let release!: () => void;
      const holding = new Promise<void>((r) => (began = r));
      const held = other.transaction(() => (began(), new Promise<void>((r) => (release = r))));
      await holding;
      // Turns of the event loop, counted from now on.
      let turns = 0;
      let counting = true;
      const count = () => (turns++, counting && setImmediate(count));
      setImmediate(count);
      let wroteAt = -1;
      const write = Promise.resolve(app.request("/events", json({ user_id: "x", item_id: "a1", type: "view" }))).then((res) => ((wroteAt = turns), res.status));
      while (turns < 20) await new Promise((r) => setImmediate(r));
      const releasedAt = turns;
      release();
      expect(await write).toBe(201);
      counting = false;
      await held;
      // The write waited 20 turns without blocking, and took the lock at the next try.
      expect(wroteAt - releasedAt).toBeLessThanOrEqual(3);
    } finally {
      await other.close();
    }
  });

  it("stores a write that meets the lock held a moment past the busy timeout, serving reads while it waits", async () => {
    const other = await servingWithAnotherProcess();
    try {
      // Another serving process's write, its holder off the CPU for 150 ms.
      const held = other.transaction(() => new Promise<void>((r) => setTimeout(r, 150)));
      const order: string[] = [];
      const write = Promise.resolve(app.request("/events", json({ user_id: "x", item_id: "a1", type: "view" }))).then((res) => (order.push("write"), res.status));
      const read = Promise.resolve(app.request("/recommend?user=u1&n=2")).then((res) => (order.push("read"), res.status));
      expect(await Promise.all([write, read])).toEqual([201, 200]);
      expect(order).toEqual(["read", "write"]);
      await held;
    } finally {
      await other.close();
    }
  });
});

describe("requests Node's HTTP parser rejects", () => {
  it("get a JSON body", async () => {
    await rt.close();
    const config = testConfig({ port: "0", host: "127.0.0.1" });
    (await smallShop(config)).close();
    const server = await startServer(config, false);
    rt = server.runtime;
    const raw = (request: string) =>
      new Promise<string>((done, fail) => {
        const socket = connect(server.port, "127.0.0.1", () => socket.end(request));
        let text = "";
        socket.on("data", (d) => (text += d));
        socket.on("end", () => done(text));
        socket.on("error", fail);
      });
    try {
      const malformed = await raw("GARBAGE / HTTP/1.1\r\n\r\n");
      expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(malformed.split("\r\n\r\n")[1]).error.code).toBe("http_400");
      const bigHeader = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: ${"a".repeat(20_000)}\r\n\r\n`);
      expect(bigHeader).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(bigHeader.split("\r\n\r\n")[1]).error.code).toBe("http_431");
    } finally {
      await server.close();
    }
  });
});

describe("bodies on the node server (read from node's request, not a Fetch one)", () => {
  it("are limited whether their length is declared or not, parsed, and written", async () => {
    await rt.close();
    const config = testConfig({ port: "0", host: "127.0.0.1", maxBodyBytes: "2000" });
    (await smallShop(config)).close();
    const server = await startServer(config, false);
    rt = server.runtime;
    const postEvents = (body: string, chunked: boolean) =>
      new Promise<{ status: number; code?: string }>((done, fail) => {
        const headers = { "content-type": "application/json", ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": Buffer.byteLength(body) }) };
        const req = request({ host: "127.0.0.1", port: server.port, path: "/events", method: "POST", headers }, (res) => {
          let text = "";
          res.on("data", (d) => (text += d));
          res.on("end", () => done({ status: res.statusCode!, code: text ? JSON.parse(text).error?.code : undefined }));
        });
        req.on("error", fail);
        // Chunked: in pieces, as a client streaming a body would.
        if (chunked) for (let at = 0; at < body.length; at += 700) req.write(body.slice(at, at + 700));
        req.end(chunked ? undefined : body);
      });
    const event = (pad: number) => JSON.stringify({ user_id: "nodebody", item_id: "a1", type: "view", context: { pad: "é".repeat(pad) } });
    try {
      const before = await rt.store.events.count();
      expect(await postEvents(event(10), false)).toEqual({ status: 201 });
      expect(await postEvents(event(10), true)).toEqual({ status: 201 });
      expect(await rt.store.events.count()).toBe(before + 2);
      expect((await rt.store.events.history((await rt.store.users.idOf("nodebody"))!, 1))).toHaveLength(1);
      expect(await postEvents(event(1500), false)).toEqual({ status: 413, code: "body_too_large" });
      expect(await postEvents(event(1500), true)).toEqual({ status: 413, code: "body_too_large" });
      expect(await postEvents("{oops", true)).toEqual({ status: 400, code: "malformed_json" });
      expect(await rt.store.events.count()).toBe(before + 2);
      expect(await postEvents(event(10), false)).toEqual({ status: 201 });
    } finally {
      await server.close();
    }
  });
});
