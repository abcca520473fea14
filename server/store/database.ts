import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";

export type Db = Database.Database;

/** Opens (creating if needed) a store file in WAL mode and brings its schema up to date. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 10000");
  migrate(db);
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
