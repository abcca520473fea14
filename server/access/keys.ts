// API keys: a secret is shown once at creation; the store keeps its SHA-256 (secrets are
// 192 random bits, so a fast hash is safe). Each process holds the live keys in memory and
// re-reads them when the store's key counter moves — checked at most every
// KEY_CHECK_MS, so a key revoked by any process stops working everywhere within a second.
import { createHash, randomBytes } from "node:crypto";
import { SCOPES, type KeyRecord, type Scope, type Store } from "../store/types.js";
import type { ChangeWatcher } from "../store/change-watcher.js";
import { AppError, badRequest } from "../errors.js";

export { SCOPES, type Scope };

/** last_used_at is written at most this often per key and process (it costs a write). */
const TOUCH_EVERY_MS = 60_000;
const SECRET_PREFIX = "tj_";

export interface Principal {
  keyId: number;
  name: string;
  scope: Scope;
  ratePerSecond: number | null;
}

/** True when a key of scope `has` may do what `needs` allows. */
export const allows = (has: Scope, needs: Scope) => SCOPES.indexOf(has) >= SCOPES.indexOf(needs);

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** "90d", "12h", "30m" → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(d|h|m)$/.exec(text.trim());
  if (!m) throw badRequest(`"${text}" is not a duration: use e.g. 90d, 12h or 30m`);
  return Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as "d" | "h" | "m"];
}

export interface NewKey {
  name: string;
  scope: Scope;
  expiresInMs?: number;
  ratePerSecond?: number;
}

export class KeyRing {
  private byHash = new Map<string, KeyRecord>();
  private version = -1;
  private readonly touched = new Map<number, number>();

  constructor(private readonly store: Store, private readonly changes: ChangeWatcher) {}

  /** Creates a key and returns its secret: the only time it is ever shown. */
  async create(k: NewKey, actor: string): Promise<{ secret: string; key: KeyRecord }> {
    if (!/^[\w.@-]{1,100}$/.test(k.name)) throw badRequest("a key's name is 1 to 100 letters, digits, or . _ @ -");
    const secret = SECRET_PREFIX + randomBytes(24).toString("base64url");
    const now = Date.now();
    const key = await this.store.transaction(async (tx) => {
      if ((await tx.keys.live()).some((l) => l.name === k.name)) throw new AppError(409, "key_exists", `a key named "${k.name}" exists: revoke it first or choose another name`);
      const created = await tx.keys.insert(
        { name: k.name, scope: k.scope, hash: hashOf(secret), ratePerSecond: k.ratePerSecond ?? null, expiresAt: k.expiresInMs === undefined ? null : now + k.expiresInMs },
        now,
      );
      await tx.audit.append(actor, "key.create", k.name, { scope: k.scope, expires_at: created.expiresAt && new Date(created.expiresAt).toISOString() }, now);
      return created;
    });
    this.changes.invalidate();
    return { secret, key };
  }

  async revoke(name: string, actor: string): Promise<KeyRecord> {
    const key = await this.store.transaction(async (tx) => {
      const revoked = await tx.keys.revoke(name);
      if (revoked) await tx.audit.append(actor, "key.revoke", name, { scope: revoked.scope });
      return revoked;
    });
    if (!key) throw new AppError(404, "unknown_key", `no live key named "${name}"`);
    this.changes.invalidate();
    return key;
  }

  list(): Promise<KeyRecord[]> {
    return this.store.keys.list();
  }

  /** True while at least one key exists that is not revoked. */
  async any(): Promise<boolean> {
    await this.refresh();
    return this.byHash.size > 0;
  }

  /** The key a secret belongs to, if it is live and not expired. */
  async authenticate(secret: string, now = Date.now()): Promise<Principal | undefined> {
    await this.refresh();
    const key = this.byHash.get(hashOf(secret));
    if (!key || (key.expiresAt !== null && key.expiresAt <= now)) return undefined;
    this.touch(key.id, now);
    return { keyId: key.id, name: key.name, scope: key.scope, ratePerSecond: key.ratePerSecond };
  }

  private async refresh(): Promise<void> {
    const { keys: version } = await this.changes.current();
    if (version === this.version) return;
    this.byHash = new Map((await this.store.keys.live()).map((k) => [k.hash, k]));
    this.version = version;
  }

  /** Records when a key was last used: best effort, in the background, never failing a request. */
  private touch(id: number, now: number): void {
    if (now - (this.touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    // The store may be busy (an import): the next use records it.
    this.store.keys.touch(id, now).catch(() => {});
  }
}
