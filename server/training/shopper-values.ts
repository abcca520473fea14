// The shopper-value pass of training (models/shopper-value.ts), fed by the same read of
// the events as everything else: item prices from the catalogue, purchases as they come.
import type { Store } from "../store/types.js";
import { PURCHASE } from "../../models/event-types.js";
import { ShopperValueBuilder } from "../../models/shopper-value.js";

/** A builder for every shopper the store has, valuing purchases at today's prices, as of `asOf`. */
export async function shopperValueBuilder(store: Store, numItems: number, asOf: number): Promise<ShopperValueBuilder> {
  const prices = new Float32Array(numItems);
  for (const [id, , price] of await store.items.facets()) if (id < numItems && price !== null && price > 0) prices[id] = price;
  return new ShopperValueBuilder((await store.users.maxId()) + 1, prices, PURCHASE, asOf);
}
