// Online Retail purchases per customer with their value (quantity × unit price), for the
// shopper-value validation. The demo import decides which lines are purchases
// (cancellations, non-positive quantities, no customer, fee codes are not); its events
// carry only the quantity, so unit prices are read from the same file by line number.
import { demoRetailSources } from "../server/import/demo-retail.js";
import { readRecords } from "../server/import/record-source.js";
import type { Purchase } from "../models/clv.js";

/** The file's invoice dates are UTC without a zone ("2010-12-01 08:26:00"). */
const parseTime = (s: string) => Date.parse(s.trim().replace(" ", "T") + "Z");

export async function retailPurchases(file: string): Promise<Map<string, Purchase[]>> {
  const lines = new Map<number, { price: number; quantity: number }>();
  for await (const rec of readRecords(file)) {
    if (rec.fields) lines.set(rec.line, { price: Number(rec.fields.unitprice), quantity: Number(rec.fields.quantity) });
  }
  const byCustomer = new Map<string, Purchase[]>();
  const { events } = await demoRetailSources(file);
  for await (const rec of events.records) {
    const f = rec.fields!;
    const ts = parseTime(String(f.timestamp));
    const line = lines.get(rec.line);
    // The join by line number holds only if both reads number lines alike: check the quantity.
    if (!line || line.quantity !== Number(f.value)) throw new Error(`${file}:${rec.line}: the event and the line disagree`);
    const value = line.quantity * line.price;
    if (!Number.isFinite(ts) || !Number.isFinite(value)) throw new Error(`${file}:${rec.line}: unreadable date or price`);
    const customer = String(f.user_id);
    let list = byCustomer.get(customer);
    if (!list) byCustomer.set(customer, (list = []));
    list.push({ ts, value });
  }
  return byCustomer;
}
