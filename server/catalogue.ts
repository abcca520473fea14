// Writes from the storefront: items, users and events. Each call is one transaction —
// a batch is written whole or not at all — and changes to what may be recommended reach
// the model in use at once.
import type { Store } from "./store/store.js";
import type { Recommender } from "./recommender.js";
import type { EventInput, ItemInput, UserInput } from "./inputs.js";
import type { ItemRecord } from "./store/items.js";
import { notFound, unprocessable } from "./errors.js";
import { eventCode } from "../models/event-types.js";

export class Catalogue {
  /** @param onItemsWritten told after items are written (their texts may need embedding). */
  constructor(private readonly store: Store, private readonly recommender: Recommender, private readonly onItemsWritten: () => void = () => {}) {}

  upsertItems(items: ItemInput[]): { upserted: number } {
    const ids = this.store.transaction(() => items.map((item) => this.store.items.upsert(item)));
    ids.forEach((id, i) => this.recommender.setRecommendable(id, items[i].stock == null || items[i].stock! > 0));
    this.onItemsWritten();
    return { upserted: ids.length };
  }

  getItem(id: string): ItemRecord {
    const item = this.store.items.get(id);
    if (!item) throw notFound("unknown_item", `no item with id "${id}"`);
    return item;
  }

  /** After this returns, the item is never recommended again (until it is posted anew). Audited. */
  deleteItem(id: string, actor: string): void {
    const internal = this.store.transaction(() => {
      const deleted = this.store.items.delete(id);
      if (deleted !== undefined) this.store.audit.append(actor, "item.delete", id);
      return deleted;
    });
    if (internal === undefined) throw notFound("unknown_item", `no item with id "${id}"`);
    this.recommender.setRecommendable(internal, false);
  }

  upsertUsers(users: UserInput[]): { upserted: number } {
    this.store.transaction(() => users.forEach((u) => this.store.users.upsert(u)));
    return { upserted: users.length };
  }

  getUser(id: string) {
    const user = this.store.users.get(id);
    if (!user) throw notFound("unknown_user", `no user with id "${id}"`);
    return user;
  }

  /**
   * Items must exist and not be deleted (post them first); users are created on their
   * first event. An event whose event_id was stored before is counted as a duplicate.
   */
  recordEvents(events: EventInput[]): { accepted: number; duplicates: number } {
    const now = Date.now();
    return this.store.transaction(() => {
      const itemIds = events.map((e) => this.store.items.liveIdOf(e.item_id));
      const unknown = events.flatMap((e, index) => (itemIds[index] === undefined ? [{ index, item_id: e.item_id }] : []));
      if (unknown.length) {
        throw unprocessable("unknown_item", `${unknown.length} event(s) name items that do not exist or were deleted: post them to /items first`, unknown);
      }
      let accepted = 0;
      events.forEach((e, i) => {
        const stored = this.store.events.insert({
          userId: this.store.users.ensure(e.user_id, now).id,
          itemId: itemIds[i]!,
          type: eventCode(e.type),
          value: e.value ?? null,
          ts: e.timestamp ?? now,
          context: e.context ? JSON.stringify(e.context) : null,
          eventId: e.event_id ?? null,
        });
        if (stored) accepted++;
      });
      return { accepted, duplicates: events.length - accepted };
    });
  }
}
