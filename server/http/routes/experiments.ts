import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import {
  ExperimentCreate, ExperimentDeleted, ExperimentList, ExperimentReport, ExperimentShown, ExperimentTransition, ExperimentUpdate,
} from "../openapi/experiment-schemas.js";
import { GUARDED, WRITES, responses } from "../openapi/responses.js";
import { checkedId as checkedIdOf, jsonBody, validationHook } from "../validate.js";
import { AppError, badRequest } from "../../errors.js";
import { ExperimentId } from "../../analytics/experiments/definition.js";

const idParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "home-diversity" }) });
const checkedId = checkedIdOf(ExperimentId, "experiment");

export function experimentRoutes(s: Services): OpenAPIHono<AppEnv> {
  const admin = s.guard("admin");
  const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
  const tags = ["experiments"];
  const list = createRoute({
    method: "get", path: "/experiments", tags, summary: "Every experiment: drafts, running and stopped",
    middleware: [admin] as const, responses: responses(200, ExperimentList, "the experiments", [...GUARDED, 503]),
  });
  const get = createRoute({
    method: "get", path: "/experiments/{id}", tags, summary: "An experiment",
    middleware: [admin] as const, request: { params: idParam }, responses: responses(200, ExperimentShown, "the experiment", [400, ...GUARDED, 404, 503]),
  });
  const create = createRoute({
    method: "post", path: "/experiments", tags, summary: "Create an experiment (a draft: start it to assign shoppers)",
    middleware: [admin, jsonBody(1)] as const, request: body(ExperimentCreate), responses: responses(201, ExperimentShown, "created", [...WRITES, ...GUARDED, 409]),
  });
  const update = createRoute({
    method: "put", path: "/experiments/{id}", tags, summary: "Replace a draft's design",
    middleware: [admin, jsonBody(1)] as const, request: { params: idParam, ...body(ExperimentUpdate) }, responses: responses(200, ExperimentShown, "its new version", [...WRITES, ...GUARDED, 404, 409]),
  });
  // The body is optional (none, or { "version": N }), so it is read by versionOf, not declared: a declared JSON body must not be empty.
  const transition = (verb: "start" | "stop", summary: string) => createRoute({
    method: "post", path: `/experiments/{id}/${verb}`, tags, summary, description: 'An optional JSON body { "version": N } refuses the change with 409 if the experiment is no longer at version N.',
    middleware: [admin] as const, request: { params: idParam }, responses: responses(200, ExperimentShown, "its new state", [...WRITES, ...GUARDED, 404, 409]),
  });
  const start = transition("start", "Start (or restart) an experiment: every serving process assigns its shoppers within a second");
  const stop = transition("stop", "Stop an experiment: its lists are served as before; its report stays");
  const remove = createRoute({
    method: "delete", path: "/experiments/{id}", tags, summary: "Delete an experiment that is not running",
    middleware: [admin] as const, request: { params: idParam }, responses: responses(200, ExperimentDeleted, "deleted", [400, ...GUARDED, 404, 409, 503]),
  });
  const report = createRoute({
    method: "get", path: "/experiments/{id}/report", tags, summary: "Per variant: lists, CTR, add-to-cart, conversion, revenue per mille, order value, with 95% intervals and tests against the control",
    middleware: [admin] as const, request: { params: idParam }, responses: responses(200, ExperimentReport, "the report", [400, ...GUARDED, 404, 503]),
  });
  // The body is optional: none, or { version } to refuse a change made meanwhile.
  const versionOf = async (c: { req: { text(): Promise<string> } }) => {
    const text = (await c.req.text()).trim();
    if (text === "") return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new AppError(400, "malformed_json", `the body is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = ExperimentTransition.safeParse(body);
    if (!parsed.success) throw badRequest(`version: ${parsed.error.issues[0].message}`);
    return parsed.data.version;
  };

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => c.json({ experiments: await s.experiments.list() }, 200))
    .openapi(get, async (c) => c.json(await s.experiments.get(checkedId(c.req.valid("param").id)), 200))
    .openapi(create, async (c) => {
      const b = c.req.valid("json");
      return c.json(await s.experiments.create(checkedId(b.id), b.experiment, c.get("actor")), 201);
    })
    .openapi(update, async (c) => {
      const b = c.req.valid("json");
      return c.json(await s.experiments.update(checkedId(c.req.valid("param").id), b.experiment, c.get("actor"), b.version), 200);
    })
    .openapi(start, async (c) => c.json(await s.experiments.start(checkedId(c.req.valid("param").id), c.get("actor"), await versionOf(c)), 200))
    .openapi(stop, async (c) => c.json(await s.experiments.stop(checkedId(c.req.valid("param").id), c.get("actor"), await versionOf(c)), 200))
    .openapi(remove, async (c) => {
      const id = checkedId(c.req.valid("param").id);
      await s.experiments.delete(id, c.get("actor"));
      return c.json({ id }, 200);
    })
    .openapi(report, async (c) => c.json(await s.experiments.report(checkedId(c.req.valid("param").id), s.config.attributionWindowHours * 3_600_000), 200));
}
