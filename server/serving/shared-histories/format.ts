// The file of shoppers' histories the serving processes share (shared-histories/): a
// header, each shopper's block of events one after another by user id, then an index of
// where each block starts. A block holds a shopper's newest events (newest first, as
// held-rows.ts orders them) column by column, ~17 bytes an event:
//   count n, count k of events with a value (u32 each) | times f64[n] | values f64[k] |
//   ids u32[n] | items i32[n] | types u8[n] (the high bit: the event has a value) | padding to 8.
import { FIELDS } from "../held-rows.js";

/** The header: eight float64s. */
export const HEADER_BYTES = 64;
const MAGIC = 0x7475_6a68; // "tujh"
const FORMAT = 1;
const HAS_VALUE = 0x80;

export interface SnapshotHeader {
  /** Unique to one build of the machine's histories. */
  generation: number;
  /** The newest event id the file holds, and the store's deletion count then (FeedHead). */
  last: number;
  deletions: number;
  /** Events kept a shopper. */
  maxHistory: number;
  /** Where the index starts (bytes), and its length: the user ids it covers, plus one. */
  indexAt: number;
  entries: number;
}

export function headerBytes(h: SnapshotHeader): Buffer {
  const buf = Buffer.alloc(HEADER_BYTES);
  new Float64Array(buf.buffer, buf.byteOffset, 8).set([MAGIC, FORMAT, h.generation, h.last, h.deletions, h.maxHistory, h.indexAt, h.entries]);
  return buf;
}

/** The header a file starts with; undefined when it is not one of ours (a file being written has none yet). */
export function parseHeader(buf: Buffer): SnapshotHeader | undefined {
  if (buf.length < HEADER_BYTES) return undefined;
  const f = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + HEADER_BYTES));
  if (f[0] !== MAGIC || f[1] !== FORMAT) return undefined;
  return { generation: f[2], last: f[3], deletions: f[4], maxHistory: f[5], indexAt: f[6], entries: f[7] };
}

/** Bytes of a block of n events, k of them with a value. */
export const blockBytes = (n: number, k: number) => (n === 0 ? 0 : 8 + 8 * n + 8 * k + Math.ceil((9 * n) / 8) * 8);

/** Bytes a block of up to `maxHistory` events may take. */
export const maxBlockBytes = (maxHistory: number) => blockBytes(maxHistory, maxHistory);

/** Why events cannot be kept in this format, if they cannot (checked by the writer for every event). */
export function unfit(id: number, type: number): string | undefined {
  if (!(id >= 0 && id < 2 ** 32)) return `event id ${id} beyond 32 bits`;
  if (!(type >= 0 && type < HAS_VALUE)) return `event type code ${type} beyond 127`;
  return undefined;
}

/** A scratch buffer with its typed views, for encoding or decoding one block at a time. */
export class BlockBuffer {
  readonly bytes: Buffer;
  private readonly f64: Float64Array;
  private readonly u32: Uint32Array;
  private readonly i32: Int32Array;

  constructor(maxHistory: number) {
    this.bytes = Buffer.from(new ArrayBuffer(maxBlockBytes(maxHistory)));
    this.f64 = new Float64Array(this.bytes.buffer);
    this.u32 = new Uint32Array(this.bytes.buffer);
    this.i32 = new Int32Array(this.bytes.buffer);
  }

  /** Encodes held rows (held-rows.ts) into the buffer's start; returns the block's bytes. */
  encode(rows: Float64Array): number {
    const n = rows.length / FIELDS;
    if (n === 0) return 0;
    let k = 0;
    for (let i = 3; i < rows.length; i += FIELDS) if (!Number.isNaN(rows[i])) k++;
    const [times, values, ids] = [1, 1 + n, 2 + 2 * (n + k)];
    const [items, types] = [ids + n, 4 * (ids + 2 * n)];
    this.u32[0] = n;
    this.u32[1] = k;
    for (let t = 0, v = 0, i = 0; t < n; t++, i += FIELDS) {
      const value = rows[i + 3];
      const has = !Number.isNaN(value);
      if (has) this.f64[values + v++] = value;
      this.f64[times + t] = rows[i + 4];
      this.u32[ids + t] = rows[i];
      this.i32[items + t] = rows[i + 1];
      this.bytes[types + t] = rows[i + 2] | (has ? HAS_VALUE : 0);
    }
    const size = blockBytes(n, k);
    this.bytes.fill(0, types + n, size);
    return size;
  }

  /** The held rows of the block at the buffer's start (`size` bytes of it read); undefined when they do not add up. */
  decode(size: number): Float64Array | undefined {
    if (size === 0) return new Float64Array(0);
    const [n, k] = [this.u32[0], this.u32[1]];
    if (k > n || blockBytes(n, k) !== size) return undefined;
    const [times, values, ids] = [1, 1 + n, 2 + 2 * (n + k)];
    const [items, types] = [ids + n, 4 * (ids + 2 * n)];
    const rows = new Float64Array(n * FIELDS);
    for (let t = 0, v = 0, i = 0; t < n; t++, i += FIELDS) {
      const type = this.bytes[types + t];
      rows[i] = this.u32[ids + t];
      rows[i + 1] = this.i32[items + t];
      rows[i + 2] = type & ~HAS_VALUE;
      rows[i + 3] = type & HAS_VALUE ? this.f64[values + v++] : NaN;
      rows[i + 4] = this.f64[times + t];
    }
    return rows;
  }
}
