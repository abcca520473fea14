import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";

export type Db = Database.Database;

/**
 * Opens (creating if needed) a store file in WAL mode and brings its schema up to date.
 * @param busyTimeoutMs how long a write waits for another connection's lock: the thread is
 *   blocked meanwhile, so a serving process keeps it short.
 */
export function openDatabase(file: string, busyTimeoutMs = 10_000): Db {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // Migrations may wait for another process's long write (an import) whatever the setting.
  db.pragma("busy_timeout = 10000");
  migrate(db);
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`store schema version ${current} is newer than this tuijian (${SCHEMA_VERSION}); upgrade tuijian`);
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      if (v === 0) db.prepare("INSERT INTO meta (key, value) VALUES ('store_id', ?)").run(randomUUID());
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** True for SQLite's "database is locked": another connection holds the write lock. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT" || code === "SQLITE_LOCKED";
}
