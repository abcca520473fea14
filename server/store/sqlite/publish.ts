// Publishing a sealed staging file (store/staging.ts) into the store, in bounded
// transactions so that serving writes get the lock between them. Once recorded in `meta`,
// a publish is bound to finish: each batch advances the recorded position in the same
// transaction as its rows, so a publish cut short (a crash) is resumed where it stopped
// by whichever process opens the store next, and two processes resuming the same one
// share its batches instead of doubling them.
import { existsSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type Database from "better-sqlite3";
import type { Db } from "./database.js";
import { ITEM_VERSION } from "./items.js";

const KEY_PREFIX = "pending_import:";

/** Tables of the staging file, in the order they are published: items before the events naming them. */
const STEPS = ["items", "item_refs", "users", "user_refs", "events"] as const;
type Step = (typeof STEPS)[number];

interface Position {
  step: Step;
  /** The last staging rowid of `step` published. */
  after: number;
  /** The import's time: created_at and updated_at of what it writes. */
  now: number;
}

/** What one batch published. */
export interface BatchResult {
  /** Staged rows this batch went through. */
  rows: number;
  /** Items and users that events named and the store did not have. */
  createdItems: number;
  createdUsers: number;
  /** Staged events not stored because another with their event id was stored first. */
  duplicates: number;
  /** True when nothing is left to publish (the record is gone). */
  done: boolean;
}

// Rows that exist are updated and only new ones inserted: an INSERT … ON CONFLICT would
// take an AUTOINCREMENT id for every row it only updates, and ids index the models' arrays.
const BATCH = "rowid > @after AND rowid <= @last";
const INSERTS: Record<Step, string[]> = {
  // An items-file row replaces the item's fields and revives it if deleted.
  items: [
    `UPDATE main.items AS m SET title = s.title, description = s.description, category = s.category, price = s.price,
       stock = s.stock, tags = s.tags, attributes = s.attributes, updated_at = @now, deleted_at = NULL, version = ${ITEM_VERSION}
     FROM (SELECT * FROM staging.items WHERE ${BATCH}) AS s WHERE m.ext_id = s.ext_id`,
    `INSERT INTO main.items (ext_id, title, description, category, price, stock, tags, attributes, created_at, updated_at, version)
     SELECT ext_id, title, description, category, price, stock, tags, attributes, @now, @now, ${ITEM_VERSION}
     FROM staging.items s WHERE ${BATCH} AND NOT EXISTS (SELECT 1 FROM main.items m WHERE m.ext_id = s.ext_id)`,
  ],
  item_refs: [
    `INSERT INTO main.items (ext_id, created_at, updated_at, version)
     SELECT ext_id, @now, @now, ${ITEM_VERSION} FROM staging.item_refs s WHERE ${BATCH} AND NOT EXISTS (SELECT 1 FROM main.items m WHERE m.ext_id = s.ext_id)`,
  ],
  users: [
    `UPDATE main.users AS m SET attributes = s.attributes, updated_at = @now
     FROM (SELECT * FROM staging.users WHERE ${BATCH}) AS s WHERE m.ext_id = s.ext_id`,
    `INSERT INTO main.users (ext_id, attributes, created_at, updated_at)
     SELECT ext_id, attributes, @now, @now FROM staging.users s WHERE ${BATCH} AND NOT EXISTS (SELECT 1 FROM main.users m WHERE m.ext_id = s.ext_id)`,
  ],
  user_refs: [
    `INSERT INTO main.users (ext_id, created_at, updated_at)
     SELECT ext_id, @now, @now FROM staging.user_refs s WHERE ${BATCH} AND NOT EXISTS (SELECT 1 FROM main.users m WHERE m.ext_id = s.ext_id)`,
  ],
  // Ids resolve through the unique ext_id indexes; item and user rows are published by now.
  events: [
    `INSERT INTO main.events (user_id, item_id, type, value, ts, context, event_id, rec_id)
     SELECT u.id, i.id, e.type, e.value, e.ts, e.context, e.event_id, e.rec_id
     FROM staging.events e JOIN main.users u ON u.ext_id = e.user_ext JOIN main.items i ON i.ext_id = e.item_ext
     WHERE e.rowid > @after AND e.rowid <= @last ORDER BY e.rowid
     ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO NOTHING`,
  ],
};

export class PendingImports {
  private readonly dir: string;

  constructor(private readonly db: Db) {
    this.dir = dirname(db.name);
  }

  /** A new staging file's path: beside the store, where a process resuming its publish looks for it by name. */
  newStagingFile(): string {
    return join(this.dir, `import-${process.pid}-${Date.now()}.staging.db`);
  }

  /** Commits to publishing a sealed staging file: after this, it is published even across a crash. */
  record(file: string, now: number): void {
    const position: Position = { step: STEPS[0], after: 0, now };
    this.db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)").run(KEY_PREFIX + basename(file), JSON.stringify(position));
  }

  /** Staging files recorded for publishing and not yet fully published. */
  list(): string[] {
    const keys = this.db.prepare("SELECT key FROM meta WHERE key LIKE ? ORDER BY key").pluck().all(KEY_PREFIX + "%") as string[];
    return keys.map((k) => join(this.dir, k.slice(KEY_PREFIX.length)));
  }

  /**
   * Attaches a recorded staging file to publish it batch by batch; undefined when it was
   * published meanwhile (by another process).
   */
  open(file: string): Publication | undefined {
    if (!existsSync(file)) {
      if (this.position(file) === undefined) return undefined;
      throw new Error(`the staging file ${file} of a recorded import is missing: that import cannot be completed`);
    }
    try {
      return new Publication(this.db, file, () => this.position(file));
    } catch (err) {
      // Published and deleted by another process between the check and ATTACH, which
      // then created an empty file: remove that.
      if (this.position(file) !== undefined) throw err;
      rmSync(file, { force: true });
      return undefined;
    }
  }

  private position(file: string): Position | undefined {
    const value = this.db.prepare("SELECT value FROM meta WHERE key = ?").pluck().get(KEY_PREFIX + basename(file)) as string | undefined;
    return value === undefined ? undefined : (JSON.parse(value) as Position);
  }
}

