import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { smallShop } from "./helpers.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;

const call = async (method: string, path: string, body?: unknown) => {
  const res = await app.request(path, body === undefined ? { method } : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};
const list = async (query: string) => (await call("GET", `/recommend?${query}`)).body as { items: { id: string; score: number; reason: { type: string; rule?: string } }[] };
const ids = async (query: string) => (await list(query)).items.map((i) => i.id);
const create = (id: string, rule: unknown) => call("POST", "/rules", { id, rule });

beforeEach(async () => {
  rt = await smallShop();
  // Cluster b is category B; the rest have none.
  await rt.catalogue.upsertItems(["b1", "b2", "b3"].map((id) => ({ id, title: `Item ${id.toUpperCase()}`, price: 10, category: "B" })));
  app = createApp(rt);
  return () => rt.close();
});

describe("rules through the API", () => {
  it("are created, read with their history, replaced by version, deleted, and audited", async () => {
    const made = await create("hide-a2", { action: "exclude", match: { items: ["a2"] }, description: "sold out upstream" });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ id: "hide-a2", version: 1, updated_by: "local", rule: { action: "exclude", enabled: true } });
    expect((await create("hide-a2", { action: "exclude", match: { items: ["a1"] } })).status).toBe(409);
    const replaced = await call("PUT", "/rules/hide-a2", { rule: { action: "exclude", match: { items: ["a1"] } }, version: 1 });
    expect(replaced.body.version).toBe(2);
    const stale = await call("PUT", "/rules/hide-a2", { rule: { action: "exclude", match: { items: ["a3"] } }, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/version 2, not 1/);
    expect((await call("GET", "/rules")).body.rules.map((r: { id: string }) => r.id)).toEqual(["hide-a2"]);
    expect((await call("DELETE", "/rules/hide-a2")).body).toEqual({ id: "hide-a2", version: 3 });
    expect((await call("GET", "/rules/hide-a2")).status).toBe(404);
    expect((await call("PUT", "/rules/hide-a2", { rule: { action: "exclude", match: { items: ["a3"] } } })).status).toBe(404);
    // Created again, its history goes on.
    await create("hide-a2", { action: "exclude", match: { items: ["a2"] } });
    const read = (await call("GET", "/rules/hide-a2")).body;
    expect(read.current.version).toBe(4);
    expect(read.history.map((h: { version: number; deleted: boolean }) => [h.version, h.deleted])).toEqual([[4, false], [3, true], [2, false], [1, false]]);
    const audit = (await call("GET", "/audit?limit=10")).body.entries.filter((e: { action: string }) => e.action.startsWith("rule."));
    expect(audit.map((e: { action: string; details: { version: number } }) => [e.action, e.details.version])).toEqual([["rule.create", 4], ["rule.delete", 3], ["rule.update", 2], ["rule.create", 1]]);
  });

  it("refuses a bad rule with a 400 naming the problem", async () => {
    const bad = async (rule: unknown) => {
      const res = await create("r", rule);
      expect(res.status).toBe(400);
      return JSON.stringify(res.body.error);
    };
    expect(await bad({ action: "boost", match: { filter: "price <" }, multiply: 2 })).toMatch(/rule.match.filter.*expected a value .* at the end/);
    expect(await bad({ action: "boost", match: { items: ["a1"] }, multiply: 50 })).toMatch(/multiply/);
    expect(await bad({ action: "boost", match: {} })).toMatch(/name a filter or items/);
    expect(await bad({ action: "share", match: { items: ["a1"] } })).toMatch(/needs min .* or max/);
    expect(await bad({ action: "pin", item: "a1", position: 0 })).toMatch(/position/);
    expect(await bad({ action: "exclude", match: { items: ["a1"] }, starts_at: "2027-01-02T00:00:00Z", ends_at: "2027-01-01T00:00:00Z" })).toMatch(/starts_at must come before ends_at/);
    expect(await bad({ action: "explode", match: { items: ["a1"] } })).toMatch(/action/);
    expect((await call("POST", "/rules", { id: "no spaces", rule: { action: "exclude", match: { items: ["a1"] } } })).status).toBe(400);
    expect((await call("GET", "/rules")).body.rules).toEqual([]);
  });
});

