// Shoppers' recent histories held in each serving process, so that a list made again reads
// no events from the store. Exact at every request: each one first reads where the stored
// events end (the store's event feed, one small query) and applies every event stored
// since, by any process or import, to the shoppers held; any deletion of events (an
// erasure, retention) lets go of them all. A shopper's history is read from the store when
// first asked for, and kept as the newest `maxHistory` events, packed in one
// Float64Array (40 bytes an event, outside the JavaScript heap), within a budget of events
// for all held shoppers: the least recently asked-for goes first.
// A shopper not held yet is read from the machine's shared histories when there are
// (shared-histories/: one file in memory for all serving processes, kept current by one of
// them) with the events stored since its build applied, else from the store.
// Without a feed (PostgreSQL: its event ids do not follow commit order) or with a budget of
// 0, every request reads the shopper's history and version from the store, as it did.
import type { EventFeed, FeedEvent, HistoryEvent, ShopperVersion, Store } from "../store/types.js";
import { PURCHASE } from "../../models/event-types.js";
import { digestOf, FIELDS, holds, pack, unpack, withEvent } from "./held-rows.js";
import { derive, derivedOf, keptFor, type ShopperMemo } from "./shopper-memo.js";
import { HeldShoppers, type Held } from "./held-shoppers.js";
import { HistoryBase, MAX_SINCE } from "./shared-histories/base.js";
import type { SnapshotFile } from "./shared-histories/snapshot-file.js";
import { countHistoryRead } from "../platform/metrics.js";

/** The shared histories' file announced now (shared-histories/files.ts). */
export interface SharedHistories {
  current(): SnapshotFile | undefined;
}

/** A shopper's events as one request sees them. */
export interface ShopperEvents {
  /** Changes whenever their events do: a list made from them is current while it is the same. count 0: no events. */
  readonly version: ShopperVersion;
  /** Names the events a list is made from the same in every process (lists shared between them: list-sharing.ts); undefined where it cannot. */
  readonly digest?: string;
  /** Newest first, at most maxHistory. */
  events(): Promise<HistoryEvent[]>;
  /** The items they bought. */
  purchased(): Promise<number[]>;
  /** Where what a list derives from these events is kept while they stay the same (held shoppers only). */
  readonly memo?: ShopperMemo;
}

/** More new events than this since the last request: let go of every held shopper rather than apply them one by one. */
const MAX_CATCH_UP = 20_000;

export class ShopperHistories {
  private readonly held: HeldShoppers;
  private readonly feed?: EventFeed;
  private stamps = 0;
  /** The newest event id applied, and the deletion count then (undefined: not read yet). */
  private position?: { last: number; deletions: number };
  private syncing?: Promise<boolean>;
  /** The catch-up the requests of this turn of the event loop wait for. */
  private turn?: Promise<boolean>;
  /** The shared histories read, with the events stored since their build. */
  private base?: HistoryBase;

  /**
   * @param budget events held over all shoppers; 0 holds none.
   * @param shared the machine's shared histories, if any.
   */
  constructor(private readonly store: Store, private readonly maxHistory: number, budget: number, private readonly shared?: SharedHistories) {
    if (budget > 0) this.feed = store.eventFeed;
    this.held = new HeldShoppers(budget);
  }

  /** Events held over all shoppers (metrics). */
  get size(): number {
    return this.held.size;
  }

  async of(userId: number): Promise<ShopperEvents> {
    if (!this.feed) return this.fromStore(userId);
    if (!(await this.sync())) return this.once(userId);
    let held = this.held.touch(userId);
    if (!held) {
      let rows = this.base?.rowsOf(userId);
      if (rows) countHistoryRead("shared");
      else {
        const read = await this.feed.recent(userId, this.maxHistory);
        if (!read) return this.once(userId);
        rows = pack(read);
        countHistoryRead("store");
      }
      held = this.held.keep(userId, { rows, stamp: ++this.stamps });
    }
    return this.view(userId, held);
  }

  /**
   * The requests of one turn of the event loop share one read of where the stored events
   * end, made in the turn's check phase (setImmediate), after every one of them asked:
   * each request's bytes had arrived before it asked, so the events stored before any of
   * them was sent (an event acknowledged to the shopper, by any process) are seen. Under
   * load a turn handles many requests: a kept list then costs no statement of its own.
   */
  private sync(): Promise<boolean> {
    this.turn ??= new Promise<boolean>((resolve) =>
      setImmediate(() => {
        this.turn = undefined;
        resolve(this.inOrder());
      }),
    );
    return this.turn;
  }