type Statement = Database.Statement<unknown[]>;

export class Publication {
  private readonly key: string;
  private readonly inserts: Record<Step, Statement[]>;
  private readonly ranges: Record<Step, Statement>;
  private readonly saveStmt: Statement;
  private readonly dropStmt: Statement;

  constructor(private readonly db: Db, private readonly file: string, private readonly position: () => Position | undefined) {
    this.key = KEY_PREFIX + basename(file);
    db.prepare("ATTACH DATABASE ? AS staging").run(file);
    // A file staged by a tuijian before events named their lists (a crash, then an upgrade).
    const columns = db.prepare("SELECT name FROM pragma_table_info('events', 'staging')").pluck().all();
    if (!columns.includes("rec_id")) db.exec("ALTER TABLE staging.events ADD COLUMN rec_id TEXT");
    // Checkpoints run between batches (checkpoint()), not inside a batch's COMMIT, where
    // SQLite would otherwise run them and skew the batch's timing.
    db.pragma("wal_autocheckpoint = 0");
    const each = (sql: (s: Step) => string) => Object.fromEntries(STEPS.map((s) => [s, db.prepare(sql(s))])) as Record<Step, Statement>;
    try {
      this.inserts = Object.fromEntries(STEPS.map((s) => [s, INSERTS[s].map((sql) => db.prepare(sql))])) as Record<Step, Statement[]>;
      this.ranges = each((s) => `SELECT count(*) AS n, max(r) AS last FROM (SELECT rowid AS r FROM staging.${s} WHERE rowid > ? ORDER BY rowid LIMIT ?)`);
      this.saveStmt = db.prepare("UPDATE meta SET value = ? WHERE key = ?");
      this.dropStmt = db.prepare("DELETE FROM meta WHERE key = ?");
    } catch (err) {
      db.pragma("wal_autocheckpoint = 1000");
      db.exec("DETACH DATABASE staging");
      throw err;
    }
  }

  /** The rows of every staging table (a resumed publish counts those published before the crash too). */
  stagedRows(): number {
    return STEPS.reduce((sum, s) => sum + (this.db.prepare(`SELECT count(*) FROM staging.${s}`).pluck().get() as number), 0);
  }

  /** Publishes up to maxRows staged rows in one transaction. */
  batch(maxRows: number): BatchResult {
    return this.db.transaction((): BatchResult => {
      const result: BatchResult = { rows: 0, createdItems: 0, createdUsers: 0, duplicates: 0, done: false };
      const pos = this.position();
      if (!pos) return { ...result, done: true };
      for (;;) {
        const range = this.ranges[pos.step].get(pos.after, maxRows) as { n: number; last: number | null };
        if (range.n > 0) {
          const params = { after: pos.after, last: range.last, now: pos.now };
          // The last statement of a step is its insert: what it changed is what was new.
          const changes = this.inserts[pos.step].map((st) => st.run(params).changes).at(-1)!;
          result.rows = range.n;
          if (pos.step === "item_refs") result.createdItems = changes;
          if (pos.step === "user_refs") result.createdUsers = changes;
          if (pos.step === "events") result.duplicates = range.n - changes;
          this.saveStmt.run(JSON.stringify({ ...pos, after: range.last }), this.key);
          return result;
        }
        const next = STEPS.indexOf(pos.step) + 1;
        if (next === STEPS.length) {
          this.dropStmt.run(this.key);
          return { ...result, done: true };
        }
        pos.step = STEPS[next];
        pos.after = 0;
      }
    }).immediate();
  }

  /**
   * Copies the WAL into the store file without taking the write lock, so that the WAL
   * restarts and a serving process's next commit does not inherit this import's
   * checkpoint (and its fsyncs) on its event loop.
   */
  checkpoint(): void {
    this.db.pragma("main.wal_checkpoint(PASSIVE)");
  }

  /** Detaches the staging file, and deletes it once it is published. */
  close(): void {
    this.db.pragma("wal_autocheckpoint = 1000");
    this.db.exec("DETACH DATABASE staging");
    if (this.position() === undefined) rmSync(this.file, { force: true });
  }
}
