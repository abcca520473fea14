// The staging file of an import: validated rows are written here first, in a SQLite file
// of their own, so staging never takes the store's write lock. Rows keep external ids;
// they are resolved to the store's ids when published (publish.ts). Nothing here
// needs to survive a crash until the file is sealed: an unsealed file is only removed.
import Database from "better-sqlite3";
import { closeSync, fsyncSync, openSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import type { Db } from "./database.js";
import type { ItemInput, StagedEvent, UserInput } from "../types.js";
import { itemParams } from "./items.js";

/**
 * items and users: rows of the files (the last row of an id wins); item_refs and
 * user_refs: ids named by events, created untitled when new; events in file order.
 */
const SCHEMA = `
  CREATE TABLE items (ext_id TEXT PRIMARY KEY, title TEXT, description TEXT, category TEXT, price REAL, stock INTEGER,
    tags TEXT NOT NULL, attributes TEXT NOT NULL);
  CREATE TABLE users (ext_id TEXT PRIMARY KEY, attributes TEXT NOT NULL);
  CREATE TABLE item_refs (ext_id TEXT PRIMARY KEY);
  CREATE TABLE user_refs (ext_id TEXT PRIMARY KEY);
  CREATE TABLE events (user_ext TEXT NOT NULL, item_ext TEXT NOT NULL, type INTEGER NOT NULL, value REAL,
    ts INTEGER NOT NULL, context TEXT, event_id TEXT UNIQUE, rec_id TEXT);
`;

/** Rows per staging transaction: large enough to amortise a commit, small enough to bound memory. */
const ROWS_PER_TRANSACTION = 50_000;

export class StagingFile {
  private readonly db: Db;
  private readonly itemStmt;
  private readonly userStmt;
  private readonly itemRefStmt;
  private readonly userRefStmt;
  private readonly eventStmt;
  private readonly stagedItemStmt;
  private inBatch = 0;
  /** Ids already in user_refs and item_refs: most events name an id seen before. */
  private readonly userRefs = new Set<string>();
  private readonly itemRefs = new Set<string>();

  constructor(readonly file: string) {
    this.db = new Database(file);
    // Until sealed the file is disposable: no journal, no syncs.
    this.db.pragma("journal_mode = OFF");
    this.db.pragma("synchronous = OFF");
    this.db.exec(SCHEMA);
    this.itemStmt = this.db.prepare(`
      INSERT INTO items VALUES (@id, @title, @description, @category, @price, @stock, @tags, @attributes)
      ON CONFLICT (ext_id) DO UPDATE SET title = excluded.title, description = excluded.description,
        category = excluded.category, price = excluded.price, stock = excluded.stock, tags = excluded.tags,
        attributes = excluded.attributes`);
    this.userStmt = this.db.prepare("INSERT INTO users VALUES (?, ?) ON CONFLICT (ext_id) DO UPDATE SET attributes = excluded.attributes");
    this.itemRefStmt = this.db.prepare("INSERT INTO item_refs VALUES (?) ON CONFLICT DO NOTHING");
    this.userRefStmt = this.db.prepare("INSERT INTO user_refs VALUES (?) ON CONFLICT DO NOTHING");
    this.eventStmt = this.db.prepare(
      "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
    );
    this.stagedItemStmt = this.db.prepare("SELECT 1 FROM items WHERE ext_id = ?").pluck();
  }

  item(item: ItemInput): void {
    // The time is the publish's, not the staging's.
    this.write(() => this.itemStmt.run(itemParams(item, 0)));
  }

  user(user: UserInput): void {
    this.write(() => this.userStmt.run(user.id, JSON.stringify(user.attributes ?? {})));
  }

  /** True when the items file of this import has the item (it is then upserted, deleted or not). */
  hasItem(extId: string): boolean {
    return this.stagedItemStmt.get(extId) !== undefined;
  }

  /** Stages one event and its user and item references; false when its event id was staged before. */
  event(e: StagedEvent): boolean {
    return this.write(() => {
      const stored = this.eventStmt.run(e.userExtId, e.itemExtId, e.type, e.value, e.ts, e.context, e.eventId ?? null, e.recId ?? null).changes === 1;
      if (stored && !this.userRefs.has(e.userExtId)) {
        this.userRefs.add(e.userExtId);
        this.userRefStmt.run(e.userExtId);
      }
      if (stored && !this.itemRefs.has(e.itemExtId)) {
        this.itemRefs.add(e.itemExtId);
        this.itemRefStmt.run(e.itemExtId);
      }
      return stored;
    });
  }

  /**
   * Commits, closes and syncs the file and its folder: from here on the file must outlive
   * a crash, since a publish recorded in the store is completed from it.
   */
  seal(): void {
    if (this.db.inTransaction) this.db.exec("COMMIT");
    this.db.close();
    for (const path of [this.file, dirname(this.file)]) {
      const fd = openSync(path, "r");
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  }

  /** Closes (if open) and deletes the file. */
  remove(): void {
    if (this.db.open) this.db.close();
    rmSync(this.file, { force: true });
  }

  private write<T>(fn: () => T): T {
    if (this.inBatch === 0) this.db.exec("BEGIN");
    const result = fn();
    if (++this.inBatch === ROWS_PER_TRANSACTION) {
      this.db.exec("COMMIT");
      this.inBatch = 0;
    }
    return result;
  }
}
