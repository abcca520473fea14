// The store: every SQL statement of tuijian lives behind these repositories.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { busyAsError, openDatabase, type Db } from "./database.js";
import { ItemRepository } from "./items.js";
import { UserRepository } from "./users.js";
import { EventRepository } from "./events.js";
import { EmbeddingRepository } from "./embeddings.js";
import { KeyRepository } from "./keys.js";
import { AuditRepository } from "./audit.js";
import { PendingImports } from "./publish.js";
import { loadSegments, type SegmentOptions, type Segments } from "../segments.js";

export class Store {
  readonly items: ItemRepository;
  readonly users: UserRepository;
  readonly events: EventRepository;
  readonly embeddings: EmbeddingRepository;
  readonly keys: KeyRepository;
  readonly audit: AuditRepository;
  /** Imports staged and recorded for publishing, not yet fully published. */
  readonly imports: PendingImports;
  /** Identifies this store file, so a model trained on another store is never loaded on it. */
  readonly id: string;

  private constructor(private readonly db: Db) {
    this.items = new ItemRepository(db);
    this.users = new UserRepository(db);
    this.events = new EventRepository(db);
    this.embeddings = new EmbeddingRepository(db);
    this.keys = new KeyRepository(db);
    this.audit = new AuditRepository(db);
    this.imports = new PendingImports(db);
    this.id = db.prepare("SELECT value FROM meta WHERE key = 'store_id'").pluck().get() as string;
  }

  /** @param opts.busyTimeoutMs how long a write waits for another process's lock before failing with store_busy. */
  static open(file: string, opts: { busyTimeoutMs?: number } = {}): Store {
    mkdirSync(dirname(file), { recursive: true });
    return new Store(openDatabase(file, opts.busyTimeoutMs));
  }

  /**
   * Runs fn in one transaction: all of its writes happen, or none. Throws store_busy (503)
   * when another process holds the write lock longer than the busy timeout.
   */
  transaction<T>(fn: () => T): T {
    return busyAsError(() => this.db.transaction(fn).immediate());
  }

  /** The segments (item category, user attributes) of every item and user, read once. */
  segments(opts: SegmentOptions): Segments {
    return loadSegments(this.db, opts);
  }

  isEmpty(): boolean {
    return this.events.count() === 0 && this.items.maxId() === 0;
  }

  close(): void {
    this.db.close();
  }
}
