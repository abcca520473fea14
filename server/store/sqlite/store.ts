// The embedded backend: one SQLite file (better-sqlite3, WAL). Many processes read it at
// once; one writes at a time, and a serving process waits for that lock only
// busyTimeoutMs before answering store_busy.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { openDatabase, type Db } from "./database.js";
import { WriteLock, type Gate } from "./gate.js";
import { SqliteItems } from "./items.js";
import { SqliteUsers } from "./users.js";
import { SqliteEvents } from "./events.js";
import { SqliteEmbeddings } from "./embeddings.js";
import { SqliteKeys } from "./keys.js";
import { SqliteAudit } from "./audit.js";
import { SqliteRules } from "./rules.js";
import { SqliteServed } from "./served.js";
import { SqliteExperiments } from "./experiments.js";
import { PendingImports } from "./publish.js";
import { SqliteTableCopy } from "./table-copy.js";
import { SqliteLeases } from "./leases.js";
import { resumeImports, SqliteImportSession } from "./import-session.js";
import { SqliteEventFeed } from "./event-feed.js";
import type { ChangeCounters, ImportSession, ImportTuning, Repositories, Store } from "../types.js";

function repositories(db: Db, gate: Gate): Repositories {
  return {
    items: new SqliteItems(db, gate),
    users: new SqliteUsers(db, gate),
    events: new SqliteEvents(db, gate),
    embeddings: new SqliteEmbeddings(db, gate),
    keys: new SqliteKeys(db, gate),
    audit: new SqliteAudit(db, gate),
    rules: new SqliteRules(db, gate),
    served: new SqliteServed(db, gate),
    experiments: new SqliteExperiments(db, gate),
  };
}

export class SqliteStore implements Store {
  readonly kind = "sqlite";
  id: string;
  readonly items;
  readonly users;
  readonly events;
  readonly embeddings;
  readonly keys;
  readonly audit;
  readonly rules;
  readonly served;
  readonly experiments;
  readonly tables: SqliteTableCopy;
  readonly leases: SqliteLeases;
  readonly eventFeed: SqliteEventFeed;
  private readonly lock: WriteLock;
  /** The same repositories, for the transaction that holds the lock. */
  private readonly inside: Repositories;
  private readonly countersStmt;
  /** Imports staged and recorded for publishing, not yet fully published. */
  private readonly pending: PendingImports;

  private constructor(readonly db: Db) {
    this.lock = new WriteLock(db);
    ({ items: this.items, users: this.users, events: this.events, embeddings: this.embeddings, keys: this.keys, audit: this.audit, rules: this.rules, served: this.served, experiments: this.experiments } = repositories(db, this.lock.outside));
    this.inside = repositories(db, this.lock.inside);
    this.id = db.prepare("SELECT value FROM meta WHERE key = 'store_id'").pluck().get() as string;
    this.pending = new PendingImports(db);
    this.tables = new SqliteTableCopy(db, this.lock.outside);
    this.leases = new SqliteLeases(db, this.lock.outside);
    this.eventFeed = new SqliteEventFeed(db);
    this.countersStmt = db.prepare(
      "SELECT (SELECT version FROM catalogue_version) AS catalogue, (SELECT version FROM change_counters WHERE name = 'keys') AS keys, (SELECT version FROM change_counters WHERE name = 'users') AS users, (SELECT version FROM change_counters WHERE name = 'rules') AS rules, (SELECT version FROM change_counters WHERE name = 'experiments') AS experiments",
    );
  }

  /** @param opts.busyTimeoutMs how long a write waits for another process's lock before failing with store_busy. */
  static open(file: string, opts: { busyTimeoutMs?: number } = {}): SqliteStore {
    mkdirSync(dirname(file), { recursive: true });
    return new SqliteStore(openDatabase(file, opts.busyTimeoutMs));
  }

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.lock.hold(async () => {
      await this.lock.begin();
      try {
        const result = await fn(this.inside);
        this.db.exec("COMMIT");
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw err;
      }
    });
  }

  async counters(): Promise<ChangeCounters> {
    return this.countersStmt.get() as ChangeCounters;
  }

  async isEmpty(): Promise<boolean> {
    return this.db.prepare("SELECT NOT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM items)").pluck().get() === 1;
  }

  async beginImport(tuning?: ImportTuning): Promise<ImportSession> {
    return new SqliteImportSession(this.pending, this.lock.outside, tuning);
  }

  /** Staging files recorded for publishing and not yet fully published (tests watch them). */
  pendingImports(): string[] {
    return this.pending.list();
  }

  resumeImports(): Promise<number> {
    return resumeImports(this.pending, this.lock.outside);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
