// Writes from the storefront: items, users and events. Each call is one transaction —
// a batch is written whole or not at all — and changes to what may be recommended reach
// the model in use at once.
import type { Store, ItemRecord, UserRecord } from "./store/types.js";
import type { ChangeWatcher } from "./store/change-watcher.js";
import type { Recommender } from "./recommender.js";
import type { EventInput, ItemInput, UserInput } from "./inputs.js";
import { notFound, unprocessable } from "./errors.js";
import { eventCode } from "../models/event-types.js";
import { countEvent } from "./platform/metrics.js";

export class Catalogue {
  /** @param onItemsWritten told after items are written (their texts may need embedding). */
  constructor(
    private readonly store: Store,
    private readonly recommender: Recommender,
    private readonly changes: ChangeWatcher,
    private readonly onItemsWritten: () => void = () => {},
  ) {}

  async upsertItems(items: ItemInput[]): Promise<{ upserted: number }> {
    const now = Date.now();
    const ids = await this.store.transaction(async (tx) => {
      const out: number[] = [];
      for (const item of items) out.push(await tx.items.upsert(item, now));
      return out;
    });
    this.changes.invalidate();
    ids.forEach((id, i) => this.recommender.setRecommendable(id, items[i].stock == null || items[i].stock! > 0));
    this.onItemsWritten();
    return { upserted: ids.length };
  }

  async getItem(id: string): Promise<ItemRecord> {
    const item = await this.store.items.get(id);
    if (!item) throw notFound("unknown_item", `no item with id "${id}"`);
    return item;
  }

  /** After this returns, the item is never recommended again (until it is posted anew). Audited. */
  async deleteItem(id: string, actor: string): Promise<void> {
    const internal = await this.store.transaction(async (tx) => {
      const deleted = await tx.items.delete(id);
      if (deleted !== undefined) await tx.audit.append(actor, "item.delete", id);
      return deleted;
    });
    if (internal === undefined) throw notFound("unknown_item", `no item with id "${id}"`);
    this.changes.invalidate();
    this.recommender.setRecommendable(internal, false);
  }

  async upsertUsers(users: UserInput[]): Promise<{ upserted: number }> {
    const now = Date.now();
    await this.store.transaction(async (tx) => {
      for (const u of users) await tx.users.upsert(u, now);
    });
    return { upserted: users.length };
  }

  async getUser(id: string): Promise<UserRecord> {
    const user = await this.store.users.get(id);
    if (!user) throw notFound("unknown_user", `no user with id "${id}"`);
    return user;
  }

  /**
   * Items must exist and not be deleted (post them first); users are created on their
   * first event. An event whose event_id was stored before is counted as a duplicate.
   */
  async recordEvents(events: EventInput[]): Promise<{ accepted: number; duplicates: number }> {
    const now = Date.now();
    // Counted once committed; a transaction tried again starts the list afresh.
    let stored: string[] = [];
    const result = await this.store.transaction(async (tx) => {
      stored = [];
      const itemIds: (number | undefined)[] = [];
      for (const e of events) itemIds.push(await tx.items.liveIdOf(e.item_id));
      const unknown = events.flatMap((e, index) => (itemIds[index] === undefined ? [{ index, item_id: e.item_id }] : []));
      if (unknown.length) {
        throw unprocessable("unknown_item", `${unknown.length} event(s) name items that do not exist or were deleted: post them to /items first`, unknown);
      }
      for (const [i, e] of events.entries()) {
        const inserted = await tx.events.insert({
          userId: (await tx.users.ensure(e.user_id, now)).id,
          itemId: itemIds[i]!,
          type: eventCode(e.type),
          value: e.value ?? null,
          ts: e.timestamp ?? now,
          context: e.context ? JSON.stringify(e.context) : null,
          eventId: e.event_id ?? null,
          recId: e.recommendation_id ?? null,
        });
        if (inserted) stored.push(e.type);
      }
      return { accepted: stored.length, duplicates: events.length - stored.length };
    });
    for (const type of stored) countEvent(type);
    return result;
  }
}
