import { Hono } from "hono";
import { z } from "zod";
import { parseDuration, SCOPES } from "../../access/keys.js";
import { validBatch, validQuery } from "../validate.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";

const newKey = z.object({
  name: z.string(),
  scope: z.enum(SCOPES, { error: () => `must be one of ${SCOPES.join(", ")}` }),
  expires_in: z.string().optional(),
  rate_per_second: z.number().positive().optional(),
});

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().positive().optional(),
  action: z.string().max(100).optional(),
});

/** A key as listed: never its secret or hash. */
const shown = (k: { name: string; scope: string; ratePerSecond: number | null; createdAt: number; expiresAt: number | null; revokedAt: number | null; lastUsedAt: number | null }) => ({
  name: k.name,
  scope: k.scope,
  rate_per_second: k.ratePerSecond,
  created_at: new Date(k.createdAt).toISOString(),
  expires_at: k.expiresAt === null ? null : new Date(k.expiresAt).toISOString(),
  revoked_at: k.revokedAt === null ? null : new Date(k.revokedAt).toISOString(),
  last_used_at: k.lastUsedAt === null ? null : new Date(k.lastUsedAt).toISOString(),
});

export function accessRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get("/keys", s.guard("admin"), async (c) => c.json({ keys: (await s.keys.list()).map(shown) }))
    .post("/keys", s.guard("admin"), async (c) => {
      const [k] = await validBatch(c, newKey, 1);
      const { secret, key } = await s.keys.create(
        { name: k.name, scope: k.scope, expiresInMs: k.expires_in === undefined ? undefined : parseDuration(k.expires_in), ratePerSecond: k.rate_per_second },
        c.get("actor"),
      );
      return c.json({ ...shown(key), secret }, 201);
    })
    .delete("/keys/:name", s.guard("admin"), async (c) => c.json(shown(await s.keys.revoke(c.req.param("name"), c.get("actor")))))
    .get("/audit", s.guard("admin"), async (c) => c.json({ entries: await s.store.audit.list(validQuery(c, auditQuery)) }));
}
