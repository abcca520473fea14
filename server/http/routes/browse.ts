// Paging through the catalogue and a shopper's events (the dashboard's catalogue and
// shopper pages): keyset pages, each answer naming where the next one starts.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { EVENT_TYPES } from "../../../models/event-types.js";
import { externalId } from "../../inputs.js";
import { notFound } from "../../errors.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { ItemPage, ShopperEvents } from "../openapi/schemas.js";
import { GUARDED, responses } from "../openapi/responses.js";
import { validationHook } from "../validate.js";

const limit = z.coerce.number().int().min(1).max(500).default(50).openapi({ example: 50 });
const itemQuery = z.object({
  limit,
  after: z.string().max(256).optional().openapi({ description: "items after this id (the previous page's `next`)", example: "22423" }),
  category: z.string().max(200).optional().openapi({ example: "kitchen" }),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: "text the id or title contains (any case)", example: "teapot" }),
  deleted: z.enum(["true", "false"]).default("false").transform((v) => v === "true").openapi({ description: "deleted items only", example: "false" }),
});
const eventQuery = z.object({
  limit,
  before: z.string().regex(/^\d+\.\d+$/, "must be a `next` value of the previous page").optional().openapi({ description: "the previous page's `next`", example: "1323435000000.541909" }),
});

export function browseRoutes(s: Services): OpenAPIHono<AppEnv> {
  const items = createRoute({
    method: "get", path: "/items", tags: ["catalogue"], summary: "Browse and search the catalogue, a page at a time (admin)",
    middleware: [s.guard("admin")] as const, request: { query: itemQuery },
    responses: responses(200, ItemPage, "a page of items in id order", [400, ...GUARDED, 503]),
  });
  const events = createRoute({
    method: "get", path: "/users/{id}/events", tags: ["shoppers"], summary: "A shopper's events, newest first, a page at a time (personal data: admin)",
    middleware: [s.guard("admin")] as const,
    request: { params: z.object({ id: externalId.openapi({ param: { name: "id", in: "path" }, example: "17850" }) }), query: eventQuery },
    responses: responses(200, ShopperEvents, "a page of events", [400, ...GUARDED, 404, 503]),
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(items, async (c) => {
      const q = c.req.valid("query");
      const page = await s.store.items.page(q);
      return c.json({ items: page, next: page.length === q.limit ? page.at(-1)!.id : null }, 200);
    })
    .openapi(events, async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const userId = await s.store.users.idOf(id);
      if (userId === undefined) throw notFound("unknown_user", `no user with id "${id}"`);
      const [ts, eventId] = q.before?.split(".").map(Number) ?? [];
      const page = await s.store.events.recentPage(userId, q.limit, q.before === undefined ? undefined : { ts, id: eventId });
      const last = page.at(-1);
      return c.json({
        events: page.map((e) => ({
          event_id: e.event_id, item_id: e.item_id, type: EVENT_TYPES[e.type - 1] ?? `type ${e.type}`, value: e.value,
          timestamp: new Date(e.ts).toISOString(), context: e.context === null ? null : (JSON.parse(e.context) as Record<string, unknown>),
        })),
        next: last && page.length === q.limit ? `${last.ts}.${last.id}` : null,
      }, 200);
    });
}
