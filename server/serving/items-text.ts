// A list's items as JSON text, made once per list: most of GET /recommend's answer. The
// list cache keeps a list as this text (a handful of objects for the collector to mark,
// not a hundred) with its items' reason types, and serves it again without reading the
// text back: the answer's JSON and the metrics take the text and the types as kept; the
// items are parsed only if a caller asks for them.
import type { RecommendedItem } from "./recommendation.js";

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
