// The segments items and shoppers belong to, read from the store once per training: an
// item's category ("category=Mugs") and a shopper's attributes ("region=EU"). A key is
// "<name>=<value>", trimmed, the value as a string, so that a request's context
// (contextKeys) names the same keys the model was trained with.
import type { Store } from "./store/types.js";
import { growableInt32 } from "../models/growable.js";

export interface Segments {
  /** keys[s] names segment id s. */
  keys: string[];
  /** The segment ids of a shopper's attributes; shared, read-only. */
  userSegments(userId: number): Int32Array;
  /** The segment id of an item's category (none or one); shared, read-only. */
  itemSegments(itemId: number): Int32Array;
}

export interface SegmentOptions {
  /**
   * The shopper attributes to segment by, or "auto": every attribute with at most
   * MAX_AUTO_VALUES distinct values, so ids, e-mails and free text never become segments.
   */
  userAttributes: string[] | "auto";
}

export const MAX_AUTO_VALUES = 100;

// The request's page category is an item segment; a shopper attribute of the same name
// would share its keys and mix the two, so it is not used.
const CATEGORY = "category";
const NONE = new Int32Array(0);
/** Shoppers read per page. */
const PAGE = 50_000;

/** "<name>=<value>" for a string, number or boolean value; undefined for anything else or blanks. */
export function segmentKey(name: string, value: unknown): string | undefined {
  const scalar = typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
  if (!scalar) return undefined;
  const [n, v] = [name.trim(), String(value).trim()];
  return n && v ? `${n}=${v}` : undefined;
}

/** The segment keys a request's context names: the page's category and the shopper's attributes. */
export function contextKeys(context: { category?: string; attributes?: Record<string, unknown> }): string[] {
  const keys = [segmentKey(CATEGORY, context.category)];
  for (const [name, value] of Object.entries(context.attributes ?? {})) {
    if (name.trim() !== CATEGORY) keys.push(segmentKey(name, value));
  }
  return [...new Set(keys.filter((k): k is string => k !== undefined))];
}

export async function loadSegments(store: Store, opts: SegmentOptions): Promise<Segments> {
  const keys: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (key: string) => {
    let s = ids.get(key);
    if (s === undefined) ids.set(key, (s = keys.push(key) - 1));
    return s;
  };
  const itemSegments = itemCategories(await store.items.maxId(), await store.items.categories(), idOf);
  const userSegments = await userAttributes(store, opts.userAttributes, idOf);
  return { keys, userSegments, itemSegments };
}

function itemCategories(maxId: number, rows: [number, string][], idOf: (key: string) => number): (itemId: number) => Int32Array {
  const segmentOf = new Int32Array(maxId + 1).fill(-1);
  const single: Int32Array[] = [];
  for (const [id, category] of rows) {
    const key = segmentKey(CATEGORY, category);
    if (key === undefined) continue;
    const s = idOf(key);
    segmentOf[id] = s;
    single[s] ??= Int32Array.of(s);
  }
  return (itemId) => (itemId >= 0 && itemId <= maxId && segmentOf[itemId] >= 0 ? single[segmentOf[itemId]] : NONE);
}

interface Attribute {
  name: string;
  /** Candidate id of each raw value met (-1: not a segment value), so a value is formatted once. */
  byValue: Map<unknown, number>;
  /** Candidate id of each key; null once "auto" has seen too many distinct values. */
  byKey: Map<string, number> | null;
}

/**
 * One pass over the shoppers: each (attribute, value) met becomes a candidate, and each
 * shopper's candidates go into one flat array; once the pass knows which attributes
 * qualify, candidates become segment ids and the others are squeezed out.
 */
async function userAttributes(store: Store, wanted: string[] | "auto", idOf: (key: string) => number): Promise<(userId: number) => Int32Array> {
  const auto = wanted === "auto";
  const listed = new Set(auto ? [] : wanted.map((n) => n.trim()));
  const byName = new Map<string, Attribute>();
  const byRawName = new Map<string, Attribute | null>();
  const attributeOf = (raw: string): Attribute | null => {
    let a = byRawName.get(raw);
    if (a === undefined) {
      const name = raw.trim();
      a = name === "" || name === CATEGORY || !(auto || listed.has(name)) ? null : byName.get(name) ?? { name, byValue: new Map(), byKey: new Map() };
      if (a) byName.set(name, a);
      byRawName.set(raw, a);
    }
    return a;
  };
  const candidates: { key: string; attribute: Attribute }[] = [];
  const candidateOf = (a: Attribute, byKey: Map<string, number>, value: unknown): number => {
    let c = a.byValue.get(value);
    if (c !== undefined) return c;
    const key = segmentKey(a.name, value);
    c = key === undefined ? -1 : byKey.get(key);
    if (c === undefined) {
      if (auto && byKey.size >= MAX_AUTO_VALUES) {
        a.byKey = null;
        a.byValue.clear();
        return -1;
      }
      byKey.set(key!, (c = candidates.push({ key: key!, attribute: a }) - 1));
    }
    a.byValue.set(value, c);
    return c;
  };

  const maxId = await store.users.maxId();
  const ptr = new Int32Array(maxId + 2);
  const pairs = growableInt32(1 << 16);
  let next = 0;
  for await (const page of store.users.attributePages(PAGE)) for (const [id, json] of page) {
    if (id > maxId) break;
    while (next <= id) ptr[next++] = pairs.length;
    if (json.length <= 2) continue; // "{}"
    const parsed = JSON.parse(json) as Record<string, unknown>;
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) continue;
    for (const raw in parsed) {
      const value = parsed[raw];
      const a = typeof value === "object" ? null : attributeOf(raw);
      const c = a?.byKey ? candidateOf(a, a.byKey, value) : -1;
      if (c >= 0) pairs.push(c);
    }
  }
  while (next <= maxId + 1) ptr[next++] = pairs.length;

  const segmentOf = Int32Array.from(candidates, (c) => (c.attribute.byKey === null ? -1 : idOf(c.key)));
  const flat = pairs.toArray();
  let kept = 0;
  for (let u = 0, from = 0; u <= maxId; u++) {
    const to = ptr[u + 1];
    ptr[u] = kept;
    for (let i = from; i < to; i++) if (segmentOf[flat[i]] >= 0) flat[kept++] = segmentOf[flat[i]];
    from = to;
  }
  ptr[maxId + 1] = kept;
  const segments = flat.slice(0, kept);
  // Training asks once per event and events come grouped by shopper: reuse the last view.
  let lastUser = -1;
  let last = NONE;
  return (userId) => {
    if (userId === lastUser) return last;
    lastUser = userId;
    return (last = userId >= 0 && userId <= maxId ? segments.subarray(ptr[userId], ptr[userId + 1]) : NONE);
  };
}
