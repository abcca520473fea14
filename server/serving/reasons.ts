// Why an item is in a list, as the API shows it, from the reason codes the kernel, the
// cold items and the rules give (core-wasm/shared/reason-codes.ts).
import type { ItemSummary } from "../store/types.js";
import { REASON_BUY_AGAIN, REASON_FACTORS, REASON_NEW_ITEM, REASON_PINNED, REASON_POPULAR_IN, REASON_THEME, REASON_TRENDING } from "../../core-wasm/shared/reason-codes.js";

export type Reason =
  | { type: "item_to_item"; item: string; title: string | null }
  | { type: "your_history" }
  | { type: "similar_shoppers" }
  | { type: "new_item" }
  | { type: "popular" }
  | { type: "popular_in"; segments: string[] }
  | { type: "pinned"; rule: string }
  | { type: "buy_again" }
  | { type: "trending" }
  | { type: "theme"; theme: string };

/** The reasons that come from the shopper's own signals. */
export const PERSONAL_REASONS: ReadonlySet<Reason["type"]> = new Set(["item_to_item", "your_history", "similar_shoppers", "new_item", "buy_again"]);

/**
 * A reason code as shown to the shop: the shopper's own history (the item itself
 * contributed most), another history item, similar shoppers (factors), a new product like
 * what the shopper's history points to (cold items), popularity in the shopper's context
 * (`segments`: the ones that matched), a pin rule, a placement's own ranking (due again,
 * rising, close to the theme), or popularity.
 */
export function reasonOf(
  code: number, item: number, summaries: Map<number, ItemSummary>, context: { segments?: string[]; pinnedBy?: Map<number, string>; theme?: string } = {},
): Reason {
  if (code === item) return { type: "your_history" };
  const because = code >= 0 ? summaries.get(code) : undefined;
  if (because) return { type: "item_to_item", item: because.extId, title: because.title };
  switch (code) {
    case REASON_NEW_ITEM: return { type: "new_item" };
    case REASON_FACTORS: return { type: "similar_shoppers" };
    case REASON_POPULAR_IN: return { type: "popular_in", segments: context.segments ?? [] };
    case REASON_PINNED: return { type: "pinned", rule: context.pinnedBy?.get(item) ?? "" };
    case REASON_BUY_AGAIN: return { type: "buy_again" };
    case REASON_TRENDING: return { type: "trending" };
    case REASON_THEME: return { type: "theme", theme: context.theme ?? "" };
    default: return { type: "popular" };
  }
}
