// Experiments end to end on the small shop: created, started and stopped over HTTP;
// shoppers assigned stickily (the same variant on every request and in another process's
// runtime); each variant's lists made with its overrides and recorded with its name;
// clicks and purchases that name a list attributed to it and reported per variant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { trainModels } from "../server/train.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { smallShop, testConfig } from "./helpers.js";

const SHOPPERS = Array.from({ length: 12 }, (_, i) => `u${i + 1}`).concat(Array.from({ length: 48 }, (_, i) => `visitor-${i}`));

describe("experiments", () => {
  let shop: Runtime;
  let rt: Runtime;
  let other: Runtime;
  let app: ReturnType<typeof createApp>;
  const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const put = (body: unknown) => ({ ...json(body), method: "PUT" });
  const post = (path: string, body?: unknown) => app.request(path, body === undefined ? { method: "POST" } : json(body));

  // A data directory of the suite's own: the helpers' temporary ones go after each test.
  const dataDir = mkdtempSync(join(tmpdir(), "tuijian-experiments-"));
  beforeAll(async () => {
    shop = await smallShop(testConfig({ dataDir }));
    rt = await openRuntime(shop.config, { serving: true });
    other = await openRuntime(shop.config, { serving: true });
    await rt.recommender.refresh();
    await other.recommender.refresh();
    app = createApp(rt);
  });
  afterAll(async () => {
    await other.close();
    await rt.close();
    await shop.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("assign every shopper stickily, in every process, and make each variant's lists with its overrides", async () => {
    const experiment = {
      mode: "ab", primary_metric: "ctr", targeting: { placements: ["home"] },
      variants: [{ name: "control" }, { name: "popular", overrides: { popularity_only: true } }],
    };
    expect((await post("/experiments", { id: "home-test", experiment })).status).toBe(201);
    expect((await app.request("/experiments/home-test")).status).toBe(200);
    // A draft assigns nobody.
    expect((await (await app.request("/recommend?user=u1")).json()).variant).toBeUndefined();
    expect((await post("/experiments/home-test/start", { version: 9 })).status).toBe(409);
    const started = await (await post("/experiments/home-test/start")).json();
    expect(started).toMatchObject({ status: "running", version: 2 });
    expect((await app.request("/experiments/home-test", put({ experiment }))).status).toBe(409);
    expect((await app.request("/experiments/home-test", { method: "DELETE" })).status).toBe(409);
    expect((await post("/experiments", { id: "clash", experiment })).status).toBe(201);
    const clash = await post("/experiments/clash/start");
    expect(clash.status).toBe(409);
    expect((await clash.json()).error.code).toBe("experiment_overlap");

    const popular = (await (await app.request("/recommend?n=5")).json()).items.map((i: { id: string }) => i.id);
    const seen = new Map<string, string>();
    for (const user of SHOPPERS) {
      const first = await (await app.request(`/recommend?user=${user}&n=5`)).json();
      const again = await (await app.request(`/recommend?user=${user}&n=5`)).json();
      expect(first.variant.experiment).toBe("home-test");
      expect(again.variant).toEqual(first.variant);
      seen.set(user, first.variant.variant);
      // u1..u12 have histories: their control list is personal, the popular variant's is the best-sellers'.
      if (first.variant.variant === "popular" && user.startsWith("u")) {
        expect(first.items.map((i: { id: string }) => i.id).filter((id: string) => !["a1", "a2", "a3", "b1", "b2", "b3", "pop"].includes(id) || popular.includes(id)).length).toBeGreaterThan(0);
        expect(first.personalized).toBe(false);
      }
      // Another list type is outside the experiment.
      expect((await (await app.request(`/recommend?user=${user}&placement=trending`)).json()).variant).toBeUndefined();
    }
    const counts = [...seen.values()].reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());
    expect(counts.get("control")).toBeGreaterThan(15);
    expect(counts.get("popular")).toBeGreaterThan(15);
    // Another process's runtime, with its own caches, assigns the same.
    for (const user of SHOPPERS) {
      const list = await other.recommender.recommend(user, 5, false, {});
      expect(list.variant?.variant, user).toBe(seen.get(user));
    }
    const anonymous = await (await app.request("/recommend?n=5")).json();
    expect(anonymous.variant).toBeUndefined();
  });

  it("attribute clicks and purchases that name a list to its variant, and report each with intervals and the sample-ratio check", async () => {
    const served: { id: string; variant: string; user: string; items: string[] }[] = [];
    for (const user of SHOPPERS) {
      const r = await (await app.request(`/recommend?user=${user}&n=4`)).json();
      served.push({ id: r.recommendation_id, variant: r.variant.variant, user, items: r.items.map((i: { id: string }) => i.id) });
    }
    await rt.served!.flush();
    const stored = await rt.store.served.get(served[0].id);
    expect(stored?.variant).toBe(`home-test:${served[0].variant}`);
    // Every control shopper clicks their first item; popular shoppers never do. Half of the clickers buy two.
    const events = [];
    for (const [k, s] of served.entries()) {
      if (s.variant !== "control") continue;
      events.push({ user_id: s.user, item_id: s.items[0], type: "click", recommendation_id: s.id, timestamp: new Date().toISOString() });
      if (k % 2 === 0) events.push({ user_id: s.user, item_id: s.items[0], type: "purchase", value: 2, timestamp: new Date(Date.now() + 1000).toISOString() });
    }
    expect((await post("/events", events)).status).toBe(201);
    const report = await (await app.request("/experiments/home-test/report")).json();
    const [control, popular] = report.variants;
    expect(control.name).toBe("control");
    expect(control.lists + popular.lists).toBeGreaterThanOrEqual(served.length);
    expect(control.clicks).toBe(served.filter((s) => s.variant === "control").length);
    expect(popular.clicks).toBe(0);
    expect(control.purchases).toBe(events.filter((e) => e.type === "purchase").length);
    expect(control.revenue).toBeCloseTo(control.purchases * 2 * 10);
    expect(control.metrics.ctr.value).toBeGreaterThan(0);
    expect(control.metrics.ctr.ci[0]).toBeLessThan(control.metrics.ctr.value);
    expect(popular.metrics.ctr.vs_control.difference).toBeLessThan(0);
    expect(report.sample_ratio.shoppers).toEqual([control.shoppers, popular.shoppers]);
    expect(report.sample_ratio.mismatch).toBe(false);
    expect(report.decision).toMatchObject({ metric: "ctr", winner: "control" });
    expect(report.decision.p_value).toBeLessThan(0.05);
    // The same clicks by placement, variant and position in the list.
    const attribution = await (await app.request("/attribution")).json();
    expect(attribution.by_variant["home-test:control"].clicks).toBe(control.clicks);
    expect(attribution.by_placement.home.clicks).toBe(control.clicks);
    expect(attribution.total.revenue).toBeCloseTo(control.revenue);
    expect(attribution.ctr_by_position[0]).toBeGreaterThan(0);
    expect(attribution.ctr_by_position.slice(1).every((x: number) => x === 0)).toBe(true);

    expect((await post("/experiments/home-test/stop")).status).toBe(200);
    expect((await (await app.request("/recommend?user=u1")).json()).variant).toBeUndefined();
  });

  it("interleave two rankers in one list, teams recorded, clicks credited to the ranker that placed the item", async () => {
    const experiment = { mode: "interleaving", variants: [{ name: "personal" }, { name: "popular", overrides: { popularity_only: true } }] };
    expect((await post("/experiments", { id: "mix", experiment })).status).toBe(201);
    expect((await post("/experiments/mix/start")).status).toBe(200);
    const events = [];
    for (const user of SHOPPERS.slice(0, 12)) {
      const r = await (await app.request(`/recommend?user=${user}&n=6`)).json();
      expect(r.variant).toEqual({ experiment: "mix", variant: "interleaved" });
      await rt.served!.flush();
      const kept = (await rt.store.served.get(r.recommendation_id))!;
      expect(kept.teams).toMatch(/^[ab]+$/);
      expect(kept.teams!.length).toBe(r.items.length);
      // Team draft alternates: neither ranker places more than one item more than the other.
      const a = kept.teams!.split("").filter((t) => t === "a").length;
      expect(Math.abs(2 * a - kept.teams!.length)).toBeLessThanOrEqual(1);
      // Shoppers click the popular ranker's items only.
      const b = r.items.find((_: unknown, i: number) => kept.teams![i] === "b");
      if (b) events.push({ user_id: user, item_id: b.id, type: "click", recommendation_id: r.recommendation_id });
    }
    expect((await post("/events", events)).status).toBe(201);
    const report = await (await app.request("/experiments/mix/report")).json();
    expect(report.interleaving.wins).toEqual([0, events.length]);
    expect(report.interleaving.preference.value).toBe(1);
    expect(report.decision).toMatchObject({ metric: "clicks", winner: "popular" });
    expect((await post("/experiments/mix/stop")).status).toBe(200);
  });

  it("serve a variant from a pinned model version, kept on disk while the experiment runs", async () => {
    const first = rt.recommender.version!;
    await trainModels(rt.store, rt.registry, rt.config);
    await rt.recommender.refresh();
    const newest = rt.recommender.version!;
    expect(newest).not.toBe(first);
    const unknown = await post("/experiments", { id: "gone", experiment: { variants: [{ name: "a" }, { name: "b", overrides: { model_version: "v999999" } }] } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.code).toBe("unknown_model_version");
    const experiment = { variants: [{ name: "newest" }, { name: "previous", overrides: { model_version: first } }] };
    expect((await post("/experiments", { id: "pinned", experiment })).status).toBe(201);
    expect((await post("/experiments/pinned/start")).status).toBe(200);
    const byVariant = new Map<string, Set<string>>();
    for (const user of SHOPPERS.slice(0, 30)) {
      const r = await (await app.request(`/recommend?user=${user}`)).json();
      if (!byVariant.has(r.variant.variant)) byVariant.set(r.variant.variant, new Set());
      byVariant.get(r.variant.variant)!.add(r.model_version);
    }
    expect(byVariant.get("newest")).toEqual(new Set([newest]));
    expect(byVariant.get("previous")).toEqual(new Set([first]));
    // Two more trainings keeping one version: the pinned one stays.
    await trainModels(rt.store, rt.registry, { ...rt.config, keepModels: 1 });
    await trainModels(rt.store, rt.registry, { ...rt.config, keepModels: 1 });
    expect(rt.registry.versions()).toContain(first);
    expect(rt.registry.versions()).not.toContain(newest);
    expect((await post("/experiments/pinned/stop")).status).toBe(200);
  });

  it("give each variant its own merchandising rules", async () => {
    const rule = { action: "pin", item: "new", position: 1 };
    expect((await post("/rules", { id: "pin-new", rule })).status).toBe(201);
    const experiment = { variants: [{ name: "with", overrides: { rules: ["pin-new"] } }, { name: "without", overrides: { rules: ["some-other-rule"] } }] };
    expect((await post("/experiments", { id: "own-rules", experiment })).status).toBe(201);
    expect((await post("/experiments/own-rules/start")).status).toBe(200);
    const firsts = new Map<string, Set<boolean>>();
    for (const user of SHOPPERS.slice(0, 30)) {
      const r = await (await app.request(`/recommend?user=${user}&n=3`)).json();
      if (!firsts.has(r.variant.variant)) firsts.set(r.variant.variant, new Set());
      firsts.get(r.variant.variant)!.add(r.items[0].id === "new");
    }
    expect(firsts.get("with")).toEqual(new Set([true]));
    expect(firsts.get("without")).toEqual(new Set([false]));
    expect((await post("/experiments/own-rules/stop")).status).toBe(200);
    expect((await app.request("/rules/pin-new", { method: "DELETE" })).status).toBe(200);
  });

  it("refuse bad designs with a 400 naming the problem", async () => {
    const bad = await post("/experiments", { id: "x", experiment: { mode: "interleaving", variants: [{ name: "a" }, { name: "b" }, { name: "c" }] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("exactly two variants");
    expect((await post("/experiments", { id: "y", experiment: { variants: [{ name: "a" }, { name: "a" }] } })).status).toBe(400);
    expect((await post("/experiments", { id: "bad:id", experiment: { variants: [{ name: "a" }, { name: "b" }] } })).status).toBe(400);
    expect((await app.request("/experiments/none/report")).status).toBe(404);
  });
});
