// A served list's recommendation_id: a UUID of version 7 (RFC 9562), whose first 48 bits
// are the time in milliseconds. Lists are stored by this id: ids that grow with time are
// appended at the end of the store's index instead of landing at random places in it,
// which made recording a list cost a tenth of a request (bench/served-overhead.ts).
// The remaining 74 bits are random: ids stay unguessable.
import { randomFillSync } from "node:crypto";

const POOL = 4096;
const pool = Buffer.alloc(POOL);
let used = POOL;
const hex = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** A new UUIDv7: time-ordered across calls of one process (ties broken at random). */
export function listId(now = Date.now()): string {
  if (used + 10 > POOL) {
    randomFillSync(pool);
    used = 0;
  }
  const r = pool.subarray(used, (used += 10));
  const t = now.toString(16).padStart(12, "0");
  const b = (i: number) => hex[r[i]];
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${b(0).slice(1)}${b(1)}-${hex[(r[2] & 0x3f) | 0x80]}${b(3)}-${b(4)}${b(5)}${b(6)}${b(7)}${b(8)}${b(9)}`;
}
