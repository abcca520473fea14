// The bundled demo shop: UCI Online Retail invoice lines turned into tuijian items, users
// and purchase events. Cancellations, non-positive quantities, lines without a customer
// and fee or adjustment codes are not purchases and are left out.
import { join } from "node:path";
import { projectRoot } from "../project-root.js";
import { fromArray, readRecords, type SourceRecord } from "./record-source.js";
import type { ImportKind, NamedSource } from "./importer.js";

export const DEMO_FILE = () => join(projectRoot(), "demo", "online_retail.csv.gz");

const NOT_PRODUCTS = new Set(["POST", "D", "M", "C2", "DOT", "BANK CHARGES", "CRUK", "PADS", "AMAZONFEE", "B", "S"]);

interface ItemAcc {
  titles: Map<string, number>;
  prices: number[];
}

/** Reads the raw file once and returns the three import sources built from it. */
export async function demoRetailSources(file = DEMO_FILE()): Promise<Record<ImportKind, NamedSource>> {
  const items = new Map<string, ItemAcc>();
  const countries = new Map<string, string>();
  const events: SourceRecord[] = [];
  for await (const rec of readRecords(file)) {
    const f = rec.fields;
    if (!f) continue;
    const invoice = String(f.invoiceno ?? "");
    const code = String(f.stockcode ?? "").trim().toUpperCase();
    const quantity = Number(f.quantity);
    const customer = String(f.customerid ?? "").trim().replace(/\.0$/, "");
    if (invoice.startsWith("C") || !(quantity > 0) || customer === "" || code === "" || NOT_PRODUCTS.has(code)) continue;

    let acc = items.get(code);
    if (!acc) items.set(code, (acc = { titles: new Map(), prices: [] }));
    const title = String(f.description ?? "").trim();
    if (title) acc.titles.set(title, (acc.titles.get(title) ?? 0) + 1);
    const price = Number(f.unitprice);
    if (price > 0) acc.prices.push(price);
    const country = String(f.country ?? "").trim();
    if (country) countries.set(customer, country);
    events.push({
      line: rec.line,
      fields: { user_id: customer, item_id: code, type: "purchase", timestamp: String(f.invoicedate), value: quantity },
    });
  }
  const name = "demo (UCI Online Retail)";
  return {
    items: { name, records: fromArray([...items].map(([id, acc], i) => ({ line: i + 1, fields: { item_id: id, title: mostFrequent(acc.titles), price: median(acc.prices) } }))) },
    users: { name, records: fromArray([...countries].map(([id, country], i) => ({ line: i + 1, fields: { user_id: id, country } }))) },
    events: { name, records: fromArray(events) },
  };
}

function mostFrequent(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [title, c] of counts) if (c > bestCount) [best, bestCount] = [title, c];
  return best;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