  /** Catch-ups in order: they must not apply the same events twice or out of order. */
  private inOrder(): Promise<boolean> {
    const run = () => this.catchUp();
    this.syncing = this.syncing ? this.syncing.then(run, run) : run();
    return this.syncing;
  }

  /** Applies the events stored since the last request; false while this process's own transaction is open. */
  private async catchUp(): Promise<boolean> {
    const head = await this.feed!.head();
    if (!head) return false;
    const at = this.position;
    if (!at || head.deletions !== at.deletions || head.last < at.last || head.last - at.last > MAX_CATCH_UP) {
      this.held.clear();
      this.base = undefined;
    } else if (head.last !== at.last) {
      const events = await this.feed!.between(at.last, head.last);
      if (!events) return false;
      for (const e of events) this.apply(e);
      this.held.trim();
      if (this.base && !this.base.add(events)) this.base = undefined;
    }
    this.position = head;
    return this.adopt(head);
  }

  /** Reads the shared histories announced now, unless read already or they do not fit where the store is now. */
  private async adopt(head: { last: number; deletions: number }): Promise<boolean> {
    const file = this.shared?.current();
    if (file === this.base?.file) return true;
    this.base = undefined;
    const h = file?.header;
    if (!file || !h || h.deletions !== head.deletions || h.maxHistory !== this.maxHistory || head.last - h.last > MAX_SINCE) return true;
    const base = new HistoryBase(file, this.maxHistory);
    if (head.last > h.last) {
      const since = await this.feed!.between(h.last, head.last);
      if (!since) return false;
      base.add(since);
    }
    this.base = base;
    return true;
  }

  /** A stored event into its shopper's held history, newest first by time then id, if it is among their newest. */
  private apply(e: FeedEvent): void {
    const held = this.held.peek(e[1]);
    // Already there: the history was read after the event was stored.
    if (!held || holds(held.rows, e[0])) return;
    const [itemId, type] = [e[2], e[3]];
    const purchased = type === PURCHASE && held.purchased && !held.purchased.includes(itemId) ? [...held.purchased, itemId] : held.purchased;
    // Older than the newest maxHistory: only a purchase of a new item changes what is held.
    const rows = withEvent(held.rows, e, this.maxHistory);
    if (rows !== held.rows || purchased !== held.purchased) this.held.replace(e[1], held, { rows, stamp: ++this.stamps, purchased });
  }

  private view(userId: number, held: Held): ShopperEvents {
    const { rows, stamp } = held;
    const memo: ShopperMemo = {
      derived: (model, p, events) => {
        const found = keptFor(held.kept, model, p);
        if (found) return derivedOf(found);
        const kept = derive(model, p, events);
        if (held.derivedOnce) this.held.amend(userId, held, () => (held.kept = kept));
        held.derivedOnce = true;
        return derivedOf(kept);
      },
    };
    return this.shopper(userId, { count: rows.length / FIELDS, last: stamp }, async () => unpack(rows), () => (held.digest ??= digestOf(rows)), () => this.purchasedOf(userId, held), memo);
  }

  /** Every item a held shopper with a full history bought, read once (Held.purchased). */
  private async purchasedOf(userId: number, held: Held): Promise<number[]> {
    if (held.purchased) return held.purchased;
    const purchased = await this.store.events.purchasedItems(userId);
    // Kept unless the shopper's events moved on (or they were let go of) meanwhile.
    this.held.amend(userId, held, () => (held.purchased = purchased));
    return purchased;
  }

  /** Events read while this process's transaction is open: served, never held (they may be rolled back). */
  private async once(userId: number): Promise<ShopperEvents> {
    const events = await this.store.events.history(userId, this.maxHistory);
    return this.shopper(userId, { count: events.length, last: ++this.stamps }, async () => events);
  }

  /** No events held: the version now, the history when the list is made. */
  private async fromStore(userId: number): Promise<ShopperEvents> {
    const version = await this.store.events.versionOf(userId);
    return this.shopper(userId, version, () => this.store.events.history(userId, this.maxHistory), () => `s${version.count}:${version.last}`);
  }

  private shopper(
    userId: number, version: ShopperVersion, read: () => Promise<HistoryEvent[]>, digest: () => string | undefined = () => undefined,
    allPurchased = () => this.store.events.purchasedItems(userId), memo?: ShopperMemo,
  ): ShopperEvents {
    let events: Promise<HistoryEvent[]> | undefined;
    const history = () => (events ??= read());
    return {
      version,
      memo,
      get digest() {
        return digest();
      },
      events: history,
      purchased: async () => {
        const all = await history();
        // A full history may not reach back to every purchase.
        return all.length >= this.maxHistory ? allPurchased() : [...new Set(all.filter((e) => e.type === PURCHASE).map((e) => e.itemId))];
      },
    };
  }
}
