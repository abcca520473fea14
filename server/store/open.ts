// Opens the store a URL names (as Gorse's storage/data Open()): the scheme picks the backend.
import { resolve } from "node:path";
import type { Store } from "./types.js";
import { SqliteStore } from "./sqlite/store.js";
import { PostgresStore } from "./postgres/store.js";
import { badRequest } from "../errors.js";

export interface OpenOptions {
  /** How long a write waits for another writer's lock before failing with store_busy. */
  busyTimeoutMs?: number;
}

/** `sqlite:<path>` (the default, one file) or `postgres://…` / `postgresql://…` (several hosts). */
export async function openStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  // Only the scheme is ever echoed: the rest of a URL may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case "postgres":
    case "postgresql":
      return PostgresStore.open(url, opts);
    case "sqlite":
      return SqliteStore.open(resolve(url.slice("sqlite:".length)), opts);
    default:
      throw badRequest(`unknown store URL scheme ${scheme ? `"${scheme}:"` : "(none)"}: use sqlite:<path> or postgres://user@host:port/db`);
  }
}
