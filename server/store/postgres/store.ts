// The PostgreSQL store: several serving hosts share one database. A pool of connections;
// every repository method is one statement on it unless inside transaction().
import pg from "pg";
import { Db, inTransaction, TYPES } from "./db.js";
import { translateError } from "./errors.js";
import { badRequest } from "../../errors.js";
import { migrate } from "./migrate.js";
import { PgItemRepository } from "./items.js";
import { PgUserRepository } from "./users.js";
import { PgEventRepository } from "./events.js";
import { PgEmbeddingRepository } from "./embeddings.js";
import { PgKeyRepository } from "./keys.js";
import { PgAuditRepository } from "./audit.js";
import { PgRuleRepository } from "./rules.js";
import { PgServedRepository } from "./served.js";
import { PgExperimentRepository } from "./experiments.js";
import { PgImportSession } from "./import-session.js";
import { PgTableCopy } from "./table-copy.js";
import { PgLeases } from "./leases.js";
import type { ChangeCounters, ImportSession, ImportTuning, Repositories, Store } from "../types.js";

export interface PostgresOptions {
  /** How long a write waits for another transaction's lock before failing with store_busy. */
  busyTimeoutMs?: number;
  /** Connections of this process (default 10). */
  maxConnections?: number;
}

/**
 * A request fails with store_unavailable after this long without a connection (a new one,
 * or one of the pool's while all are busy), rather than hang; `?connect_timeout=SECONDS`
 * in the URL (libpq's name) sets another.
 */
const CONNECT_TIMEOUT_MS = 5_000;

function repositories(db: Db): Repositories {
  return {
    items: new PgItemRepository(db),
    users: new PgUserRepository(db),
    events: new PgEventRepository(db),
    embeddings: new PgEmbeddingRepository(db),
    keys: new PgKeyRepository(db),
    audit: new PgAuditRepository(db),
    rules: new PgRuleRepository(db),
    served: new PgServedRepository(db),
    experiments: new PgExperimentRepository(db),
  };
}

export class PostgresStore implements Store {
  readonly kind = "postgres";
  readonly items;
  readonly users;
  readonly events;
  readonly embeddings;
  readonly keys;
  readonly audit;
  readonly rules;
  readonly served;
  readonly experiments;
  readonly tables: PgTableCopy;
  readonly leases: PgLeases;
  private readonly db: Db;

  private constructor(private readonly pool: pg.Pool, private readonly config: pg.ClientConfig, readonly id: string) {
    this.db = new Db(pool);
    this.tables = new PgTableCopy(this.db);
    this.leases = new PgLeases(this.db);
    ({ items: this.items, users: this.users, events: this.events, embeddings: this.embeddings, keys: this.keys, audit: this.audit, rules: this.rules, served: this.served, experiments: this.experiments } =
      repositories(this.db));
  }

  /**
   * Connects and brings the schema up to date (migrate.ts). `?schema=NAME` in the URL keeps
   * the store in that schema of the database (created if missing): several shops, or
   * test runs, can share one database.
   */
  static async open(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
    const { connectionString, schema, connectTimeoutMs } = urlOptions(url);
    const config: pg.ClientConfig = {
      connectionString,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
      types: TYPES,
      connectionTimeoutMillis: connectTimeoutMs,
      lock_timeout: opts.busyTimeoutMs ?? 10_000,
      keepAlive: true,
      application_name: "tuijian",
    };
    const pool = new pg.Pool({ ...config, max: opts.maxConnections ?? 10 });
    // An idle connection the server dropped: the pool discards it and opens another on
    // demand. Without a listener the error would end the process.
    pool.on("error", () => undefined);
    try {
      if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      const id = await inTransaction(pool, migrate);
      return new PostgresStore(pool, config, id);
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw translateError(err);
    }
  }

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, (db) => fn(repositories(db)));
  }

  async counters(): Promise<ChangeCounters> {
    const rows = await this.db.arrays<[keyof ChangeCounters, number]>("SELECT name, version FROM change_counters");
    const counters: ChangeCounters = { catalogue: 0, keys: 0, users: 0, rules: 0, experiments: 0 };
    for (const [name, version] of rows) counters[name] = version;
    return counters;
  }

  /** Staging runs on a connection of its own, outside the pool: see import-session.ts. */
  beginImport(tuning?: ImportTuning): Promise<ImportSession> {
    return PgImportSession.begin(this.config, tuning);
  }

  /** A publish is one transaction here: nothing is ever left half-published. */
  async resumeImports(): Promise<number> {
    return 0;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.db.value<boolean>("SELECT NOT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM items)"))!;
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/** The URL without the options tuijian reads itself: `schema` (checked: it is spliced into SQL) and `connect_timeout` (seconds). */
export function urlOptions(url: string): { connectionString: string; schema?: string; connectTimeoutMs: number } {
  if (!/[?&](schema|connect_timeout)=/.test(url)) return { connectionString: url, connectTimeoutMs: CONNECT_TIMEOUT_MS };
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw badRequest("the store URL's schema must be a lower-case SQL name (letters, digits, _)");
  const timeout = parsed.searchParams.get("connect_timeout");
  if (timeout !== null && !/^[1-9][0-9]{0,3}$/.test(timeout)) throw badRequest("the store URL's connect_timeout must be a whole number of seconds from 1 to 9999");
  parsed.searchParams.delete("schema");
  parsed.searchParams.delete("connect_timeout");
  return { connectionString: parsed.toString(), schema, connectTimeoutMs: timeout === null ? CONNECT_TIMEOUT_MS : Number(timeout) * 1000 };
}
