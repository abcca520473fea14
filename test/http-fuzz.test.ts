// A seeded, property-based fuzz of the HTTP API: every route, with random path ids, query
// parameters, content types and bodies — from arbitrary JSON to records that are valid but
// for one field. The service must never answer 5xx, always answer JSON (204 and the
// metrics text aside), and a rejected request must leave the store exactly as it was.
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createApp } from "../server/http/app.js";
import type { Runtime } from "../server/runtime.js";
import { smallShop } from "./helpers.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  rt = await smallShop();
  app = createApp(rt);
});
afterAll(() => rt.close());

/** Everything a request could change, cheaply. */
async function fingerprint(): Promise<string> {
  const s = rt.store;
  return JSON.stringify([await s.events.count(), await s.items.maxId(), await s.items.count(), await s.users.allIds(), await s.counters(), (await s.audit.list({ limit: 1 }))[0]?.id]);
}

const FIELDS: Record<string, string[]> = {
  "/events": ["event_id", "recommendation_id", "user_id", "item_id", "type", "timestamp", "value", "context"],
  "/items": ["id", "title", "description", "category", "price", "stock", "tags", "attributes"],
  "/users": ["id", "attributes"],
  "/keys": ["name", "scope", "expires_in", "rate_per_second"],
  "/rules": ["id", "rule"],
  "/experiments": ["id", "experiment"],
  "/experiments/:id/start": ["version"],
  "/experiments/:id/stop": ["version"],
};
const VALID: Record<string, Record<string, unknown>> = {
  "/events": { event_id: "e1", recommendation_id: "r1", user_id: "u1", item_id: "a1", type: "view", timestamp: "2024-02-01T00:00:00Z", value: 1, context: { page: "home" } },
  "/items": { id: "a1", title: "Item A1", description: "d", category: "c", price: 1, stock: 3, tags: ["t"], attributes: { colour: "red" } },
  "/users": { id: "u1", attributes: { region: "EU" } },
  "/keys": { name: "k", scope: "read", expires_in: "1d", rate_per_second: 5 },
  "/rules": { id: "r1", rule: { action: "boost", match: { filter: "price < 5", items: ["a1"] }, multiply: 2 } },
  "/experiments": { id: "x1", experiment: { variants: [{ name: "a" }, { name: "b", overrides: { popularity_only: true, weights: { factors: 2 } } }], targeting: { placements: ["home"] } } },
  "/experiments/:id/start": { version: 1 },
  "/experiments/:id/stop": { version: 1 },
};

const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("", " ", "0", "-1", "1e309", "NaN", "null", "true", "%00", "../..", "a|".repeat(200), "2999-01-01T00:00:00Z", "9".repeat(40), "x".repeat(300)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 4 }),
);

/** A valid record with one field replaced by something random (or dropped). */
const mutated = (path: string) =>
  fc.tuple(fc.constantFrom(...FIELDS[path]), fc.option(nasty, { nil: undefined })).map(([field, value]) => ({ ...VALID[path], [field]: value }));

/**
 * A valid record with one field nested up to 6,000 levels deep, built as text: such a value
 * overflows the stack of anything that walks it recursively (fast-check's own printing too).
 */
const deep = (path: string) =>
  fc.tuple(fc.constantFrom(...FIELDS[path]), fc.constantFrom(1, 8, 9, 100, 5000, 6000), fc.boolean()).map(([field, depth, object]) =>
    JSON.stringify({ ...VALID[path], [field]: "__DEEP__" }).replace('"__DEEP__"', object ? '{"a":'.repeat(depth) + "1" + "}".repeat(depth) : "[".repeat(depth) + "]".repeat(depth)),
  );

const body = (path: string) =>
  fc.oneof(
    mutated(path).map((r) => JSON.stringify(r)),
    deep(path),
    fc.array(mutated(path), { minLength: 0, maxLength: 3 }).map((a) => JSON.stringify(a)),
    fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 50 }),
    fc.constant('{"user_id":'),
  );

const segment = fc.oneof(fc.constantFrom("a1", "u1", "b2", "pop", "storefront", "nope"), fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent));
const query = fc.dictionary(
  fc.constantFrom("user", "n", "include_purchased", "category", "q", "limit", "before", "action", "reference", "region", "x"),
  nasty.map((v) => (typeof v === "string" ? v : JSON.stringify(v) ?? "")),
  { maxKeys: 4 },
);
const contentType = fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "");

describe("HTTP fuzz", () => {
  it("never answers 5xx, always answers JSON, and leaves the store unchanged when it refuses", async () => {
    // Every route but the API page's (HTML and its assets, no input).
    const routes = app.routes.filter((r) => r.method !== "ALL" && !r.path.startsWith("/docs") && !r.path.startsWith("/dashboard")).map((r) => ({ method: r.method, path: r.path }));
    const request = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        ids: fc.array(segment, { minLength: 2, maxLength: 2 }),
        query,
        contentType,
        body: route.method === "POST" ? body(route.path) : fc.constant(undefined),
      }),
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ route, ids, query: q, contentType: type, body: text }) => {
        const path = route.path.replace(":id", ids[0]).replace(":name", ids[1]);
        const search = new URLSearchParams(q as Record<string, string>).toString();
        const before = await fingerprint();
        const res = await app.request(path + (search ? "?" + search : ""), {
          method: route.method,
          headers: type ? { "content-type": type } : {},
          body: text,
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const raw = await res.text();
        expect(res.status, `${route.method} ${path}?${search} ${text?.slice(0, 200)}`).toBeLessThan(500);
        // GET /metrics answers in the Prometheus text format when it answers at all.
        const notJson = res.status === 204 || (route.path === "/metrics" && res.status === 200);
        if (!notJson) expect(() => JSON.parse(raw), raw.slice(0, 200)).not.toThrow();
        if (res.status >= 400) expect(await fingerprint(), `${route.method} ${path} changed the store and answered ${res.status}`).toBe(before);
      }),
      { seed: 20261201, numRuns: 1500 },
    );
    // The fuzz reached both sides: refusals and successes.
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
  });
});
