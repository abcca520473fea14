// Why an item is in a list, as the API shows it, from the kernel's reason codes.
import type { ItemSummary } from "../store/types.js";
import { REASON_FACTORS, REASON_NEW_ITEM } from "../../core-wasm/shared/reason-codes.js";

export type Reason =
  | { type: "item_to_item"; item: string; title: string | null }
  | { type: "your_history" }
  | { type: "similar_shoppers" }
  | { type: "new_item" }
  | { type: "popular" }
  | { type: "popular_in"; segments: string[] };

/**
 * A kernel reason code as shown to the shop: the shopper's own history (the item itself
 * contributed most), another history item, similar shoppers (factors), a new product like
 * what the shopper's history points to (cold items), or popularity.
 */
export function reasonOf(code: number, item: number, summaries: Map<number, ItemSummary>): Reason {
  if (code === item) return { type: "your_history" };
  const because = code >= 0 ? summaries.get(code) : undefined;
  if (because) return { type: "item_to_item", item: because.extId, title: because.title };
  if (code === REASON_NEW_ITEM) return { type: "new_item" };
  return code === REASON_FACTORS ? { type: "similar_shoppers" } : { type: "popular" };
}
