import { randomBytes } from "node:crypto";
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { RuleCreate, RuleDeleted, RuleList, RuleShown, RuleUpdate, RuleWithHistory } from "../openapi/rule-schemas.js";
import { GUARDED, WRITES, responses } from "../openapi/responses.js";
import { checkedId as checkedIdOf, jsonBody, validationHook } from "../validate.js";
import { RuleId } from "../../serving/rules/definition.js";

const idParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "garden-week" }) });
const checkedId = checkedIdOf(RuleId, "rule");

export function ruleRoutes(s: Services): OpenAPIHono<AppEnv> {
  const admin = s.guard("admin");
  const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
  const list = createRoute({
    method: "get", path: "/rules", tags: ["merchandising"], summary: "The rules in force (each at its newest version)",
    middleware: [admin] as const, responses: responses(200, RuleList, "the rules", [...GUARDED, 503]),
  });
  const get = createRoute({
    method: "get", path: "/rules/{id}", tags: ["merchandising"], summary: "A rule and its version history",
    middleware: [admin] as const, request: { params: idParam }, responses: responses(200, RuleWithHistory, "the rule", [400, ...GUARDED, 404, 503]),
  });
  const create = createRoute({
    method: "post", path: "/rules", tags: ["merchandising"], summary: "Create a rule: every serving process applies it within a second",
    middleware: [admin, jsonBody(1)] as const, request: body(RuleCreate), responses: responses(201, RuleShown, "created", [...WRITES, ...GUARDED, 409]),
  });
  const update = createRoute({
    method: "put", path: "/rules/{id}", tags: ["merchandising"], summary: "Replace a rule with a new version",
    middleware: [admin, jsonBody(1)] as const, request: { params: idParam, ...body(RuleUpdate) }, responses: responses(200, RuleShown, "its new version", [...WRITES, ...GUARDED, 404, 409]),
  });
  const remove = createRoute({
    method: "delete", path: "/rules/{id}", tags: ["merchandising"], summary: "Delete a rule (its history is kept)",
    middleware: [admin] as const, request: { params: idParam }, responses: responses(200, RuleDeleted, "deleted", [400, ...GUARDED, 404, 503]),
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => c.json({ rules: await s.rules.list() }, 200))
    .openapi(get, async (c) => c.json(await s.rules.get(checkedId(c.req.valid("param").id)), 200))
    .openapi(create, async (c) => {
      const b = c.req.valid("json");
      const id = checkedId(b.id ?? `rule-${randomBytes(4).toString("hex")}`);
      return c.json(await s.rules.put(id, b.rule, c.get("actor"), "create"), 201);
    })
    .openapi(update, async (c) => {
      const b = c.req.valid("json");
      return c.json(await s.rules.put(checkedId(c.req.valid("param").id), b.rule, c.get("actor"), "update", b.version), 200);
    })
    .openapi(remove, async (c) => c.json(await s.rules.delete(checkedId(c.req.valid("param").id), c.get("actor")), 200));
}