describe("rules in the lists", () => {
  it("exclude matching items from /recommend, for shoppers with and without history, and from /similar", async () => {
    expect(await ids("user=u1&n=5")).toContain("a2");
    expect(await ids("n=8")).toContain("pop");
    await create("hide", { action: "exclude", match: { items: ["a2", "pop"] } });
    expect(await ids("user=u1&n=5")).not.toContain("a2");
    expect(await ids("n=8")).not.toContain("pop");
  });

  it("boost and bury by multiplying or adding to the score, inside the kernel", async () => {
    const before = await list("user=u1&n=5");
    expect(before.items[0].id).toBe("a2");
    const b3 = before.items.find((i) => i.id === "b3");
    await create("lift-b3", { action: "boost", match: { items: ["b3"] }, add: 5 });
    const lifted = await list("user=u1&n=5");
    expect(lifted.items[0].id).toBe("b3");
    expect(lifted.items[0].score).toBeCloseTo((b3?.score ?? 0) + 5, 4);
    await create("bury-a2", { action: "boost", match: { filter: "price = 10 AND NOT category = \"B\"", items: ["a2"] }, multiply: 0.01 });
    const buried = await ids("user=u1&n=5");
    expect(buried.indexOf("a2")).toBeGreaterThan(1);
  });

  it("pin an item at its place, with the rule as its reason", async () => {
    await create("pin-b1", { action: "pin", item: "b1", position: 2 });
    const got = await list("user=u1&n=4");
    expect(got.items[1]).toMatchObject({ id: "b1", reason: { type: "pinned", rule: "pin-b1" } });
    expect(got.items).toHaveLength(4);
    expect(got.items.filter((i) => i.id === "b1")).toHaveLength(1);
    // A pinned item the request excludes stays out.
    expect(await ids("user=u1&n=4&exclude=b1")).not.toContain("b1");
  });

  it("cap and promote a share of the places", async () => {
    const category = async (q: string) => (await ids(q)).filter((id) => id.startsWith("b")).length;
    const u7 = "user=u7&n=5&include_purchased=true";
    expect(await category(u7)).toBe(3);
    await create("cap-b", { action: "share", match: { filter: "category = \"B\"" }, max: 0.2 });
    expect(await category(u7)).toBe(1);
    expect(await ids(u7)).toHaveLength(5);
    await call("DELETE", "/rules/cap-b");
    expect(await category("user=u1&n=3")).toBeLessThan(2);
    await create("promote-b", { action: "share", match: { filter: "category = \"B\"" }, min: 0.6 });
    // ceil(0.6 · 3) = 2 places; the lowest-ranked other gives up its place.
    const promoted = await ids("user=u1&n=3");
    expect(promoted.filter((id) => id.startsWith("b"))).toHaveLength(2);
    expect(promoted[0]).toBe("a2");
  });

  it("diversify a list: at most m items of a category", async () => {
    const u7 = "user=u7&n=5&include_purchased=true";
    expect((await ids(u7)).filter((id) => id.startsWith("b"))).toHaveLength(3);
    expect((await create("one-per-category", { action: "diversity", max_per_category: 1 })).status).toBe(201);
    const got = await ids(u7);
    expect(got.filter((id) => id.startsWith("b"))).toHaveLength(1);
    expect(got).toHaveLength(5);
    expect((await create("bad", { action: "diversity" })).status).toBe(400);
  });

  it("apply only inside their window, and only while enabled", async () => {
    const hour = 3_600_000;
    await create("later", { action: "exclude", match: { items: ["a2"] }, starts_at: new Date(Date.now() + hour).toISOString() });
    await create("over", { action: "exclude", match: { items: ["a2"] }, ends_at: new Date(Date.now() - hour).toISOString() });
    await create("off", { action: "exclude", match: { items: ["a2"] }, enabled: false });
    expect(await ids("user=u1&n=5")).toContain("a2");
    // A window that opens in a moment is applied once it has opened, without any write.
    await create("soon", { action: "exclude", match: { items: ["a2"] }, starts_at: new Date(Date.now() + 300).toISOString() });
    expect(await ids("user=u1&n=5")).toContain("a2");
    await new Promise((r) => setTimeout(r, 400));
    expect(await ids("user=u1&n=5")).not.toContain("a2");
  });

  it("reach another process within a second", async () => {
    const other = await openRuntime(rt.config);
    try {
      await other.recommender.refresh();
      const a2In = async () => (await other.recommender.recommend("u1", 5, false)).items.some((i) => i.id === "a2");
      expect(await a2In()).toBe(true);
      await create("hide", { action: "exclude", match: { items: ["a2"] } });
      const started = Date.now();
      while (await a2In()) await new Promise((r) => setTimeout(r, 20));
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await other.close();
    }
  });
});
