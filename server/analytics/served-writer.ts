// The thread that writes served lists to a SQLite store for a serving process: its own
// connection, so that the inserts, a wait for another process's write lock and a WAL
// checkpoint never hold up the process's event loop (better-sqlite3 is synchronous).
import { parentPort, workerData } from "node:worker_threads";
import { openStore } from "../store/open.js";
import type { ServedList } from "../store/types.js";

/** How long a batch waits here for another process's write lock: no request waits on it. */
const BUSY_TIMEOUT_MS = 5_000;

const store = await openStore(workerData.url as string, { busyTimeoutMs: BUSY_TIMEOUT_MS });
parentPort!.on("message", async (m: { id: number; lists?: ServedList[]; close?: true }) => {
  if (m.close) {
    await store.close();
    parentPort!.postMessage({ id: m.id });
    return;
  }
  try {
    await store.served.append(m.lists!);
    parentPort!.postMessage({ id: m.id });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
