// A bulk import: rows are staged with COPY into temporary tables of a connection of
// their own (no other session sees them, nothing is locked), then publish.ts moves them
// into the real tables in one transaction. PostgreSQL's MVCC lets serving read and write
// meanwhile; closing the connection drops the staging whatever happened.
import pg from "pg";
import { translateError } from "./errors.js";
import { CopyBuffer, copyField as f } from "./copy-buffer.js";
import { publishStaged } from "./publish.js";
import type { ImportSession, ItemInput, PublishTotals, StagedEvent, UserInput } from "../types.js";

const STAGING = `
  SET temp_buffers = '256MB';
  CREATE TEMP TABLE import_items (ord integer, ext_id text COLLATE "C", title text, description text, category text,
    price double precision, stock bigint, tags text, attributes text);
  CREATE TEMP TABLE import_users (ord integer, ext_id text COLLATE "C", attributes text);
  CREATE TEMP TABLE import_events (user_ext text COLLATE "C", item_ext text COLLATE "C", type integer, value double precision, ts bigint,
    context text, event_id text COLLATE "C");
  CREATE TEMP TABLE import_event_users (ext_id text COLLATE "C");
  CREATE TEMP TABLE import_event_items (ext_id text COLLATE "C");`;

export class PgImportSession implements ImportSession {
  private readonly items = new CopyBuffer("COPY import_items FROM STDIN");
  private readonly users = new CopyBuffer("COPY import_users FROM STDIN");
  private readonly events = new CopyBuffer("COPY import_events FROM STDIN");
  private readonly itemIds = new Set<string>();
  /**
   * The shoppers and items events name, each once: publishing creates the missing ones
   * from these instead of a DISTINCT over every staged event.
   */
  private readonly eventUsers = new Set<string>();
  private readonly eventItems = new Set<string>();
  /** Event ids staged so far: an import stores each once (memory: one string per id). */
  private readonly eventIds = new Set<string>();
  /** The COPY under way: the next chunk fills while it runs; its failure surfaces at the next send. */
  private sending: Promise<void> = Promise.resolve();
  private open = true;

  private constructor(private readonly client: pg.Client) {}

  static async begin(config: pg.ClientConfig): Promise<PgImportSession> {
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
    return new PgImportSession(client);
  }

  async item(item: ItemInput): Promise<void> {
    this.check();
    this.itemIds.add(item.id);
    const full = this.items.add(
      `${this.items.rows}\t${f(item.id)}\t${f(item.title)}\t${f(item.description)}\t${f(item.category)}\t${f(item.price)}\t` +
        `${f(item.stock)}\t${f(JSON.stringify(item.tags ?? []))}\t${f(JSON.stringify(item.attributes ?? {}))}`,
    );
    if (full) await this.send(this.items);
  }

  async user(user: UserInput): Promise<void> {
    this.check();
    if (this.users.add(`${this.users.rows}\t${f(user.id)}\t${f(JSON.stringify(user.attributes ?? {}))}`)) await this.send(this.users);
  }

  async event(e: StagedEvent): Promise<boolean> {
    this.check();
    if (e.eventId != null) {
      if (this.eventIds.has(e.eventId)) return false;
      this.eventIds.add(e.eventId);
    }
    this.eventUsers.add(e.userExtId);
    this.eventItems.add(e.itemExtId);
    if (this.events.add(`${f(e.userExtId)}\t${f(e.itemExtId)}\t${e.type}\t${f(e.value)}\t${e.ts}\t${f(e.context)}\t${f(e.eventId)}`)) {
      await this.send(this.events);
    }
    return true;
  }

  async hasItem(extId: string): Promise<boolean> {
    return this.itemIds.has(extId);
  }

  async publish(onProgress?: (rows: number, total: number) => void): Promise<PublishTotals> {
    this.check();
    try {
      for (const buffer of [this.items, this.users, this.events]) await this.send(buffer);
      for (const [ids, table] of [[this.eventUsers, "import_event_users"], [this.eventItems, "import_event_items"]] as const) {
        const buffer = new CopyBuffer(`COPY ${table} FROM STDIN`);
        for (const id of ids) if (buffer.add(f(id))) await this.send(buffer);
        await this.send(buffer);
      }
      await this.sending;
      return await publishStaged(this.client, { items: this.items.rows, users: this.users.rows, events: this.events.rows }, onProgress);
    } catch (err) {
      throw translateError(err);
    } finally {
      await this.close();
    }
  }

  async abort(): Promise<void> {
    if (!this.open) return;
    await this.sending.catch(() => undefined);
    await this.close();
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

  private async close(): Promise<void> {
    this.open = false;
    await this.client.end().catch(() => undefined);
  }
}
