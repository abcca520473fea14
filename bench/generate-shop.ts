// Generates a seeded shop (default: the standard large shop, 1,000,000 users, 100,000
// items, 20,000,000 events) into a tuijian store, or as gzipped CSV import files.
//
//   node dist/bench/generate-shop.js [--users N --items N --events N --categories N --seed S]
//        [--data-dir DIR]                    store: DIR/tuijian.db (default var/bench-shop)
//        [--order user|time]                 events grouped by shopper (default) or by time
//        [--format csv --out DIR]            items.csv.gz, users.csv.gz, events.csv.gz
//
// Progress goes to stderr; stdout gets the machine and one JSON result line.
import { progress } from "../server/platform/progress.js";
import { printMachine } from "./machine.js";
import { ShopGenerator } from "./shop-generator.js";
import { fail, parseShopFlags } from "./shop/flags.js";
import { writeShopToCsv } from "./shop/write-csv.js";
import { storeBytes, writeShopToStore } from "./shop/write-store.js";

const { shop: flags, values } = parseShopFlags(process.argv.slice(2), { format: { type: "string" }, out: { type: "string" } });
const format = values.format ?? "store";
if (format !== "store" && format !== "csv") fail(`--format must be "store" or "csv", got "${format}"`);
if (format === "csv" && typeof values.out !== "string") fail("--format csv needs --out DIR");

printMachine();
const started = performance.now();
const shop = createShop();
const written =
  format === "csv"
    ? { format, out: values.out, ...(await writeShopToCsv(shop, values.out as string, progress)) }
    : { format, order: flags.order, dataDir: flags.dataDir, ...(await writeShopToStore(shop, flags.dataDir, flags.order, progress)), dbMB: Math.round(storeBytes(flags.dataDir) / 2 ** 20) };
const result = {
  shop: shop.size,
  ...written,
  seconds: Math.round(performance.now() - started) / 1000,
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(JSON.stringify({ generated: result }) + "\n");

function createShop(): ShopGenerator {
  try {
    return new ShopGenerator(flags);
  } catch (err) {
    fail((err as Error).message);
  }
}
