// A shopper's held events packed in one Float64Array (shopper-histories.ts): 40 bytes an
// event, outside the JavaScript heap.
import type { FeedEvent, HistoryEvent } from "../store/types.js";

/** Fields of an event as held: id, item, type, value (NaN: none), time. */
export const FIELDS = 5;

/**
 * The held events' ids, hashed (two 32-bit lanes): processes that hold the same events of a
 * shopper (their newest maxHistory, from the same store) name them alike.
 */
export function digestOf(rows: Float64Array): string {
  let [a, b] = [0x811c9dc5, 0x9747b28c];
  for (let i = 0; i < rows.length; i += FIELDS) {
    const [lo, hi] = [rows[i] >>> 0, (rows[i] / 0x1_0000_0000) | 0];
    a = Math.imul(a ^ lo, 0x01000193) ^ hi;
    b = (Math.imul(b ^ (b >>> 15), 0x5bd1e995) + lo) | 0;
  }
  return `h${rows.length / FIELDS}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

export function pack(events: FeedEvent[]): Float64Array {
  const rows = new Float64Array(events.length * FIELDS);
  for (let t = 0, i = 0; t < events.length; t++, i += FIELDS) {
    const [id, , itemId, type, value, ts] = events[t];
    rows[i] = id;
    rows[i + 1] = itemId;
    rows[i + 2] = type;
    rows[i + 3] = value ?? NaN;
    rows[i + 4] = ts;
  }
  return rows;
}

/** Whether the rows hold the event with this id. */
export function holds(rows: Float64Array, id: number): boolean {
  for (let i = 0; i < rows.length; i += FIELDS) if (rows[i] === id) return true;
  return false;
}

/**
 * The rows (newest first by time, then id) with an event they do not hold yet put in its
 * place; the same rows when it is older than their newest `max`.
 */
export function withEvent(rows: Float64Array, e: FeedEvent, max: number): Float64Array {
  const [id, , itemId, type, value, ts] = e;
  const n = rows.length / FIELDS;
  let at = 0;
  while (at < n && (rows[at * FIELDS + 4] > ts || (rows[at * FIELDS + 4] === ts && rows[at * FIELDS] > id))) at++;
  if (at >= max) return rows;
  const m = Math.min(n + 1, max);
  const next = new Float64Array(m * FIELDS);
  next.set(rows.subarray(0, at * FIELDS));
  next.set([id, itemId, type, value ?? NaN, ts], at * FIELDS);
  next.set(rows.subarray(at * FIELDS, (m - 1) * FIELDS), (at + 1) * FIELDS);
  return next;
}

/**
 * An event as a request reads it. Made by a constructor, not an object literal: V8 moves
 * a literal's allocation site to the old generation once its objects outlive a young
 * collection often enough (a list's events live across its awaits under load), and these
 * then took ~300 ns an event instead of ~20 (the demo shop's lists: ~19 µs of their ~230).
 */
class HeldEvent implements HistoryEvent {
  constructor(readonly itemId: number, readonly type: number, readonly value: number | null, readonly ts: number) {}
}

export function unpack(rows: Float64Array): HistoryEvent[] {
  const events: HistoryEvent[] = new Array(rows.length / FIELDS);
  for (let t = 0, i = 0; i < rows.length; t++, i += FIELDS) {
    const value = rows[i + 3];
    events[t] = new HeldEvent(rows[i + 1] | 0, rows[i + 2] | 0, Number.isNaN(value) ? null : value, rows[i + 4]);
  }
  return events;
}
