// SQLite's one connection per process is shared by every request. A transaction spans
// awaits (its repositories are asynchronous), and between them other requests run: a write
// of theirs on the same connection would silently join the open transaction, and vanish if
// it rolls back. The gate serialises them: a transaction holds it from BEGIN to COMMIT, and
// a write outside one waits for it. A write's first try waits for another process's lock
// in SQLite's busy handler, up to the connection's busy timeout (storeBusyTimeoutMs), which
// sleeps 1, 2, 5 … ms with the event loop blocked; then the write is tried again at every
// turn of the event loop for SPIN_MS — another serving process holds the lock well under
// a millisecond (one group commit), and a try at the next turn finds it free — then a few
// times more (RETRY_MS), the event loop serving between tries. An import leaves the lock
// free between batches (import-session.ts); an import or a train that holds it longer
// makes the write store_busy (503).
import { storeBusy } from "../../errors.js";
import { isBusy, type Db } from "./database.js";

/** Tries at every turn of the event loop for this long after the first, then … */
const SPIN_MS = 50;
/** … waits before each further try (~0.3 s in all). */
const RETRY_MS = [5, 10, 20, 40, 80, 160];

export interface Gate {
  /** Runs one write (a statement or a synchronous transaction). */
  write<T>(fn: () => T): Promise<T>;
}

export class WriteLock {
  private tail: Promise<void> = Promise.resolve();
  private held = false;

  /** The connection's busy timeout, which a first try waits (blocking) for another process's lock. */
  private readonly timeout: number;

  constructor(private readonly db: Db) {
    this.timeout = db.pragma("busy_timeout", { simple: true }) as number;
  }

  /** The gate of writes made outside a transaction: each waits for the transaction in turn before every try. */
  readonly outside: Gate = { write: <T>(fn: () => T): Promise<T> => this.retrying(fn, true) };

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

  /** Begins the transaction that holds the lock (hold()), tried again as a write outside one is. */
  async begin(): Promise<void> {
    await this.retrying(() => this.db.exec("BEGIN IMMEDIATE"), false);
  }

  /**
   * Tries `fn` until it meets no other process's lock: at every turn of the event loop for
   * SPIN_MS, then waiting RETRY_MS between tries; then store_busy. `outside`: a write
   * outside the transaction, run only while none holds the gate (checked right before each
   * try, with no await between).
   */
  private async retrying<T>(fn: () => T, outside: boolean): Promise<T> {
    const spinUntil = performance.now() + SPIN_MS;
    for (let waits = 0, again = false; ; again = true) {
      while (outside && this.held) await this.tail;
      const done = this.attempt(fn, again);
      if (done) return done.value;
      if (performance.now() < spinUntil) await new Promise<void>((r) => setImmediate(r));
      else if (waits === RETRY_MS.length) throw storeBusy();
      else await new Promise((r) => setTimeout(r, RETRY_MS[waits++]));
    }
  }

  /** One try of a write: its value, or undefined when another process holds the lock; a retry does not wait for it. */
  private attempt<T>(fn: () => T, retry: boolean): { value: T } | undefined {
    if (retry) this.db.pragma("busy_timeout = 0");
    try {
      return { value: fn() };
    } catch (err) {
      if (isBusy(err)) return undefined;
      throw err;
    } finally {
      if (retry) this.db.pragma(`busy_timeout = ${this.timeout}`);
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
