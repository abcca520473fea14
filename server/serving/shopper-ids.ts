// Shoppers' internal ids by their external ids, held per process (id-table.ts) until a
// shopper is erased: the store's users counter moves then, and any process's erasure
// reaches this one within the ChangeWatcher's interval, as it reaches the kept lists; the
// table then starts again. A shop of at most `max` shoppers has all of them read into it in
// the background (pages of the store's users by id, a turn of the event loop between pages),
// so a request reads nothing from the store for a known shopper's id; until then, and for
// shoppers the store learns of later, an id is read when first asked for and kept. Only
// known shoppers are kept: one the store does not know yet may arrive with their first
// event, which moves no counter.
import type { Store } from "../store/types.js";
import type { ChangeWatcher } from "../store/change-watcher.js";
import { IdTable } from "./id-table.js";
import { errorFields, log } from "../platform/logger.js";

/** Shoppers read a turn of the event loop (~1.5 ms on the large shop: a request waits for at most one page). */
const PAGE = 2_000;

export class ShopperIds {
  private table = new IdTable();
  private version = -1;
  private closed = false;

  /** @param max shoppers held at most; 0 reads every id from the store. */
  constructor(private readonly store: Store, private readonly changes: ChangeWatcher, private readonly max: number) {}

  /** Shoppers held. */
  get size(): number {
    return this.table.size;
  }

  /**
   * Starts reading every shopper's id in, unless a read for the shoppers as they are now has
   * begun: at serving's start, so that the first requests find them rather than start the
   * read (every lookup also follows the shoppers' counter: an erasure starts the read again).
   */
  async start(): Promise<void> {
    this.follow((await this.changes.current()).users);
  }

  async of(extId: string): Promise<number | undefined> {
    this.follow((await this.changes.current()).users);
    return this.table.get(extId) ?? this.fresh(extId);
  }

  /** The store's answer, kept if the shopper is known (the id held is forgotten first). */
  async fresh(extId: string): Promise<number | undefined> {
    this.table.delete(extId);
    const id = await this.store.users.idOf(extId);
    if (id === undefined || this.max === 0) return id;
    if (this.table.size >= this.max) this.table = new IdTable();
    this.table.set(extId, id);
    return id;
  }

  /** Stops a read under way at its next page (before the store closes). */
  close(): void {
    this.closed = true;
  }

  /** Starts the table again when the shoppers' counter moved. */
  private follow(users: number): void {
    if (users !== this.version) this.restart(users);
  }

  private restart(users: number): void {
    this.version = users;
    this.table = new IdTable();
    if (this.max > 0) this.readAll(this.table).catch((err) => log("warn", "reading shoppers' ids stopped", errorFields(err)));
  }

  /** Every shopper into `table`, if the shop has no more than `max`; stops if the table starts again meanwhile. */
  private async readAll(table: IdTable): Promise<void> {
    const count = await this.store.users.count();
    if (count > this.max || this.table !== table) return;
    table.reserve(count);
    for (let after = 0; ; ) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.closed || this.table !== table) return;
      const page = await this.store.users.idPage(after, PAGE);
      if (page.length === 0 || this.table !== table) return;
      for (const [id, extId] of page) table.set(extId, id);
      after = page[page.length - 1][0];
    }
  }
}
