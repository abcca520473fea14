// Why an item is in a list, as a code: an item id (>= 0) names the history item that
// contributed most; the negative codes below name the other sources. Shared, as written,
// by the WASM kernel (AssemblyScript), its reference and the service.

/** Popularity alone. */
export const REASON_POPULAR = -1;
/** The shopper's factor (similar shoppers) outweighs popularity. */
export const REASON_FACTORS = -2;
/** A product posted since training, resembling what the history points to (never scored by the kernel). */
export const REASON_NEW_ITEM = -3;
/** Put at its place by a pin rule (the service's, never the kernel's). */
export const REASON_PINNED = -4;
/** Popular in the shopper's context: category, region, tier… (the service's). */
export const REASON_POPULAR_IN = -5;
/** Bought repeatedly and due again (the buy_again placement; the service's). */
export const REASON_BUY_AGAIN = -6;
/** Rising popularity (the trending placement; the service's). */
export const REASON_TRENDING = -7;
/** Close in text to a scenario's theme (the scenario placement; the service's). */
export const REASON_THEME = -8;
