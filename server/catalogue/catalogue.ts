// Writes from the storefront: items, users and events. Each call's batch is written whole
// or not at all (events in group commits with other requests': event-batches.ts), and
// changes to what may be recommended reach the model in use at once.
import type { Store, ItemRecord, UserRecord } from "../store/types.js";
import type { ChangeWatcher } from "../store/change-watcher.js";
import type { Recommender } from "../recommender.js";
import type { EventInput, ItemInput, UserInput } from "../inputs.js";
import { notFound } from "../errors.js";
import { EventBatches, type EventsWritten } from "./event-batches.js";

export class Catalogue {
  private readonly events: EventBatches;

  /** @param onItemsWritten told after items are written (their texts may need embedding). */
  constructor(
    private readonly store: Store,
    private readonly recommender: Recommender,
    private readonly changes: ChangeWatcher,
    private readonly onItemsWritten: () => void = () => {},
  ) {
    this.events = new EventBatches(store);
  }

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

  /** Events, written in group commits with those posted at the same time (event-batches.ts). */
  recordEvents(events: EventInput[]): Promise<EventsWritten> {
    return this.events.record(events);
  }
}
