// Values shared by the serving processes of one machine through one file in memory (tmpfs),
// read and written with pread/pwrite: a value one process put is found by the others at the
// cost of a system call. The file is a table of fixed-size slots, a key's slot chosen by
// its hash; a put overwrites whatever the slot held (the table forgets, it never blocks).
// Processes write without locks, so a read may meet a slot half-written by another: each
// slot carries a second hash of its key, a 64-bit check of its bytes and the key itself,
// and a read that does not match all three finds nothing. What a value means, and whether
// it still holds, is the caller's to decide (list-sharing.ts).
// The primary creates the file, unlinks it at once and hands its descriptor to every worker
// (cluster.ts): it goes when the last of them exits, a crash included.
import { closeSync, ftruncateSync, openSync, readSync, unlinkSync, writeSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

/** Bytes of a slot: a value above SLOT_BYTES - HEADER bytes is not shared. */
export const SLOT_BYTES = 8192;
/** A slot starts with its payload's length, two 32-bit checks of it, a second hash of its key and the length of its JSON part. */
const HEADER = 20;

/** What a slot holds besides its key: a JSON value and a text, kept apart (a text inside JSON would be escaped and unescaped). */
export interface SlotValue {
  json: unknown;
  text: string;
}

export class SharedSlots {
  private readonly buf = Buffer.allocUnsafeSlow(SLOT_BYTES);
  private readonly words = new Int32Array(this.buf.buffer, 0, SLOT_BYTES / 4);
  private readonly head = new Uint32Array(this.buf.buffer, 0, HEADER / 4);

  /** `fd`: the file (slots × SLOT_BYTES), open for reading and writing. */
  constructor(private readonly fd: number, readonly slots: number) {}

  /** The value last put under `key`, unless another key's put has taken its slot since (or is writing it now). */
  get(key: string): SlotValue | undefined {
    const [slot, keyHash] = hashes(key);
    const at = (slot % this.slots) * SLOT_BYTES;
    // The header alone first: most slots a miss reads hold another key, and a slot's bytes are seldom in the CPU's caches.
    if (readSync(this.fd, this.buf, 0, HEADER, at) < HEADER) return undefined;
    const [length, a, b, k, jsonLength] = this.head;
    if (k !== keyHash || length === 0 || HEADER + length > SLOT_BYTES || jsonLength > length) return undefined;
    const padded = Math.ceil(length / 4) * 4;
    // A slot torn by a write under way fails the checks.
    if (readSync(this.fd, this.buf, HEADER, padded, at + HEADER) < padded) return undefined;
    const [ca, cb] = this.check(length);
    if (ca !== a || cb !== b) return undefined;
    const [storedKey, json] = JSON.parse(this.buf.toString("utf8", HEADER, HEADER + jsonLength)) as [string, unknown];
    return storedKey === key ? { json, text: this.buf.toString("utf8", HEADER + jsonLength, HEADER + length) } : undefined;
  }

  /** Puts `value` under `key`; false when it does not fit a slot, or the file has no room left (a full /dev/shm). */
  put(key: string, { json, text }: SlotValue): boolean {
    const [slot, keyHash] = hashes(key);
    const [room, meta] = [SLOT_BYTES - HEADER, JSON.stringify([key, json])];
    if (!fits(meta, room)) return false;
    const jsonLength = this.buf.write(meta, HEADER, "utf8");
    if (!fits(text, room - jsonLength)) return false;
    const length = jsonLength + this.buf.write(text, HEADER + jsonLength, "utf8");
    const end = HEADER + Math.ceil(length / 4) * 4;
    this.buf.fill(0, HEADER + length, end);
    const [a, b] = this.check(length);
    [this.head[0], this.head[1], this.head[2], this.head[3], this.head[4]] = [length, a, b, keyHash, jsonLength];
    try {
      return writeSync(this.fd, this.buf, 0, end, (slot % this.slots) * SLOT_BYTES) === end;
    } catch {
      return false;
    }
  }

  /** Two independent 32-bit checks of the payload's words (its length mixed in: an empty slot matches none). */
  private check(length: number): [number, number] {
    let a = 0x811c9dc5 ^ length;
    let b = 0x9747b28c + length;
    const words = this.words;
    for (let i = HEADER / 4, end = i + Math.ceil(length / 4); i < end; i++) {
      const w = words[i];
      a = Math.imul(a ^ w, 0x01000193);
      b = (Math.imul(b ^ (b >>> 15), 0x5bd1e995) + w) | 0;
    }
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    return [(a ^ (a >>> 13)) >>> 0, (b ^ (b >>> 16)) >>> 0];
  }
}

/** Whether `text`'s UTF-8 bytes fit in `room` (at most 3 a UTF-16 code unit). */
const fits = (text: string, room: number) => text.length * 3 <= room || Buffer.byteLength(text) <= room;

/** Two independent hashes of a key: its slot, and a check that the slot holds it before its bytes are read. */
function hashes(key: string): [number, number] {
  let [h, k] = [0x811c9dc5, 0x9747b28c];
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    k = (Math.imul(k ^ (k >>> 15), 0x5bd1e995) + c) | 0;
  }
  return [h >>> 0, (k ^ (k >>> 13)) >>> 0 || 1];
}

/**
 * Creates the file for `mb` megabytes of slots in /dev/shm (else the temporary directory),
 * unlinked at once: its descriptor is all that holds it. Undefined when `mb` is 0.
 */
export function createSharedFile(mb: number): { fd: number; slots: number } | undefined {
  const slots = Math.floor((mb * 1024 * 1024) / SLOT_BYTES);
  if (slots === 0) return undefined;
  const fd = unlinkedFile("lists");
  try {
    ftruncateSync(fd, slots * SLOT_BYTES);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return { fd, slots };
}

/** A new empty file in memory (/dev/shm, else the temporary directory), open for reading and writing and already unlinked. */
export function unlinkedFile(name: string): number {
  const dir = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  const path = join(dir, `tuijian-${name}-${process.pid}-${randomBytes(6).toString("hex")}`);
  const fd = openSync(path, "wx+", 0o600);
  unlinkSync(path);
  return fd;
}
