// The list types a storefront asks /recommend for by `placement=`; each can carry its own
// rules, filters and diversity (a rule's `placement`).
//   home       the shopper's personalised list (the default)
//   product    on an item's page (`item=`): like it and bought with it, for this shopper
//   cart       bought together with the cart's items (`items=a,b,c`)
//   buy_again  what the shopper buys repeatedly, due by their own interval
//   trending   rising popularity (with `category=`, within a category)
//   scenario   a themed list for a shopping scenario in words (`theme=camping trip`)
export const PLACEMENTS = ["home", "product", "cart", "buy_again", "trending", "scenario"] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** What a placement is about: the page's item, the cart's items, the theme. */
export interface PlacementInput {
  placement: Placement;
  item?: string;
  items?: readonly string[];
  theme?: string;
}

/** The parameter a placement needs and the input lacks (product: item, cart: items, scenario: theme), if any. */
export function missingInput(input: PlacementInput): "item" | "items" | "theme" | undefined {
  if (input.placement === "product" && input.item === undefined) return "item";
  if (input.placement === "cart" && !input.items?.length) return "items";
  if (input.placement === "scenario" && input.theme === undefined) return "theme";
  return undefined;
}

/** The share of a product or cart list's history weight that the page's or cart's items get; the shopper's own events share the rest. */
export const SEED_WEIGHT = 0.7;
