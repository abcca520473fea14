// Opens the store a URL names: `sqlite:<path>` or `postgres://…` (Gorse's storage/Open).
import { resolve } from "node:path";
import type { Store } from "./types.js";
import { SqliteStore } from "./sqlite/store.js";
import { badRequest } from "../errors.js";

export interface OpenOptions {
  /** How long a write waits for another process's lock before failing with store_busy. */
  busyTimeoutMs?: number;
}

export async function openStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  if (url.startsWith("sqlite:")) return SqliteStore.open(resolve(url.slice("sqlite:".length)), opts);
  throw badRequest(`unsupported store URL "${redact(url)}": use sqlite:<path> or postgres://user@host:port/db`);
}

/** The URL without a password, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}
