import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { eventInput, externalId, ItemInput, UserInput } from "../../inputs.js";
import type { AppEnv } from "../auth.js";
import type { Config } from "../../config.js";
import type { RouteServices as Services } from "../app.js";
import { Accepted, ItemRecord, Upserted, UserRecord } from "../openapi/schemas.js";
import { GUARDED, WRITES, noContent, responses } from "../openapi/responses.js";
import { batchOf, jsonBody, validationHook } from "../validate.js";

const idParam = (example: string) => z.object({ id: externalId.openapi({ param: { name: "id", in: "path" }, example }) });
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

/** The body of POST /events: one event or an array of them (the app's route and the events lane). */
export const eventBatch = (config: Pick<Config, "eventFutureToleranceHours">) =>
  batchOf(
    eventInput(config.eventFutureToleranceHours * 3_600_000).openapi("Event", {
      example: { event_id: "order-991-line-1", user_id: "17850", item_id: "22423", type: "purchase", value: 2, timestamp: "2024-05-01T10:00:00Z", context: { page: "product" } },
    }),
    "event",
  );

export function catalogueRoutes(s: Services): OpenAPIHono<AppEnv> {
  const json = jsonBody(s.config.maxBatch);
  const events = eventBatch(s.config);
  const items = batchOf(ItemInput.openapi("ItemInput", { example: { id: "sku-1", title: "Teapot", category: "kitchen", price: 24.5, stock: 12, tags: ["tea", "gift"], attributes: { colour: "blue" } } }), "item");
  const users = batchOf(UserInput.openapi("ShopperInput", { example: { id: "17850", attributes: { region: "UK", tier: "gold" } } }), "shopper");

  const postItems = createRoute({
    method: "post", path: "/items", tags: ["catalogue"], summary: "Insert or replace items (and revive deleted ones)",
    middleware: [s.guard("write"), json] as const, request: { body: body(items) },
    responses: responses(200, Upserted, "every item written", [...WRITES, ...GUARDED]),
  });
  const getItem = createRoute({
    method: "get", path: "/items/{id}", tags: ["catalogue"], summary: "An item",
    middleware: [s.guard("read")] as const, request: { params: idParam("sku-1") },
    responses: responses(200, ItemRecord, "the item", [400, ...GUARDED, 404, 503]),
  });
  const deleteItem = createRoute({
    method: "delete", path: "/items/{id}", tags: ["catalogue"], summary: "Delete an item: never recommended again, at once (audited)",
    middleware: [s.guard("admin")] as const, request: { params: idParam("sku-1") },
    responses: noContent("deleted", [400, ...GUARDED, 404, 503]),
  });
  const postUsers = createRoute({
    method: "post", path: "/users", tags: ["shoppers"], summary: "Insert or replace shoppers' attributes",
    middleware: [s.guard("write"), json] as const, request: { body: body(users) },
    responses: responses(200, Upserted, "every shopper written", [...WRITES, ...GUARDED]),
  });
  const getUser = createRoute({
    method: "get", path: "/users/{id}", tags: ["shoppers"], summary: "A shopper's attributes (personal data: admin)",
    middleware: [s.guard("admin")] as const, request: { params: idParam("17850") },
    responses: responses(200, UserRecord, "the shopper", [400, ...GUARDED, 404, 503]),
  });
  const postEvents = createRoute({
    method: "post", path: "/events", tags: ["events"], summary: "Record events: the shopper's next list changes at once",
    description: "A batch is written whole or not at all. An event whose event_id was stored before is not stored again.",
    middleware: [s.guard("write"), json] as const, request: { body: body(events) },
    responses: responses(201, Accepted, "written", [...WRITES, ...GUARDED, 422]),
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(postItems, async (c) => c.json(await s.catalogue.upsertItems(c.req.valid("json")), 200))
    .openapi(getItem, async (c) => c.json(await s.catalogue.getItem(c.req.valid("param").id), 200))
    .openapi(deleteItem, async (c) => {
      await s.catalogue.deleteItem(c.req.valid("param").id, c.get("actor"));
      return c.body(null, 204);
    })
    .openapi(postUsers, async (c) => c.json(await s.catalogue.upsertUsers(c.req.valid("json")), 200))
    .openapi(getUser, async (c) => c.json(await s.catalogue.getUser(c.req.valid("param").id), 200))
    .openapi(postEvents, async (c) => c.json(await s.catalogue.recordEvents(c.req.valid("json")), 201));
}
