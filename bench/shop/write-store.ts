// Writes a generated shop into a tuijian store through the Store API, as an import would:
// items first, then shoppers and their events, in transactions of ~50,000 rows.
// Events go in either grouped by shopper, as the generator gives them (the fastest to
// write, and the kindest order for training's by-shopper scan), or in time order, as a
// live shop records them (see time-order.ts).
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "../../server/store/types.js";
import { SqliteStore } from "../../server/store/sqlite/store.js";
import type { Progress } from "../../server/platform/progress.js";
import { itemId, type ShopGenerator } from "../shop-generator.js";
import { EVENT_CODES, inBatches, upsertUser } from "./store-rows.js";
import { writeEventsInTimeOrder } from "./time-order.js";

/** What a data directory's store was generated from, next to it. */
export const SHOP_FILE = "bench-shop.json";

export type EventOrder = "user" | "time";
export type MakeProgress = (label: string, unit: string) => Progress;

export interface StoreWriteResult {
  items: number;
  users: number;
  events: number;
}

export const storeFile = (dataDir: string) => join(dataDir, "tuijian.db");

export async function writeShopToStore(shop: ShopGenerator, dataDir: string, order: EventOrder, makeProgress: MakeProgress): Promise<StoreWriteResult> {
  const store = SqliteStore.open(storeFile(dataDir));
  try {
    if (!(await store.isEmpty())) throw new Error(`${storeFile(dataDir)} already holds data: generate into an empty --data-dir`);
    const items = await writeItems(store, shop, makeProgress("items", "items"));
    const written = order === "time" ? await writeEventsInTimeOrder(store, shop, items, makeProgress) : await writeByShopper(store, shop, items, makeProgress("events", "events"));
    writeFileSync(join(dataDir, SHOP_FILE), JSON.stringify({ size: shop.size, order, shape: shop.shape }, null, 2) + "\n");
    return { items: items.length, ...written };
  } finally {
    await store.close();
  }
}

/** Bytes of the store file and its write-ahead log, if any (none once closed). */
export function storeBytes(dataDir: string): number {
  const file = storeFile(dataDir);
  return [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);
}

async function writeItems(store: Store, shop: ShopGenerator, bar: Progress): Promise<Int32Array> {
  const ids = new Int32Array(shop.size.items);
  let done = 0;
  await inBatches(store, shop.items(), async (tx, item) => {
    ids[item.index] = await tx.items.upsert({ id: itemId(item.index), title: item.title, category: item.category, price: item.price, tags: item.tags });
    done++;
    return 1;
  }, () => bar.tick(done));
  bar.done(done);
  return ids;
}

async function writeByShopper(store: Store, shop: ShopGenerator, itemIds: Int32Array, bar: Progress): Promise<{ users: number; events: number }> {
  let users = 0;
  let events = 0;
  await inBatches(store, shop.shoppers(), async (tx, { profile, events: shopperEvents }) => {
    const user = await upsertUser(tx, profile);
    for (const e of shopperEvents) {
      await tx.events.insert({ userId: user, itemId: itemIds[e.item], type: EVENT_CODES[e.type], value: e.value, ts: e.ts, context: null });
    }
    users++;
    events += shopperEvents.length;
    return 1 + shopperEvents.length;
  }, () => bar.tick(events));
  bar.done(events, `${users} users`);
  return { users, events };
}
