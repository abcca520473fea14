// The text embedded for an item. The title says what the item is and is written to be read;
// a description is longer, repeats boilerplate (shipping, care, sizes) and would outvote the
// title in an average, so the title appears twice and the description is cut short.

import { createHash } from "node:crypto";

export interface ItemTextFields {
  title: string;
  description?: string | null;
  category?: string | null;
  tags?: readonly string[] | null;
}

/** Characters of description kept: about 40 words, the part that usually restates the item. */
export const DESCRIPTION_CHARS = 240;

export function itemText(item: ItemTextFields): string {
  const title = clean(item.title);
  const parts = [title, title, clean(item.category), (item.tags ?? []).map(clean).filter(Boolean).join(", "), truncate(clean(item.description), DESCRIPTION_CHARS)];
  return parts.filter(Boolean).join(". ");
}

const clean = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

/** Cut at the last word boundary before `max` characters (a Chinese text has none: cut at max). */
function truncate(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  const head = chars.slice(0, max).join("");
  const space = head.lastIndexOf(" ");
  return space > max / 2 ? head.slice(0, space) : head;
}

/** An item's text as stored fields give it: empty when it has none (it is then not embedded). */
export function textOfRow(r: { title: string | null; description: string | null; category: string | null; tags: readonly string[] }): string {
  if (!r.title && !r.description && !r.category && r.tags.length === 0) return "";
  return itemText({ title: r.title ?? "", description: r.description, category: r.category, tags: r.tags });
}

/** Identifies a text, so an item is embedded again only when its text changed. */
export const textHash = (text: string) => createHash("sha1").update(text).digest("base64");
