import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { stream } from "hono/streaming";
import { externalId } from "../../inputs.js";
import { exportUser, eraseUser } from "../../access/privacy.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { Erased, UserExport } from "../openapi/schemas.js";
import { GUARDED, responses } from "../openapi/responses.js";
import { validationHook } from "../validate.js";

/** An optional reference the audit log keeps with a privacy request (a ticket number, not personal data). */
const request = z.object({
  reference: z.string().trim().min(1).max(200).optional().openapi({ description: "kept in the audit log with the request, e.g. a ticket number", example: "DSR-1042" }),
});
const shopper = z.object({ id: externalId.openapi({ param: { name: "id", in: "path" }, example: "17850" }) });

export function privacyRoutes(s: Services): OpenAPIHono<AppEnv> {
  const exportRoute = createRoute({
    method: "get", path: "/users/{id}/export", tags: ["privacy"], summary: "Everything stored about a shopper (GDPR Art. 15, 20; PIPL Art. 45)",
    description: "Attributes, every event with its context, and what is derived from them, as one JSON document streamed page by page. Audited.",
    middleware: [s.guard("admin")] as const, request: { params: shopper, query: request },
    responses: responses(200, UserExport, "the shopper's data", [400, ...GUARDED, 404, 503]),
  });
  const eraseRoute = createRoute({
    method: "delete", path: "/users/{id}", tags: ["privacy"], summary: "Erase a shopper (GDPR Art. 17; PIPL Art. 47)",
    description: "Attributes and events in one transaction: every serving process treats the id as unknown at once, later models and batch outputs leave them out. Audited with counts only.",
    middleware: [s.guard("admin")] as const, request: { params: shopper, query: request },
    responses: responses(200, Erased, "erased", [400, ...GUARDED, 404, 503]),
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(exportRoute, async (c) => {
      const by = { actor: c.get("actor"), reference: c.req.valid("query").reference };
      const pieces = exportUser(s.store, c.req.valid("param").id, by);
      // The first piece is read before answering, so an unknown shopper is a 404, not a broken stream.
      const first = await pieces.next();
      c.header("Content-Type", "application/json; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="user-export.json"`);
      return stream(c, async (out) => {
        if (!first.done) await out.write(first.value);
        for await (const piece of pieces) await out.write(piece);
      }) as never;
    })
    .openapi(eraseRoute, async (c) => {
      const by = { actor: c.get("actor"), reference: c.req.valid("query").reference };
      return c.json(await eraseUser(s.store, c.req.valid("param").id, by), 200);
    });
}
