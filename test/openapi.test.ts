// The API document is generated from the routes themselves: every route of the app is in
// it, every documented error is one the route's schemas can describe, and every example
// in it validates against the zod schema it documents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createApp } from "../server/http/app.js";
import type { Runtime } from "../server/runtime.js";
import * as ruleSchemas from "../server/http/openapi/rule-schemas.js";
import * as experimentSchemas from "../server/http/openapi/experiment-schemas.js";
import * as segmentSchemas from "../server/http/openapi/segment-schemas.js";
import { AttributionAnswer, KpiReport } from "../server/http/openapi/kpi-schemas.js";
import { WhyNotAnswer } from "../server/http/openapi/why-not-schema.js";
import * as schemas from "../server/http/openapi/schemas.js";
import { eventInput, ItemInput, UserInput } from "../server/inputs.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { smallShop, testConfig } from "./helpers.js";
import { loadConfig } from "../server/config.js";
import { apiDocument } from "../server/http/openapi/document.js";
import { projectRoot } from "../server/project-root.js";
import { clientTypes } from "../client/types-of.js";
import { createClient } from "../client/index.js";
import { startServer } from "../server/serve.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;
let doc: { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, { example?: unknown }> } };

beforeAll(async () => {
  rt = await smallShop();
  app = createApp(rt);
  doc = await (await app.request("/openapi.json")).json();
});
afterAll(() => rt.close());

