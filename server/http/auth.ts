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

/** A request's key headers (lower-case names, as node gives them). */
export interface KeyHeaders {
  authorization?: string;
  "x-api-key"?: string;
}

/**
 * The actor a request acts as, if its key may use `scope` and is within its rate;
 * otherwise a 401, 403 or 429. `what` names the request in a 403 ("GET /recommend").
 */
export type Authorize = (headers: KeyHeaders, scope: Scope, what: () => string) => Promise<string>;

/** The guard of Hono's routes and the authorization behind it, sharing one rate limiter (the /recommend lane uses it too). */
export interface Access {
  guard: Guard;
  authorize: Authorize;
}

export function createAccess(a: AccessSettings): Access {
  const limiter = new RateLimiter(a.burstSeconds, a.processes);
  const authorize: Authorize = async (headers, scope, what) => {
    const secret = bearer(headers.authorization) ?? headers["x-api-key"]?.trim();
    if (!secret) {
      const anyKey = await a.keys.any();
      if (!anyKey && a.openWithoutKeys) return LOCAL_ACTOR;
      throw new AppError(401, "unauthorized", anyKey
        ? "send an API key: Authorization: Bearer <key> or X-API-Key: <key>"
        : "no API key exists: create one with `tuijian keys create --scope admin --name NAME`");
    }
    const key = await a.keys.authenticate(secret);
    if (!key) throw new AppError(401, "unauthorized", "the API key is unknown, revoked or expired");
    if (!allows(key.scope, scope)) throw new AppError(403, "forbidden", `this key's scope is ${key.scope}; ${what()} needs ${scope}`);
    const wait = limiter.take(key.keyId, key.ratePerSecond ?? a.rateLimits[key.scope]);
    if (wait > 0) throw new AppError(429, "rate_limited", `key "${key.name}" is over its rate limit: retry later`, undefined, wait);
    return key.name;
  };
  const guard: Guard = (scope) => async (c, next) => {
    const headers = { authorization: requestHeader(c, "authorization"), "x-api-key": requestHeader(c, "x-api-key") };
    c.set("actor", await authorize(headers, scope, () => `${c.req.method} ${c.req.path}`));
    return next();
  };
  return { guard, authorize };
}

function bearer(header: string | undefined): string | undefined {
  const m = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}
