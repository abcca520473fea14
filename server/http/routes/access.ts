import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { parseDuration } from "../../access/keys.js";
import type { KeyRecord } from "../../store/types.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { AuditEntries, KeyCreated, KeyList, KeyShown, NewApiKey } from "../openapi/schemas.js";
import { GUARDED, WRITES, responses } from "../openapi/responses.js";
import { jsonBody, validationHook } from "../validate.js";

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ example: 100 }),
  before: z.coerce.number().int().positive().optional().openapi({ description: "entries older than this id (the next page)", example: 120 }),
  action: z.string().max(100).optional().openapi({ description: "only this action, e.g. privacy.erase", example: "privacy.erase" }),
});

/** A key as listed: never its secret or hash. */
const shown = (k: KeyRecord): z.infer<typeof KeyShown> => ({
  name: k.name,
  scope: k.scope,
  rate_per_second: k.ratePerSecond,
  created_at: new Date(k.createdAt).toISOString(),
  expires_at: k.expiresAt === null ? null : new Date(k.expiresAt).toISOString(),
  revoked_at: k.revokedAt === null ? null : new Date(k.revokedAt).toISOString(),
  last_used_at: k.lastUsedAt === null ? null : new Date(k.lastUsedAt).toISOString(),
});

export function accessRoutes(s: Services): OpenAPIHono<AppEnv> {
  const admin = s.guard("admin");
  const listKeys = createRoute({
    method: "get", path: "/keys", tags: ["access"], summary: "Every API key (never a secret)",
    middleware: [admin] as const, responses: responses(200, KeyList, "the keys, revoked ones included", [...GUARDED, 503]),
  });
  const createKey = createRoute({
    method: "post", path: "/keys", tags: ["access"], summary: "Create an API key: its secret is in this answer only",
    middleware: [admin, jsonBody(1)] as const, request: { body: { required: true, content: { "application/json": { schema: NewApiKey } } } },
    responses: responses(201, KeyCreated, "created", [...WRITES, ...GUARDED, 409]),
  });
  const revokeKey = createRoute({
    method: "delete", path: "/keys/{name}", tags: ["access"], summary: "Revoke a key: refused by every process within a second",
    middleware: [admin] as const, request: { params: z.object({ name: z.string().openapi({ param: { name: "name", in: "path" }, example: "storefront" }) }) },
    responses: responses(200, KeyShown, "revoked", [...GUARDED, 404, 503]),
  });
  const audit = createRoute({
    method: "get", path: "/audit", tags: ["access"], summary: "The audit log, newest first: who did what, with counts, never personal data",
    middleware: [admin] as const, request: { query: auditQuery },
    responses: responses(200, AuditEntries, "entries", [400, ...GUARDED, 503]),
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listKeys, async (c) => c.json({ keys: (await s.keys.list()).map(shown) }, 200))
    .openapi(createKey, async (c) => {
      const k = c.req.valid("json");
      const { secret, key } = await s.keys.create(
        { name: k.name, scope: k.scope, expiresInMs: k.expires_in === undefined ? undefined : parseDuration(k.expires_in), ratePerSecond: k.rate_per_second },
        c.get("actor"),
      );
      return c.json({ ...shown(key), secret }, 201);
    })
    .openapi(revokeKey, async (c) => c.json(shown(await s.keys.revoke(c.req.valid("param").name, c.get("actor"))), 200))
    .openapi(audit, async (c) => c.json({ entries: await s.store.audit.list(c.req.valid("query")) }, 200));
}
