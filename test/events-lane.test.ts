// The POST /events lane (server/http/events-lane.ts) on a real node server beside the app it
// stands in for, on another: the same answers and refusals, the same events stored, the
// same request ids and records, and every request it does not take handed to the app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { accessOf, createApp } from "../server/http/app.js";
import { eventsLane } from "../server/http/events-lane.js";
import { eventBatch } from "../server/http/routes/catalogue.js";
import { httpRequests } from "../server/platform/metrics.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { testConfig } from "./helpers.js";

describe("the POST /events lane on a node server", () => {
  let rt: Runtime;
  const servers: Server[] = [];
  const ports = { lane: 0, app: 0 };
  /** Requests the lane handed to the app. */
  let handedOn = 0;

  const listen = (listener: RequestListener): Promise<number> => {
    const server = createServer(listener);
    servers.push(server);
    return new Promise((done) => server.listen(0, "127.0.0.1", () => done((server.address() as AddressInfo).port)));
  };

  beforeAll(async () => {
    rt = await openRuntime(testConfig({ maxBatch: 3, maxBodyBytes: 2048 }));
    await rt.catalogue.upsertItems([{ id: "a1" }, { id: "a2" }]);
    const access = accessOf(rt);
    const app = getRequestListener(createApp(rt, access).fetch);
    const counting: RequestListener = (req, res) => {
      handedOn++;
      void app(req, res);
    };
    const lane = eventsLane({ record: (e) => rt.catalogue.recordEvents(e), authorize: access.authorize, schema: eventBatch(rt.config), config: rt.config }, counting);
    ports.lane = await listen(lane);
    ports.app = await listen(app);
  });
  afterAll(async () => {
    for (const s of servers) await new Promise((done) => s.close(done));
    await rt.close();
  });

  const post = async (to: "lane" | "app", body: string, headers: Record<string, string> = { "content-type": "application/json" }, path = "/events") => {
    const before = handedOn;
    const res = await fetch(`http://127.0.0.1:${ports[to]}${path}`, { method: "POST", headers, body });
    return { status: res.status, type: res.headers.get("content-type"), id: res.headers.get("x-request-id"), body: await res.json(), lane: to === "lane" && handedOn === before };
  };
  /** The same request to the lane and to the app: both answers, without their request ids. */
  const both = async (body: (who: string) => string, headers?: Record<string, string>) => {
    const [lane, app] = [await post("lane", body("lane"), headers), await post("app", body("app"), headers)];
    expect(lane.lane).toBe(true);
    return { lane: { ...lane, id: undefined, lane: undefined }, app: { ...app, id: undefined, lane: undefined } };
  };
  const event = (user: string, more: object = {}) => ({ user_id: user, item_id: "a1", type: "view", timestamp: new Date().toISOString(), ...more });

  it("stores events and answers as the app does", async () => {
    for (const body of [
      (who: string) => JSON.stringify(event(`one-${who}`)),
      (who: string) => JSON.stringify([event(`two-${who}`), event(`two-${who}`, { item_id: "a2", type: "purchase", value: 2 })]),
      (who: string) => JSON.stringify([event(`dup-${who}`, { event_id: `e-${who}` }), event(`dup-${who}`, { event_id: `e-${who}` })]),
    ]) {
      const { lane, app } = await both(body);
      expect(lane.status).toBe(201);
      expect(lane).toEqual(app);
    }
    const stored = async (user: string) => (await rt.store.events.history((await rt.store.users.idOf(user))!, 10)).map((e) => [e.itemId, e.type, e.value]);
    expect(await stored("two-lane")).toEqual(await stored("two-app"));
    expect(await stored("dup-lane")).toHaveLength(1);
  });

  it("refuses what the app refuses, with the same answer", async () => {
    const cases: [string, (who: string) => string, Record<string, string>?][] = [
      ["415", () => JSON.stringify(event("x")), { "content-type": "text/plain" }],
      ["415 without a type", () => JSON.stringify(event("x")), {}],
      ["malformed", () => '{"user_id": ', undefined],
      ["empty array", () => "[]", undefined],
      ["batch too large", () => JSON.stringify([1, 2, 3, 4].map(() => event("x"))), undefined],
      ["invalid record", () => JSON.stringify([event("x"), { user_id: "x", type: "gaze" }]), undefined],
      ["body too large", () => JSON.stringify(event("x".repeat(3000))), undefined],
    ];
    for (const [what, body, headers] of cases) {
      const { lane, app } = await both(body, headers);
      expect(lane.status, what).toBeGreaterThanOrEqual(400);
      expect(lane, what).toEqual(app);
    }
    expect(await rt.store.users.idOf("x")).toBeUndefined(); // nothing written
  });

  it("echoes a plain X-Request-Id and counts the request under its route", async () => {
    const counted = async () => (await httpRequests.get()).values.find((v) => v.labels.route === "/events" && v.labels.status === "201")?.value ?? 0;
    const before = await counted();
    const echoed = await post("lane", JSON.stringify(event("ids")), { "content-type": "application/json", "x-request-id": "order-42" });
    expect(echoed.id).toBe("order-42");
    expect(await counted()).toBe(before + 1);
  });

  it("hands every other request to the app", async () => {
    const query = await post("lane", JSON.stringify(event("q")), undefined, "/events?source=web");
    expect(query.lane).toBe(false);
    const before = handedOn;
    expect((await fetch(`http://127.0.0.1:${ports.lane}/events`)).status).toBe(404);
    expect(handedOn).toBe(before + 1);
  });

  it("refuses without a key once one exists, and a read key, as the app does", async () => {
    const { secret } = await rt.keys.create({ name: "reader", scope: "read" }, "test");
    const anonymous = await both(() => JSON.stringify(event("k")));
    expect(anonymous.lane.status).toBe(401);
    expect(anonymous.lane).toEqual(anonymous.app);
    const reader = await both(() => JSON.stringify(event("k")), { "content-type": "application/json", authorization: `Bearer ${secret}` });
    expect(reader.lane.status).toBe(403);
    expect(reader.lane).toEqual(reader.app);
  });

  it("stands aside when CORS is configured", () => {
    const listener: RequestListener = () => {};
    const config = { ...rt.config, corsOrigins: ["https://shop.example"] };
    expect(eventsLane({ record: async () => ({ written: 0 }) as never, authorize: async () => "x", schema: eventBatch(config), config }, listener)).toBe(listener);
  });
});
