// Shoppers' privacy requests through the real app, store and trainer: export, erasure
// (reaching lists, later models and batch outputs), the audit log, retention.
import { beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createApp } from "../server/http/app.js";
import type { Runtime } from "../server/runtime.js";
import { trainModels } from "../server/train.js";
import { applyRetention } from "../server/access/retention.js";
import { runBatch } from "../server/batch/batch.js";
import { smallShop, tempDir } from "./helpers.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;
const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeEach(async () => {
  rt = await smallShop();
  app = createApp(rt);
  return () => rt.close();
});

describe("privacy export", () => {
  it("returns the shopper's attributes and every event with its context, and audits it without the id", async () => {
    await app.request("/users", json({ id: "u1", attributes: { region: "EU", email: "u1@example.com" } }));
    await app.request("/events", json({ event_id: "e-1", user_id: "u1", item_id: "b1", type: "view", timestamp: "2024-02-01T00:00:00Z", context: { page: "home" } }));
    const res = await app.request("/users/u1/export?reference=TICKET-7");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.user).toMatchObject({ id: "u1", attributes: { region: "EU", email: "u1@example.com" } });
    // u1 bought a1 and a3 in the fixture, then viewed b1.
    expect(body.events.map((e: { item_id: string; type: string }) => `${e.type}:${e.item_id}`)).toEqual(["purchase:a1", "purchase:a3", "view:b1"]);
    expect(body.events[2]).toMatchObject({ event_id: "e-1", context: { page: "home" }, timestamp: "2024-02-01T00:00:00.000Z" });
    expect(body.event_count).toBe(3);
    expect(body.derived.segments).toContain("region=EU");
    const [entry] = await rt.store.audit.list({ limit: 1 });
    expect(entry).toMatchObject({ action: "privacy.export", actor: "local", target: null, details: { events: 3, reference: "TICKET-7" } });
    expect(JSON.stringify(entry)).not.toContain("u1");
    expect((await app.request("/users/nobody/export")).status).toBe(404);
  });

  it("streams a long history page by page", async () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({ user_id: "long", item_id: "a1", type: "view", timestamp: 1_700_000_000 + i }));
    for (let i = 0; i < many.length; i += 1000) await app.request("/events", json(many.slice(i, i + 1000)));
    const body = await (await app.request("/users/long/export")).json();
    expect(body.event_count).toBe(2500);
    const ts = body.events.map((e: { timestamp: string }) => Date.parse(e.timestamp));
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
  });
});

describe("erasure", () => {
  it("erases attributes and events at once: lists, later models and batch outputs no longer know the shopper", async () => {
    const before = await (await app.request("/recommend?user=u1&n=3")).json();
    expect(before.personalized).toBe(true);
    const eventsBefore = await rt.store.events.count();

    const erased = await app.request("/users/u1?reference=DSR-1", { method: "DELETE" });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ events_deleted: 2 });
    expect(await rt.store.events.count()).toBe(eventsBefore - 2);

    const after = await (await app.request("/recommend?user=u1&n=8")).json();
    expect(after.personalized).toBe(false);
    expect(after.items.every((i: { reason: { type: string } }) => i.reason.type === "popular")).toBe(true);
    expect((await app.request("/users/u1")).status).toBe(404);
    expect((await app.request("/users/u1/export")).status).toBe(404);
    const again = await app.request("/users/u1", { method: "DELETE" });
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe("unknown_user");

    // A model trained afterwards is trained without them.
    const m = await trainModels(rt.store, rt.registry, rt.config);
    expect(m.stats.events).toBe(eventsBefore - 2);
    // A batch run afterwards leaves them out, even when they are listed.
    const out = join(tempDir(), "recs.jsonl");
    const summary = await runBatch(rt.config, { out, n: 2, includePurchased: false, users: ["u1", "u2"], usersSource: "list", workers: 0, chunkSize: 10 });
    expect(summary.modelVersion).toBe("v000002");
    expect(readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l).user)).toEqual(["u2"]);

    const [entry] = await rt.store.audit.list({ limit: 1, action: "privacy.erase" });
    expect(entry).toMatchObject({ actor: "local", target: null, details: { events: 2, reference: "DSR-1" } });
    expect(JSON.stringify(await rt.store.audit.list({ limit: 100 }))).not.toContain('"u1"');
  });
});

describe("retention", () => {
  it("removes events older than the retention period, in chunks, and audits the count", async () => {
    await app.request("/events", json({ user_id: "fresh", item_id: "a1", type: "view" }));
    const total = await rt.store.events.count();
    // The fixture's events are from 2024-01-01; the one just posted is from now.
    expect(await applyRetention(rt.store, 0, "retention")).toBe(0);
    const deleted = await applyRetention(rt.store, 30, "retention");
    expect(deleted).toBe(total - 1);
    expect(await rt.store.events.count()).toBe(1);
    expect((await rt.store.audit.list({ limit: 1 }))[0]).toMatchObject({ action: "events.retention", details: { deleted } });
  });
});
