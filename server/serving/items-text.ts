// A list's items as JSON text, made once per list: most of GET /recommend's answer. The
// list cache keeps a list as this text (a handful of objects for the collector to mark,
// not a hundred) with its items' reason types, and serves it again without reading the
// text back: the answer's JSON and the metrics take the text and the types as kept; the
// items are parsed only if a caller asks for them. A list made by present()
// (personal-lists.ts) has its text written from a template while its items are made
// (ItemsTextWriter): each item's id and title are escaped once per item summary, and its
// score written from the digits it was rounded to, not printed again.
import type { RecommendedItem } from "./recommendation.js";
import type { ItemSummary } from "../store/types.js";
import type { Reason } from "./reasons.js";

const texts = new WeakMap<readonly RecommendedItem[], string>();
/** Lists served from kept text: the text and reason types of their items. */
const kept = new WeakMap<object, { text: string; reasons: readonly string[] }>();

export function itemsText(items: readonly RecommendedItem[]): string {
  let text = texts.get(items);
  if (text === undefined) {
    text = JSON.stringify(items);
    texts.set(items, text);
  }
  return text;
}

/** The items of a text itemsText wrote, which it then returns for them without writing it again. */
export function itemsFromText(text: string): RecommendedItem[] {
  const items = JSON.parse(text) as RecommendedItem[];
  texts.set(items, text);
  return items;
}

/** `list` with its `items` read from their kept text when first asked for. */
export function withKeptItems<T extends { items: RecommendedItem[] }>(list: T, text: string, reasons: readonly string[]): T {
  let items: RecommendedItem[] | undefined;
  Object.defineProperty(list, "items", { enumerable: true, get: () => (items ??= itemsFromText(text)) });
  kept.set(list, { text, reasons });
  return list;
}

/** The JSON text of a list's items (as kept, for a list served again). */
export function itemsTextOf(list: { items: readonly RecommendedItem[] }): string {
  return kept.get(list)?.text ?? itemsText(list.items);
}

/** The reason type of each of a list's items, in order (as kept, for a list served again). */
export function reasonTypesOf(list: { items: readonly RecommendedItem[] }): readonly string[] {
  return kept.get(list)?.reasons ?? list.items.map((i) => i.reason.type);
}

/** An item's JSON made once per summary: its head up to its score, and a reason naming it. */
interface Fragments {
  head: string;
  because: string;
}
const fragments = new WeakMap<ItemSummary, Fragments>();

function fragmentsOf(s: ItemSummary): Fragments {
  let f = fragments.get(s);
  if (!f) {
    const [id, title] = [JSON.stringify(s.extId), JSON.stringify(s.title)];
    fragments.set(s, (f = { head: `{"id":${id},"title":${title},"score":`, because: `{"type":"item_to_item","item":${id},"title":${title}}` }));
  }
  return f;
}

const FIELDLESS = new Map(["your_history", "similar_shoppers", "new_item", "popular", "buy_again", "trending"].map((t) => [t, `{"type":"${t}"}`]));

/**
 * The JSON of `value`, the number `digits` (a toPrecision() text) reads as: the digits
 * without trailing zeros (a decimal of at most 15 significant digits reads back as the
 * double nearest to it, which prints as that decimal), unless in exponent form or not a
 * number (then as JSON.stringify prints it).
 */
export function numberJson(digits: string, value: number): string {
  if (digits.includes("e") || !digits.includes(".")) return JSON.stringify(value);
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) end--;
  if (digits.charCodeAt(end - 1) === 46) end--;
  return digits.slice(0, end);
}

/** A list's items written as JSON while they are made: the text JSON.stringify(items) gives, kept for itemsText(). */
export class ItemsTextWriter {
  private text = "";

  /** The next item: its summary, its score's digits and value, its reason and, for an item_to_item reason, the summary of the item it names. */
  add(item: ItemSummary, digits: string, score: number, reason: Reason, because: ItemSummary | undefined): void {
    const r = reason.type === "item_to_item" ? fragmentsOf(because!).because : (FIELDLESS.get(reason.type) ?? JSON.stringify(reason));
    this.text += `${this.text ? "," : ""}${fragmentsOf(item).head}${numberJson(digits, score)},"reason":${r}}`;
  }

  /** Keeps the text as `items`' own (itemsText()). */
  keep(items: readonly RecommendedItem[]): void {
    texts.set(items, `[${this.text}]`);
  }
}
