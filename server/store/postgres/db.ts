// The one way the PostgreSQL repositories reach the server: on the pool (each statement
// its own transaction) or on the one client of a transaction, with errors translated.
import pg from "pg";
import { isConnectionLost, translateError } from "./errors.js";

const INT8 = 20;

/**
 * BIGINT columns (times in ms, event ids, counts) as JS numbers, not strings: every value
 * tuijian keeps there is far below 2^53.
 */
export const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 && format !== "binary" ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

export class Db {
  constructor(private readonly q: pg.Pool | pg.PoolClient) {}

  /** A name makes the statement prepared once per connection (hot paths). */
  async query<R extends pg.QueryResultRow>(text: string, values?: unknown[], name?: string): Promise<pg.QueryResult<R>> {
    try {
      return await this.q.query<R>({ text, values, name });
    } catch (err) {
      throw translateError(err);
    }
  }

  async rows<R extends pg.QueryResultRow>(text: string, values?: unknown[], name?: string): Promise<R[]> {
    return (await this.query<R>(text, values, name)).rows;
  }

  /** Rows as arrays of values, in column order. */
  async arrays<R extends unknown[]>(text: string, values?: unknown[]): Promise<R[]> {
    try {
      return (await this.q.query<R>({ text, values, rowMode: "array" })).rows;
    } catch (err) {
      throw translateError(err);
    }
  }

  /** The first column of the first row. */
  async value<T>(text: string, values?: unknown[]): Promise<T | undefined> {
    return (await this.arrays<[T]>(text, values))[0]?.[0];
  }

  /**
   * One connection for a series of statements (a cursor): this transaction's, or one
   * checked out of the pool until release (given the error that ended its use, if any).
   */
  async lease(): Promise<{ client: pg.PoolClient; release(failure?: unknown): void }> {
    if (!(this.q instanceof pg.Pool)) return { client: this.q, release: () => undefined };
    try {
      const client = await this.q.connect();
      return { client, release: (failure) => client.release(isConnectionLost(failure)) };
    } catch (err) {
      throw translateError(err);
    }
  }

  /** Runs fn in a transaction: this one, or a new one. */
  async atomically<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (!(this.q instanceof pg.Pool)) return fn(this);
    return inTransaction(this.q, fn);
  }
}

/** Checks a client out of the pool for fn; a client whose connection broke is discarded, not returned. */
async function withPoolClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw translateError(err);
  }
  let failure: unknown;
  try {
    return await fn(client);
  } catch (err) {
    failure = translateError(err);
    throw failure;
  } finally {
    client.release(isConnectionLost(failure));
  }
}

/** BEGIN … COMMIT on one client; ROLLBACK when fn throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (db: Db) => Promise<T>): Promise<T> {
  return withPoolClient(pool, async (client) => {
    const db = new Db(client);
    await db.query("BEGIN");
    try {
      const result = await fn(db);
      await db.query("COMMIT");
      return result;
    } catch (err) {
      // A broken connection has no transaction left to roll back (the server ended it).
      if (!isConnectionLost(translateError(err))) await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
  });
}
