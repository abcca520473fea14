// SQLite's one connection per process is shared by every request. A transaction spans
// awaits (its repositories are asynchronous), and between them other requests run: a write
// of theirs on the same connection would silently join the open transaction, and vanish if
// it rolls back. The gate serialises them: a transaction holds it from BEGIN to COMMIT, and
// a write outside one waits for it. Writes that meet another process's lock past the busy
// timeout become store_busy (503).
import { storeBusy } from "../../errors.js";
import { isBusy } from "./database.js";

export interface Gate {
  /** Runs one write (a statement or a synchronous transaction). */
  write<T>(fn: () => T): Promise<T>;
}

export class WriteLock {
  private tail: Promise<void> = Promise.resolve();
  private held = false;

  /** The gate of writes made outside a transaction. */
  readonly outside: Gate = {
    write: async <T>(fn: () => T): Promise<T> => {
      while (this.held) await this.tail;
      return busyAsError(fn);
    },
  };

  /** The gate of writes inside the transaction that holds the lock: they run at once. */
  readonly inside: Gate = { write: async <T>(fn: () => T): Promise<T> => busyAsError(fn) };

  /** Runs fn holding the lock; others wait for it in turn. */
  async hold<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((r) => (release = r));
    await previous;
    this.held = true;
    try {
      return await fn();
    } finally {
      this.held = false;
      release();
    }
  }
}

export function busyAsError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw isBusy(err) ? storeBusy() : err;
  }
}
