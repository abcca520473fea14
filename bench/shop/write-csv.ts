// Writes a generated shop as the gzipped CSV files `tuijian import` reads. Lines are
// gathered into chunks of ~64 KB and each chunk waits for the gzip stream to drain, so
// memory stays flat however large the shop.
import { once } from "node:events";
import { createWriteStream, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip, type Gzip } from "node:zlib";
import type { Progress } from "../../server/platform/progress.js";
import { itemId, userId, type ShopGenerator } from "../shop-generator.js";

const CHUNK_CHARS = 1 << 16;

class GzipCsvFile {
  private readonly gzip: Gzip = createGzip();
  private readonly finished: Promise<void>;
  private chunk = "";

  constructor(readonly path: string, header: string[]) {
    this.finished = pipeline(this.gzip, createWriteStream(path));
    this.add(header);
  }

  add(fields: (string | number | null)[]): void {
    this.chunk += fields.map(csvField).join(",") + "\n";
  }

  /** Hands the gathered lines to gzip once there are enough; waits while it is behind. */
  async flush(force = false): Promise<void> {
    if (this.chunk.length < CHUNK_CHARS && !force) return;
    const ok = this.gzip.write(this.chunk);
    this.chunk = "";
    if (!ok) await Promise.race([once(this.gzip, "drain"), this.finished]);
  }

  async close(): Promise<number> {
    await this.flush(true);
    this.gzip.end();
    await this.finished;
    return statSync(this.path).size;
  }
}

function csvField(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export interface CsvWriteResult {
  items: number;
  users: number;
  events: number;
  files: Record<string, number>;
}

export async function writeShopToCsv(shop: ShopGenerator, outDir: string, makeProgress: (label: string, unit: string) => Progress): Promise<CsvWriteResult> {
  mkdirSync(outDir, { recursive: true });
  const files: Record<string, number> = {};

  const items = new GzipCsvFile(join(outDir, "items.csv.gz"), ["item_id", "title", "category", "price", "tags"]);
  const itemBar = makeProgress("items.csv.gz", "items");
  for (const item of shop.items()) {
    items.add([itemId(item.index), item.title, item.category, item.price, item.tags.join("|")]);
    await items.flush();
  }
  files["items.csv.gz"] = await items.close();
  itemBar.done(shop.size.items);

  const users = new GzipCsvFile(join(outDir, "users.csv.gz"), ["user_id", "region", "tier", "age_band"]);
  const events = new GzipCsvFile(join(outDir, "events.csv.gz"), ["user_id", "item_id", "type", "timestamp", "value"]);
  const bar = makeProgress("users.csv.gz + events.csv.gz", "events");
  let userCount = 0;
  let eventCount = 0;
  for (const { profile, events: shopperEvents } of shop.shoppers()) {
    const user = userId(profile.index);
    users.add([user, profile.region, profile.tier, profile.ageBand]);
    // Import files take Unix seconds; generated times are whole seconds.
    for (const e of shopperEvents) events.add([user, itemId(e.item), e.type, e.ts / 1000, e.value]);
    userCount++;
    eventCount += shopperEvents.length;
    await users.flush();
    await events.flush();
    if ((userCount & 1023) === 0) bar.tick(eventCount);
  }
  files["users.csv.gz"] = await users.close();
  files["events.csv.gz"] = await events.close();
  bar.done(eventCount, `${userCount} users`);
  return { items: shop.size.items, users: userCount, events: eventCount, files };
}
