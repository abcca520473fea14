// Where a serving process's recorder sends its batches of served lists: for SQLite, a
// thread of its own (served-writer.ts), so that writing never blocks requests; for
// PostgreSQL, the store itself (its driver never blocks the event loop).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ServedList, Store } from "../store/types.js";

export interface ServedSink {
  append(lists: readonly ServedList[]): Promise<void>;
  close(): Promise<void>;
}

const direct = (store: Store): ServedSink => ({ append: (lists) => store.served.append(lists), close: async () => {} });

/** The sink for `store` (opened from `url`). Run from the TypeScript sources (tests), where no compiled thread script exists, SQLite writes in process. */
export function servedSink(store: Store, url: string): ServedSink {
  const script = new URL("./served-writer.js", import.meta.url);
  if (store.kind !== "sqlite" || !existsSync(fileURLToPath(script))) return direct(store);
  const worker = new Worker(script, { workerData: { url } });
  worker.unref();
  const waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  let next = 0;
  worker.on("message", (m: { id: number; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error === undefined) w?.resolve();
    else w?.reject(new Error(m.error));
  });
  // A thread that died (it should not) leaves the writes to this process, as without one.
  let dead = false;
  const fail = (err: Error) => {
    dead = true;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the served-list writer thread exited (${code})`)));
  const ask = (message: object) =>
    new Promise<void>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  return {
    append: (lists) => (dead ? store.served.append(lists) : ask({ lists })),
    close: async () => {
      if (dead) return;
      await ask({ close: true });
      await worker.terminate();
    },
  };
}
