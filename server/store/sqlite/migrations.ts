// Schema migrations, applied in order; PRAGMA user_version records the last one run.
// A migration is never edited once released: add a new one.
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE items (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ext_id      TEXT NOT NULL UNIQUE,
    title       TEXT,
    description TEXT,
    category    TEXT,
    price       REAL,
    stock       INTEGER,
    tags        TEXT NOT NULL DEFAULT '[]',
    attributes  TEXT NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
  );
  CREATE TABLE users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ext_id      TEXT NOT NULL UNIQUE,
    attributes  TEXT NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  );
  CREATE TABLE events (
    id       INTEGER PRIMARY KEY,
    user_id  INTEGER NOT NULL REFERENCES users(id),
    item_id  INTEGER NOT NULL REFERENCES items(id),
    type     INTEGER NOT NULL,
    value    REAL,
    ts       INTEGER NOT NULL,
    context  TEXT
  );
  CREATE INDEX events_user_ts ON events(user_id, ts);
  `,
  // Text embeddings of items, kept across trainings: an item is embedded again only when
  // its text or the embedding model changes. seq orders the writes, so every serving
  // process can pick up the vectors another one wrote.
  `
  CREATE TABLE item_embeddings (
    item_id    INTEGER PRIMARY KEY REFERENCES items(id),
    model      TEXT NOT NULL,
    text_hash  TEXT NOT NULL,
    vector     BLOB NOT NULL,
    seq        INTEGER NOT NULL
  );
  CREATE INDEX item_embeddings_seq ON item_embeddings(seq);
  `,
  // A counter every change to the catalogue bumps, in whichever process: a process may
  // then keep what it read of items (titles, availability) until the counter moves.
  `
  CREATE TABLE catalogue_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
  INSERT INTO catalogue_version VALUES (1, 0);
  CREATE TRIGGER items_inserted AFTER INSERT ON items BEGIN UPDATE catalogue_version SET version = version + 1; END;
  CREATE TRIGGER items_updated AFTER UPDATE ON items BEGIN UPDATE catalogue_version SET version = version + 1; END;
  CREATE TRIGGER items_deleted AFTER DELETE ON items BEGIN UPDATE catalogue_version SET version = version + 1; END;
  `,
  // Every request reads the shopper's newest events: an index holding all they need reads
  // them from a few adjacent index pages instead of looking each row up in the table
  // (+11–14% /recommend throughput on the large shop). It serves every query the old
  // index did. Building it takes ~20 s per 20M events, once.
  `
  CREATE INDEX events_user_history ON events(user_id, ts, id, item_id, type, value);
  DROP INDEX events_user_ts;
  `,
  // Trust: an event may carry the client's id, stored once however often it is sent; API
  // keys (only a hash of the secret); an audit log of key changes, deletes and privacy
  // requests; counters any process bumps so every other one notices a change within its
  // poll (keys revoked, shoppers erased).
  `
  ALTER TABLE events ADD COLUMN event_id TEXT;
  CREATE UNIQUE INDEX events_event_id ON events(event_id) WHERE event_id IS NOT NULL;
  CREATE TABLE api_keys (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL,
    scope           TEXT NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    hash            TEXT NOT NULL UNIQUE,
    rate_per_second REAL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER,
    revoked_at      INTEGER,
    last_used_at    INTEGER
  );
  CREATE UNIQUE INDEX api_keys_live_name ON api_keys(name) WHERE revoked_at IS NULL;
  CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    ts      INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT,
    details TEXT NOT NULL DEFAULT '{}'
  );
  CREATE TABLE change_counters (name TEXT PRIMARY KEY, version INTEGER NOT NULL);
  INSERT INTO change_counters VALUES ('keys', 0), ('users', 0);
  CREATE TRIGGER api_keys_inserted AFTER INSERT ON api_keys BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'keys'; END;
  CREATE TRIGGER api_keys_changed AFTER UPDATE OF scope, rate_per_second, expires_at, revoked_at ON api_keys
    BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'keys'; END;
  CREATE TRIGGER users_deleted AFTER DELETE ON users BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'users'; END;
  `,
  // Leases: one holder at a time of a named job across processes and hosts (one train at
  // a time); a lease that is not renewed expires, so a crashed holder frees it.
  `
  CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL);
  `,
  // Merchandising rules, versioned: a row per version, a deletion is a version without a
  // definition; every version moves the 'rules' counter so each process re-reads them.
  `
  CREATE TABLE rules (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL,
    version    INTEGER NOT NULL,
    definition TEXT,
    created_at INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    UNIQUE (id, version)
  );
  INSERT INTO change_counters VALUES ('rules', 0);
  CREATE TRIGGER rules_changed AFTER INSERT ON rules BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'rules'; END;
  `,
  // The lists /recommend served, for attributing what shoppers did with them.
  `
  CREATE TABLE served_lists (
    id            TEXT PRIMARY KEY,
    ts            INTEGER NOT NULL,
    user_id       INTEGER,
    placement     TEXT NOT NULL,
    variant       TEXT,
    model_version TEXT NOT NULL,
    items         TEXT NOT NULL
  );
  CREATE INDEX served_lists_user ON served_lists(user_id);
  CREATE INDEX served_lists_ts ON served_lists(ts);
  `,
  // Closing the loop: an event names the list it came from (rec_id, attribution reads
  // those by time); an interleaved list keeps which ranker placed each item (teams);
  // experiments are rows whose every change moves the 'experiments' counter.
  `
  ALTER TABLE events ADD COLUMN rec_id TEXT;
  CREATE INDEX events_rec ON events(ts) WHERE rec_id IS NOT NULL;
  ALTER TABLE served_lists ADD COLUMN teams TEXT;
  CREATE TABLE experiments (
    id         TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    status     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    started_at INTEGER,
    stopped_at INTEGER
  );
  INSERT INTO change_counters VALUES ('experiments', 0);
  CREATE TRIGGER experiments_created AFTER INSERT ON experiments BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'experiments'; END;
  CREATE TRIGGER experiments_changed AFTER UPDATE ON experiments BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'experiments'; END;
  CREATE TRIGGER experiments_deleted AFTER DELETE ON experiments BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'experiments'; END;
  `,
  // Served lists lose their index by shopper: its inserts landed at random places and
  // cost four fifths of recording a list; a shopper's erasure finds theirs by a scan
  // (about 0.15 s per million lists kept).
  `
  DROP INDEX served_lists_user;
  `,
  // Serving processes keep shoppers' recent histories in memory, current from the events
  // stored after them (event-feed.ts): any deletion of events moves this counter, so each
  // of them knows to read what it holds again.
  `
  INSERT INTO change_counters VALUES ('events', 0);
  CREATE TRIGGER events_deleted AFTER DELETE ON events BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'events'; END;
  `,
  // The items a list must not show (deleted or out of stock), read by every serving
  // process at each model switch: a scan of the catalogue held its event loop 83–109 ms
  // on 100k items. The condition is rows.ts's RECOMMENDABLE negated, word for word, so that
  // the planner uses the index (test/store-sqlite.test.ts checks the plan).
  `
  CREATE INDEX items_unrecommendable ON items(id) WHERE NOT (deleted_at IS NULL AND (stock IS NULL OR stock > 0));
  `,
  // Each item carries the catalogue version its last change made, so a serving process
  // reads only the items changed since the facets it holds (serving/item-filter.ts), not
  // the whole catalogue at every change. Writers take turns, so a writer that commits after
  // a reader saw version V stamps its rows above V. The store's writes stamp their rows
  // themselves (items.ts's ITEM_VERSION); these triggers stamp a row a write left as it was.
  `
  ALTER TABLE items ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX items_version ON items(version);
  CREATE TRIGGER items_inserted_unstamped AFTER INSERT ON items WHEN NEW.version = 0 BEGIN
    UPDATE items SET version = (SELECT version FROM catalogue_version) + 1 WHERE id = NEW.id;
  END;
  CREATE TRIGGER items_updated_unstamped AFTER UPDATE ON items WHEN NEW.version = OLD.version BEGIN
    UPDATE items SET version = (SELECT version FROM catalogue_version) + 1 WHERE id = NEW.id;
  END;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
