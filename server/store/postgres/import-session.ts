// A bulk import: rows are staged with COPY into temporary tables of a connection of
// their own, and published into the real tables by publish.ts within one transaction that
// spans the import, so the store gets all of it or none. Items and shoppers (whose files
// come first) are published when the first event arrives; events then go in chunks: while
// PostgreSQL stages and publishes one chunk, the next is read and validated here, so
// reading the files and writing the store overlap. Other sessions see nothing until the
// commit; PostgreSQL's MVCC lets serving read and write meanwhile. Closing the connection
// rolls everything back and drops the staging whatever happened.
import pg from "pg";
import { translateError } from "./errors.js";
import { CopyBuffer, copyField as f } from "./copy-buffer.js";
import { publishEvents, publishItemsAndUsers } from "./publish.js";
import type { ImportSession, ImportTuning, ItemInput, PublishTotals, StagedEvent, UserInput } from "../types.js";

const STAGING = `
  SET temp_buffers = '256MB';
  CREATE TEMP TABLE import_items (ord integer, ext_id text COLLATE "C", title text, description text, category text,
    price double precision, stock bigint, tags text, attributes text);
  CREATE TEMP TABLE import_users (ord integer, ext_id text COLLATE "C", attributes text);
  CREATE TEMP TABLE import_events (user_ext text COLLATE "C", item_ext text COLLATE "C", type integer, value double precision, ts bigint,
    context text, event_id text COLLATE "C", rec_id text COLLATE "C");
  CREATE TEMP TABLE import_event_users (ext_id text COLLATE "C");
  CREATE TEMP TABLE import_event_items (ext_id text COLLATE "C");`;

/** Events a chunk: large enough that each publish is set-based work, small enough to hold twice (~25 MB of text). */
const EVENT_CHUNK_ROWS = 400_000;

/** The events of one chunk, and the shoppers and items they name for the first time. */
class EventChunk {
  readonly events = new CopyBuffer("COPY import_events FROM STDIN");
  readonly users = new CopyBuffer("COPY import_event_users FROM STDIN");
  readonly items = new CopyBuffer("COPY import_event_items FROM STDIN");
  get rows(): number {
    return this.events.rows + this.users.rows + this.items.rows;
  }
}

export class PgImportSession implements ImportSession {
  private readonly items = new CopyBuffer("COPY import_items FROM STDIN");
  private readonly users = new CopyBuffer("COPY import_users FROM STDIN");
  private readonly itemIds = new Set<string>();
  /** The shoppers and items events named so far: a chunk stages only the ones new to it. */
  private readonly eventUsers = new Set<string>();
  private readonly eventItems = new Set<string>();
  /** Event ids staged so far: an import stores each once (memory: one string per id). */
  private readonly eventIds = new Set<string>();
  /** The COPY of the files' rows under way: the next fills while it runs; its failure surfaces at the next send. */
  private sending: Promise<void> = Promise.resolve();
  private chunk = new EventChunk();
  /** The chunk PostgreSQL is staging and publishing; its failure surfaces at the next chunk or at publish. */
  private pipeline: Promise<void> = Promise.resolve();
  /** Whether the transaction is open and the items and shoppers published. */
  private publishing = false;
  private readonly now = Date.now();
  private readonly totals: PublishTotals = { rows: 0, createdItems: 0, createdUsers: 0, duplicates: 0 };
  private staged = 0;
  private onProgress?: (rows: number, total: number) => void;
  private open = true;

  private constructor(private readonly client: pg.Client, private readonly chunkRows: number) {}

