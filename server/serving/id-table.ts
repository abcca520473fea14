// A map from external ids (strings) to internal ids held in typed arrays: the ids' code
// units in one arena, open addressing over a slot array. A million shoppers' ids take
// ~45 MB outside the JavaScript heap, where a Map of them would take more inside it, for
// the collector to mark at every major collection.

/** Slots per entry at most (load factor 1/2). */
const SLOTS_PER_ENTRY = 2;

export class IdTable {
  /** Entry index + 1 per slot; 0: empty. */
  private slots = new Int32Array(1024);
  /** Per entry: its internal id, and where its code units start in `units` (ends at the next entry's start). */
  private ids = new Float64Array(512);
  private starts = new Uint32Array(513);
  private units = new Uint16Array(4096);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Room for `entries` in all without growing again: one rehash now (of the few held, when
   * called before a bulk read) instead of about twenty, the last ones blocking ~100 ms each
   * for a million shoppers. Code units grow as they come.
   */
  reserve(entries: number): void {
    let size = this.slots.length;
    while (entries * SLOTS_PER_ENTRY > size) size *= 2;
    if (size > this.slots.length) this.rehash(size);
    if (entries > this.ids.length) {
      this.ids = grown(this.ids, entries);
      this.starts = grown(this.starts, entries + 1);
    }
  }

  get(extId: string): number | undefined {
    const entry = this.find(extId);
    return entry < 0 || Number.isNaN(this.ids[entry]) ? undefined : this.ids[entry];
  }

  /** Forgets the internal id of `extId` (its code units stay, unused). */
  delete(extId: string): void {
    const entry = this.find(extId);
    if (entry >= 0) this.ids[entry] = NaN;
  }

  /** Sets the internal id of `extId`, replacing the one held. */
  set(extId: string, id: number): void {
    const entry = this.find(extId);
    if (entry >= 0) {
      this.ids[entry] = id;
      return;
    }
    if ((this.count + 1) * SLOTS_PER_ENTRY > this.slots.length) this.rehash(this.slots.length * 2);
    const e = this.count++;
    if (e >= this.ids.length) {
      this.ids = grown(this.ids, this.ids.length * 2);
      this.starts = grown(this.starts, this.ids.length + 1);
    }
    const start = this.starts[e];
    if (start + extId.length > this.units.length) this.units = grown(this.units, Math.max(this.units.length * 2, start + extId.length));
    for (let i = 0; i < extId.length; i++) this.units[start + i] = extId.charCodeAt(i);
    this.starts[e + 1] = start + extId.length;
    this.ids[e] = id;
    this.place(e, hash(extId));
  }

  /** The entry holding `extId`, or -1. */
  private find(extId: string): number {
    const mask = this.slots.length - 1;
    for (let s = hash(extId) & mask; ; s = (s + 1) & mask) {
      const entry = this.slots[s] - 1;
      if (entry < 0) return -1;
      if (this.holds(entry, extId)) return entry;
    }
  }

  private holds(entry: number, extId: string): boolean {
    const start = this.starts[entry];
    if (this.starts[entry + 1] - start !== extId.length) return false;
    for (let i = 0; i < extId.length; i++) if (this.units[start + i] !== extId.charCodeAt(i)) return false;
    return true;
  }

  private place(entry: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = entry + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let e = 0; e < this.count; e++) this.place(e, hashUnits(this.units, this.starts[e], this.starts[e + 1]));
  }
}

function grown<T extends Float64Array | Uint32Array | Uint16Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** FNV-1a over UTF-16 code units (hashUnits must agree). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hashUnits(units: Uint16Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ units[i], 0x01000193);
  return h >>> 0;
}
