// One built file of shared histories (format.ts) as a reader sees it: its header, its index
// held in memory (8 bytes a user id), and a shopper's block read with one pread.
import { readSync } from "node:fs";
import { BlockBuffer, HEADER_BYTES, parseHeader, type SnapshotHeader } from "./format.js";

export class SnapshotFile {
  private readonly block: BlockBuffer;
  /** Set once another file replaces this one: its bytes may be rewritten from then on. */
  private retired = false;

  private constructor(private readonly fd: number, readonly header: SnapshotHeader, readonly starts: Float64Array) {
    this.block = new BlockBuffer(header.maxHistory);
  }

  /** The file in `fd` if it holds the build named `generation` (any build when undefined). */
  static open(fd: number, generation?: number): SnapshotFile | undefined {
    const head = Buffer.alloc(HEADER_BYTES);
    if (readSync(fd, head, 0, HEADER_BYTES, 0) < HEADER_BYTES) return undefined;
    const header = parseHeader(head);
    if (!header || (generation !== undefined && header.generation !== generation)) return undefined;
    const index = Buffer.from(new ArrayBuffer(header.entries * 8));
    if (readSync(fd, index, 0, index.length, header.indexAt) < index.length) return undefined;
    return new SnapshotFile(fd, header, new Float64Array(index.buffer));
  }

  /** User ids the file covers (0 … users - 1). */
  get users(): number {
    return this.starts.length - 1;
  }

  retire(): void {
    this.retired = true;
  }

  /**
   * The shopper's events as held rows, newest first; empty for a shopper the file has no
   * events of; undefined once retired or when the read falls short (a file cut back).
   */
  rowsOf(userId: number): Float64Array | undefined {
    if (this.retired) return undefined;
    if (userId >= this.users) return new Float64Array(0);
    const [from, to] = [this.starts[userId], this.starts[userId + 1]];
    if (to > from && readSync(this.fd, this.block.bytes, 0, to - from, from) < to - from) return undefined;
    return this.block.decode(to - from);
  }

  /** Bytes [from, to) of the file into `into` at its start (merging a build into the next). */
  read(into: Buffer, from: number, length: number): boolean {
    return readSync(this.fd, into, 0, length, from) === length;
  }
}