  /** `tuning.maxBatchRows` sets the events a chunk (tests). */
  static async begin(config: pg.ClientConfig, tuning: ImportTuning = {}): Promise<PgImportSession> {
    const client = new pg.Client(config);
    // A connection lost while idle is reported by the next statement, not by a crash.
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query(STAGING);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw translateError(err);
    }
    return new PgImportSession(client, Math.max(1, tuning.maxBatchRows ?? EVENT_CHUNK_ROWS));
  }

  async item(item: ItemInput): Promise<void> {
    this.checkFilesOpen();
    this.itemIds.add(item.id);
    const full = this.items.add(
      `${this.items.rows}\t${f(item.id)}\t${f(item.title)}\t${f(item.description)}\t${f(item.category)}\t${f(item.price)}\t` +
        `${f(item.stock)}\t${f(JSON.stringify(item.tags ?? []))}\t${f(JSON.stringify(item.attributes ?? {}))}`,
    );
    if (full) await this.send(this.items);
  }

  async user(user: UserInput): Promise<void> {
    this.checkFilesOpen();
    if (this.users.add(`${this.users.rows}\t${f(user.id)}\t${f(JSON.stringify(user.attributes ?? {}))}`)) await this.send(this.users);
  }

  async event(e: StagedEvent): Promise<boolean> {
    this.check();
    if (!this.publishing) await this.startPublishing();
    if (e.eventId != null) {
      if (this.eventIds.has(e.eventId)) return false;
      this.eventIds.add(e.eventId);
    }
    const chunk = this.chunk;
    if (!this.eventUsers.has(e.userExtId)) {
      this.eventUsers.add(e.userExtId);
      chunk.users.add(f(e.userExtId));
    }
    if (!this.eventItems.has(e.itemExtId)) {
      this.eventItems.add(e.itemExtId);
      chunk.items.add(f(e.itemExtId));
    }
    chunk.events.add(`${f(e.userExtId)}\t${f(e.itemExtId)}\t${e.type}\t${f(e.value)}\t${e.ts}\t${f(e.context)}\t${f(e.eventId)}\t${f(e.recId)}`);
    if (chunk.events.rows >= this.chunkRows) await this.nextChunk();
    return true;
  }

  async hasItem(extId: string): Promise<boolean> {
    return this.itemIds.has(extId);
  }

  async publish(onProgress?: (rows: number, total: number) => void): Promise<PublishTotals> {
    this.check();
    try {
      if (!this.publishing) await this.startPublishing();
      this.onProgress = onProgress;
      await this.nextChunk();
      onProgress?.(this.totals.rows, this.staged);
      await this.pipeline;
      await this.client.query("COMMIT");
      return this.totals;
    } catch (err) {
      throw translateError(err);
    } finally {
      await this.close();
    }
  }

  async abort(): Promise<void> {
    if (!this.open) return;
    await Promise.all([this.sending, this.pipeline].map((p) => p.catch(() => undefined)));
    await this.close();
  }

  /** Ends the files' staging: opens the transaction and publishes the items and shoppers. */
  private async startPublishing(): Promise<void> {
    this.publishing = true;
    try {
      for (const buffer of [this.items, this.users]) await this.send(buffer);
      await this.sending;
      await this.client.query("BEGIN");
      await publishItemsAndUsers(this.client, { items: this.items.rows, users: this.users.rows }, this.now);
    } catch (err) {
      throw translateError(err);
    }
    this.staged = this.totals.rows = this.items.rows + this.users.rows;
  }

  /** Hands the filled chunk to PostgreSQL once the one before it is published, and starts the next. */
  private async nextChunk(): Promise<void> {
    await this.pipeline.catch((err: unknown) => Promise.reject(translateError(err)));
    const chunk = this.chunk;
    this.chunk = new EventChunk();
    this.staged += chunk.rows;
    this.pipeline = this.publishChunk(chunk);
    this.pipeline.catch(() => undefined); // awaited by the next chunk or by publish
  }

  private async publishChunk(chunk: EventChunk): Promise<void> {
    if (chunk.rows === 0) return;
    for (const buffer of [chunk.events, chunk.users, chunk.items]) await buffer.send(this.client);
    const r = await publishEvents(this.client, this.now);
    this.totals.rows += chunk.rows;
    this.totals.createdItems += r.createdItems;
    this.totals.createdUsers += r.createdUsers;
    this.totals.duplicates += r.duplicates;
    this.onProgress?.(this.totals.rows, this.staged);
  }

  private async send(buffer: CopyBuffer): Promise<void> {
    await this.sending.catch((err: unknown) => Promise.reject(translateError(err)));
    const sending = buffer.send(this.client);
    sending.catch(() => undefined); // awaited by the next send or by publish
    this.sending = sending;
  }

  private check(): void {
    if (!this.open) throw new Error("this import was published or aborted");
  }

  /** Items and shoppers are staged before events: they are published when the first event arrives. */
  private checkFilesOpen(): void {
    this.check();
    if (this.publishing) throw new Error("items and shoppers must be staged before events");
  }

  private async close(): Promise<void> {
    this.open = false;
    await this.client.end().catch(() => undefined);
  }
}
