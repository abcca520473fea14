// A list's items as JSON text, made once per list: most of GET /recommend's answer. The
// list cache keeps a list as this text (a handful of objects for the collector to mark,
// not a hundred) and reads it back when the list is served again, its text already known.
import type { RecommendedItem } from "./recommendation.js";

const texts = new WeakMap<readonly RecommendedItem[], string>();

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
