// Builds a file of shared histories (format.ts), in a thread (build-thread.ts): afresh from
// every stored event, or as the previous file merged with the events stored since (the
// shoppers without new events copied byte for byte).
import { ftruncateSync, writeSync } from "node:fs";
import type { FeedEvent } from "../../store/types.js";
import type { HistoryDump } from "../../store/sqlite/history-dump.js";
import { BlockBuffer, HEADER_BYTES, headerBytes, unfit, type SnapshotHeader } from "./format.js";
import { FIELDS, withEvent } from "../held-rows.js";
import { SnapshotFile } from "./snapshot-file.js";

const CHUNK = 4 << 20;

export class TooLarge extends Error {}

/** Sequential writes through one buffer, within a budget of bytes. */
class Output {
  private readonly chunk = Buffer.allocUnsafeSlow(CHUNK);
  private used = 0;
  pos = HEADER_BYTES;

  constructor(private readonly fd: number, private readonly budget: number) {
    ftruncateSync(fd, 0);
  }

  put(bytes: Buffer, length: number): void {
    if (this.pos + length > this.budget) throw new TooLarge(`the shared histories need more than ${Math.floor(this.budget / 2 ** 20)} MB (sharedHistoryMb)`);
    if (this.used + length > CHUNK) this.flush();
    bytes.copy(this.chunk, this.used, 0, length);
    this.used += length;
    this.pos += length;
  }

  flush(): void {
    if (this.used > 0) writeSync(this.fd, this.chunk, 0, this.used, this.pos - this.used);
    this.used = 0;
  }

  /** The index after the blocks, then the header: a file is one of ours only once complete. */
  finish(header: Omit<SnapshotHeader, "indexAt" | "entries">, starts: Float64Array): SnapshotHeader {
    const indexAt = this.pos;
    const index = Buffer.from(starts.buffer, starts.byteOffset, starts.byteLength);
    for (let at = 0; at < index.length; at += CHUNK) this.put(index.subarray(at), Math.min(CHUNK, index.length - at));
    this.flush();
    const full = { ...header, indexAt, entries: starts.length };
    writeSync(this.fd, headerBytes(full), 0, HEADER_BYTES, 0);
    return full;
  }
}

/** Block starts by user id, growing as ids do. */
class Starts {
  values = new Float64Array(1 << 16);

  /** Users [from, to) start at `pos`. */
  fill(from: number, to: number, pos: number): void {
    if (to >= this.values.length) {
      const grown = new Float64Array(Math.max(to + 1, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values.fill(pos, from, to);
  }
}

export interface Built {
  header: SnapshotHeader;
  /** Shoppers with events in the file. */
  shoppers: number;
  bytes: number;
}

/** Every shopper's newest `maxHistory` events, from every stored event. */
export function writeFull(dump: HistoryDump, fd: number, opts: { generation: number; maxHistory: number; budget: number }): Built {
  const out = new Output(fd, opts.budget);
  const block = new BlockBuffer(opts.maxHistory);
  const starts = new Starts();
  return dump.consistent(() => {
    const { last, deletions } = dump.head();
    let [user, shoppers] = [-1, 0];
    const run: FeedEvent[] = [];
    const put = () => {
      const n = Math.min(run.length, opts.maxHistory);
      const rows = new Float64Array(n * FIELDS);
      for (let t = 0; t < n; t++) {
        const [id, , itemId, type, value, ts] = run[run.length - 1 - t];
        rows.set([id, itemId, type, value ?? NaN, ts], t * FIELDS);
      }
      shoppers++;
      out.put(block.bytes, block.encode(rows));
    };
    for (const e of dump.all()) {
      const why = unfit(e[0], e[3]);
      if (why) throw new Error(`shared histories not built: ${why}`);
      if (e[1] !== user) {
        if (run.length > 0) put();
        starts.fill(user + 1, e[1] + 1, out.pos);
        [user, run.length] = [e[1], 0];
      }
      run.push(e);
    }
    if (run.length > 0) put();
    starts.fill(user + 1, user + 2, out.pos);
    const header = out.finish({ generation: opts.generation, last, deletions, maxHistory: opts.maxHistory }, starts.values.subarray(0, user + 2));
    return { header, shoppers, bytes: out.pos };
  });
}

/**
 * The file `old` with the events stored since it was built applied; undefined when events
 * were deleted since (only a build afresh lets go of them).
 */
export function writeMerged(dump: HistoryDump, old: SnapshotFile, fd: number, opts: { generation: number; budget: number }): Built | undefined {
  const { maxHistory } = old.header;
  const out = new Output(fd, opts.budget);
  const block = new BlockBuffer(maxHistory);
  return dump.consistent(() => {
    const { last, deletions } = dump.head();
    if (deletions !== old.header.deletions) return undefined;
    const byUser = new Map<number, FeedEvent[]>();
    for (const e of dump.between(old.header.last, last)) {
      const why = unfit(e[0], e[3]);
      if (why) throw new Error(`shared histories not built: ${why}`);
      const list = byUser.get(e[1]);
      if (list) list.push(e);
      else byUser.set(e[1], [e]);
    }
    const changed = [...byUser.keys()].sort((a, b) => a - b);
    const end = Math.max(old.users, (changed.at(-1) ?? -1) + 1);
    const starts = new Starts();
    const chunk = Buffer.allocUnsafeSlow(CHUNK);
    let next = 0;
    for (const user of [...changed, end]) {
      // Users before this one, unchanged: their blocks copied as they are.
      const copyTo = Math.min(user, old.users);
      if (next < copyTo) {
        const [from, to] = [old.starts[next], old.starts[copyTo]];
        const shift = out.pos - from;
        for (let u = next; u < copyTo; u++) starts.fill(u, u + 1, old.starts[u] + shift);
        for (let at = from; at < to; at += CHUNK) {
          const length = Math.min(CHUNK, to - at);
          if (!old.read(chunk, at, length)) throw new Error("shared histories not merged: the previous file fell short");
          out.put(chunk, length);
        }
      }
      starts.fill(Math.max(next, copyTo), user, out.pos);
      if (user === end) break;
      let rows = user < old.users ? old.rowsOf(user) : new Float64Array(0);
      if (!rows) throw new Error("shared histories not merged: the previous file fell short");
      for (const e of byUser.get(user)!) rows = withEvent(rows, e, maxHistory);
      starts.fill(user, user + 1, out.pos);
      out.put(block.bytes, block.encode(rows));
      next = user + 1;
    }
    starts.fill(end, end + 1, out.pos);
    let shoppers = 0;
    for (let u = 0; u < end; u++) if (starts.values[u + 1] > starts.values[u]) shoppers++;
    const header = out.finish({ generation: opts.generation, last, deletions, maxHistory }, starts.values.subarray(0, end + 1));
    return { header, shoppers, bytes: out.pos };
  });
}