/** The zod schema behind each documented component. */
const BY_NAME: Record<string, z.ZodType> = {
  Health: schemas.Health, Ready: schemas.Ready, NotReady: schemas.NotReady, Recommendation: schemas.Recommendation, Reason: schemas.Reason,
  Error: schemas.ErrorBody, SimilarItems: schemas.Similar, SearchResult: schemas.SearchResult, Upserted: schemas.Upserted, Item: schemas.ItemRecord,
  Shopper: schemas.UserRecord, EventsAccepted: schemas.Accepted, ShopperExport: schemas.UserExport, Erased: schemas.Erased, ApiKeys: schemas.KeyList,
  ApiKey: schemas.KeyShown, ApiKeyCreated: schemas.KeyCreated, AuditLog: schemas.AuditEntries,
  RecommendedItem: schemas.RecommendedItem, NewApiKey: schemas.NewApiKey, Event: eventInput(), ItemInput, ShopperInput: UserInput,
  ItemPage: schemas.ItemPage, ShopperEvents: schemas.ShopperEvents, Stats: schemas.Stats, CatalogueHealth: schemas.CatalogueHealth,
  Rule: ruleSchemas.RuleBody, NewRule: ruleSchemas.RuleCreate, RuleUpdate: ruleSchemas.RuleUpdate, StoredRule: ruleSchemas.RuleShown, Rules: ruleSchemas.RuleList,
  RuleHistory: ruleSchemas.RuleWithHistory, RuleDeleted: ruleSchemas.RuleDeleted, WhyNot: WhyNotAnswer,
  Experiment: experimentSchemas.ExperimentBody, NewExperiment: experimentSchemas.ExperimentCreate, ExperimentUpdate: experimentSchemas.ExperimentUpdate,
  ExperimentTransition: experimentSchemas.ExperimentTransition, StoredExperiment: experimentSchemas.ExperimentShown, Experiments: experimentSchemas.ExperimentList,
  ExperimentDeleted: experimentSchemas.ExperimentDeleted, ExperimentReport: experimentSchemas.ExperimentReport,
  ShopperProfile: segmentSchemas.Profile, ShopperProfileAnswer: segmentSchemas.ProfileAnswer, Segments: segmentSchemas.SegmentsAnswer, Kpis: KpiReport, Attribution: AttributionAnswer,
};

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and lists every route of the app, with its errors", () => {
    expect(doc.openapi).toBe("3.1.0");
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const served = app.routes
      .filter((r) => r.method !== "ALL" && r.path !== "/openapi.json" && !r.path.startsWith("/docs") && !r.path.startsWith("/dashboard"))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(served.length).toBeGreaterThanOrEqual(15);
    for (const route of served) expect(documented, route).toContain(route);
    // A guarded route documents the key errors; a route with a body, the body errors.
    const op = (path: string, method: string) => doc.paths[path][method].responses;
    expect(Object.keys(op("/recommend", "get"))).toEqual(expect.arrayContaining(["200", "400", "401", "403", "429", "503"]));
    expect(Object.keys(op("/events", "post"))).toEqual(expect.arrayContaining(["201", "400", "401", "403", "413", "415", "422", "429", "503"]));
  });

  it("has an example for every schema, and each validates against the schema it documents", () => {
    const names = Object.keys(doc.components.schemas);
    for (const name of names) {
      const example = doc.components.schemas[name].example;
      expect(example, `${name} has no example`).toBeDefined();
      expect(BY_NAME[name], `no zod schema mapped for ${name}: add it to BY_NAME`).toBeDefined();
      const parsed = BY_NAME[name].safeParse(example);
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it("describes what the app answers: a real answer validates against its documented schema", async () => {
    const rec = await (await app.request("/recommend?user=u1&n=3")).json();
    expect(schemas.Recommendation.safeParse(rec).success).toBe(true);
    const item = await (await app.request("/items/a1")).json();
    expect(schemas.ItemRecord.safeParse(item).success).toBe(true);
    for (const [path, schema] of [["/stats", schemas.Stats], ["/stats/catalogue", schemas.CatalogueHealth], ["/items?limit=2", schemas.ItemPage], ["/users/u1/events", schemas.ShopperEvents]] as const) {
      const parsed = schema.safeParse(await (await app.request(path)).json());
      expect(parsed.success, `${path}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    const err = await (await app.request("/recommend?n=0")).json();
    expect(schemas.ErrorBody.safeParse(err).success).toBe(true);
  });

  it("is browsable at /docs with no internet: the page and its assets are served by tuijian", async () => {
    const page = await (await app.request("/docs")).text();
    expect(page).toMatch(/<script src="\/docs\/swagger-ui-bundle\.js">/);
    expect(page).not.toMatch(/https?:\/\//);
    const bundle = await app.request("/docs/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await app.request("/docs/nope.js")).status).toBe(404);
  });
});

describe("the typed client", () => {
  it("is generated from the current document: run `npm run client:generate` when this fails", async () => {
    const document = apiDocument(loadConfig({}, {}));
    const committed = JSON.parse(readFileSync(join(projectRoot(), "client", "openapi.json"), "utf8"));
    expect(JSON.parse(JSON.stringify(document))).toEqual(committed);
    expect(await clientTypes(document)).toBe(readFileSync(join(projectRoot(), "client", "schema.ts"), "utf8"));
  });

  it("talks to a real server: lists, events, keys and typed errors", async () => {
    const config = testConfig({ port: "0", host: "127.0.0.1" });
    await (await smallShop(config)).close();
    const server = await startServer(config, false);
    try {
      const admin = await server.runtime.keys.create({ name: "ops", scope: "admin" }, "test");
      const tuijian = createClient({ baseUrl: `http://127.0.0.1:${server.port}`, apiKey: admin.secret });
      const { data: list } = await tuijian.GET("/recommend", { params: { query: { user: "u1", n: 3 } } });
      expect(list?.items[0]).toMatchObject({ id: "a2", reason: { type: "item_to_item" } });
      const { data: accepted, response } = await tuijian.POST("/events", { body: [{ user_id: "newbie", item_id: "b1", type: "view" }] });
      expect(response.status).toBe(201);
      expect(accepted).toEqual({ accepted: 1, duplicates: 0 });
      const { error } = await tuijian.GET("/items/{id}", { params: { path: { id: "nope" } } });
      expect(error?.error.code).toBe("unknown_item");
      const anonymous = createClient({ baseUrl: `http://127.0.0.1:${server.port}` });
      expect((await anonymous.GET("/keys")).response.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
