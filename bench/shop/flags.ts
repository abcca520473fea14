// Command-line flags shared by the programs that generate or use a generated shop.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { STANDARD_LARGE_SHOP, type ShopSize } from "../shop-generator.js";
import type { EventOrder } from "./write-store.js";

export interface ShopFlags extends ShopSize {
  dataDir: string;
  /** How events are written into a store: grouped by shopper, or by time as in a live shop. */
  order: EventOrder;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

const SHOP_OPTIONS: Options = {
  users: { type: "string" },
  items: { type: "string" },
  events: { type: "string" },
  categories: { type: "string" },
  seed: { type: "string" },
  "data-dir": { type: "string" },
  order: { type: "string" },
};

export const DEFAULT_DATA_DIR = "var/bench-shop";

/**
 * The shop flags (defaults: the standard large shop) plus the program's own. Unknown
 * flags and bad numbers stop the program with a message naming the flag; sizes may be
 * written 1e6 or 1_000_000.
 */
export function parseShopFlags(argv: string[], extra: Options = {}): { shop: ShopFlags; values: Record<string, string | boolean | undefined> } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options: { ...SHOP_OPTIONS, ...extra }, strict: true }).values as typeof values;
  } catch (err) {
    fail((err as Error).message);
  }
  const shop: ShopFlags = {
    users: count(values, "users", STANDARD_LARGE_SHOP.users, 1),
    items: count(values, "items", STANDARD_LARGE_SHOP.items, 1),
    events: count(values, "events", STANDARD_LARGE_SHOP.events, 1),
    seed: count(values, "seed", STANDARD_LARGE_SHOP.seed, 0),
    dataDir: typeof values["data-dir"] === "string" ? values["data-dir"] : DEFAULT_DATA_DIR,
    order: values.order === undefined ? "user" : values.order === "user" || values.order === "time" ? values.order : fail(`--order must be "user" or "time", got "${values.order}"`),
  };
  if (values.categories !== undefined) shop.categories = count(values, "categories", 0, 1);
  return { shop, values };
}

/** The shop flags as they were given, to pass the same shop on to another program. */
export function shopArgs(shop: ShopFlags): string[] {
  const args = ["--users", String(shop.users), "--items", String(shop.items), "--events", String(shop.events), "--seed", String(shop.seed)];
  if (shop.categories !== undefined) args.push("--categories", String(shop.categories));
  return [...args, "--order", shop.order, "--data-dir", shop.dataDir];
}

export function count(values: Record<string, unknown>, name: string, fallback: number, min: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(String(raw).replaceAll("_", ""));
  if (!Number.isSafeInteger(n) || n < min) fail(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
