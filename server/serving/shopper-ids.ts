// Shoppers' internal ids by their external ids, kept per process until a shopper is
// erased: the store's users counter moves then, and any process's erasure reaches this one
// within the ChangeWatcher's interval, as it reaches the kept lists. Only known shoppers
// are kept: one the store does not know yet may arrive with their first event, which
// moves no counter. A cached list's request then reads nothing from the store for the id.
import type { Store } from "../store/types.js";
import type { ChangeWatcher } from "../store/change-watcher.js";

/** Bounds the map (about 100 bytes a shopper); the first kept goes first. */
const MAX_KEPT = 100_000;

export class ShopperIds {
  private readonly ids = new Map<string, number>();
  private version = -1;

  constructor(private readonly store: Store, private readonly changes: ChangeWatcher) {}

  async of(extId: string): Promise<number | undefined> {
    const { users } = await this.changes.current();
    if (users !== this.version) {
      this.ids.clear();
      this.version = users;
    }
    return this.ids.get(extId) ?? this.fresh(extId);
  }

  /** The store's answer, kept if the shopper is known (the kept id is forgotten first). */
  async fresh(extId: string): Promise<number | undefined> {
    this.ids.delete(extId);
    const id = await this.store.users.idOf(extId);
    if (id === undefined) return undefined;
    if (this.ids.size >= MAX_KEPT) this.ids.delete(this.ids.keys().next().value!);
    this.ids.set(extId, id);
    return id;
  }
}
