// Access control at the edge: every route but the health checks names the scope it needs
// (`guard(scope)`); the key comes as `Authorization: Bearer <key>` or `X-API-Key: <key>`.
// While no key exists the service is open — and then it only listens on loopback (see
// serve.ts); a service on another address with all keys revoked refuses everything.
import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.js";
import { allows, type KeyRing, type Scope } from "../access/keys.js";
import { RateLimiter } from "./rate-limit.js";
import { requestHeader } from "./incoming.js";

export type AppEnv = { Variables: { actor: string; requestId: string } };

export interface AccessSettings {
  keys: KeyRing;
  /** Whether a service with no keys at all is open (true only when bound to loopback). */
  openWithoutKeys: boolean;
  rateLimits: Record<Scope, number>;
  burstSeconds: number;
  /** Serving processes sharing the port: each enforces its share of a key's rate. */
  processes: number;
}

/** The actor audit entries name when no key exists yet. */
export const LOCAL_ACTOR = "local";

export type Guard = (scope: Scope) => MiddlewareHandler<AppEnv>;

export function createGuard(a: AccessSettings): Guard {
  const limiter = new RateLimiter(a.burstSeconds, a.processes);
  return (scope) => async (c, next) => {
    const secret = bearer(requestHeader(c, "authorization")) ?? requestHeader(c, "x-api-key")?.trim();
    if (!secret) {
      const anyKey = await a.keys.any();
      if (!anyKey && a.openWithoutKeys) {
        c.set("actor", LOCAL_ACTOR);
        return next();
      }
      throw new AppError(401, "unauthorized", anyKey
        ? "send an API key: Authorization: Bearer <key> or X-API-Key: <key>"
        : "no API key exists: create one with `tuijian keys create --scope admin --name NAME`");
    }
    const key = await a.keys.authenticate(secret);
    if (!key) throw new AppError(401, "unauthorized", "the API key is unknown, revoked or expired");
    if (!allows(key.scope, scope)) throw new AppError(403, "forbidden", `this key's scope is ${key.scope}; ${c.req.method} ${c.req.path} needs ${scope}`);
    const wait = limiter.take(key.keyId, key.ratePerSecond ?? a.rateLimits[key.scope]);
    if (wait > 0) throw new AppError(429, "rate_limited", `key "${key.name}" is over its rate limit: retry later`, undefined, wait);
    c.set("actor", key.name);
    return next();
  };
}

function bearer(header: string | undefined): string | undefined {
  const m = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}
