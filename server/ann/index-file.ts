// A vector index on disk: one file plus a manifest entry (format version, parameters,
// seed, size, byte count, SHA-256) that the caller stores, e.g. in a model's
// manifest.json. Loading checks the entry against the file before reading a byte of it
// into the index: hnswlib's own reader trusts its input. HNSW files are hnswlib's
// format; exact files are this module's (see EXACT_MAGIC). Writes go to a temporary file
// renamed into place, so a failed save never leaves a half-written index under `file`.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { endianness } from "node:os";
import { basename } from "node:path";
import { ArtefactError, sha256 } from "../../models/artefact.js";
import { ExactIndex, type ExactSlots } from "./exact-index.js";
import { HnswIndex } from "./hnsw-index.js";
import type { Metric, VectorIndex } from "./vector-index.js";

export const INDEX_FORMAT = "tuijian-vector-index";
export const INDEX_FORMAT_VERSION = 1;

export interface IndexEntry {
  format: typeof INDEX_FORMAT;
  formatVersion: number;
  kind: VectorIndex["kind"];
  dim: number;
  metric: Metric;
  /** Live vectors. */
  size: number;
  /** HNSW parameters; absent for an exact index. */
  M?: number;
  efConstruction?: number;
  ef?: number;
  seed?: number;
  /** The file's name, relative to the manifest that holds this entry. */
  file: string;
  bytes: number;
  sha256: string;
}

export function saveIndex(index: VectorIndex, file: string): IndexEntry {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    if (index instanceof HnswIndex) index.write(tmp);
    else if (index instanceof ExactIndex) writeFileSync(tmp, encodeExact(index.slots(), index.dim));
    else throw new TypeError(`saveIndex: no file format for a ${index.kind} index of another class`);
    // hnswlib does not report a failed write: reading the file back is the check.
    const data = readFileSync(tmp);
    renameSync(tmp, file);
    const params = index instanceof HnswIndex ? { M: index.params.M, efConstruction: index.params.efConstruction, ef: index.ef, seed: index.params.seed } : {};
    return {
      format: INDEX_FORMAT, formatVersion: INDEX_FORMAT_VERSION, kind: index.kind, dim: index.dim, metric: index.metric,
      size: index.size, ...params, file: basename(file), bytes: data.length, sha256: sha256(data),
    };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Reads and checks an index file against its manifest entry (format, size, checksum, kind, header), then loads it. */
export function loadIndex(entry: IndexEntry, file: string): VectorIndex {
  const data = checkIndexFile(entry, file);
  return sized(entry, file, entry.kind === "hnsw" ? HnswIndex.read(file, entry.dim, entry.metric, hnswParams(entry), entry.size) : loadExact(entry, data, failure(file)));
}

/**
 * The same, with an HNSW index read by hnswlib on libuv's pool, off the event loop, from a
 * file `checkIndexFile` passed (a model's folder never changes); an exact index is read
 * and checked here.
 */
export async function openCheckedIndex(entry: IndexEntry, file: string): Promise<VectorIndex> {
  if (entry.kind === "hnsw") return sized(entry, file, await HnswIndex.readAsync(file, entry.dim, entry.metric, hnswParams(entry), entry.size));
  return sized(entry, file, loadExact(entry, checkIndexFile(entry, file), failure(file)));
}

const failure = (file: string) => (problem: string) => new ArtefactError(`${file}: ${problem}`);
/** An HNSW entry's parameters (checkIndexFile made sure it has them). */
const hnswParams = ({ M, efConstruction, ef, seed }: IndexEntry) => ({ M: M!, efConstruction: efConstruction!, ef: ef!, seed: seed! });

/** The file's bytes, after every check that needs no index built: its entry, size, checksum and (HNSW) header. */
export function checkIndexFile(entry: IndexEntry, file: string): Buffer {
  const fail = failure(file);
  if (entry?.format !== INDEX_FORMAT) throw fail(`manifest entry is not a ${INDEX_FORMAT}`);
  if (entry.formatVersion !== INDEX_FORMAT_VERSION) {
    throw fail(`vector index format version ${entry.formatVersion}; this tuijian reads version ${INDEX_FORMAT_VERSION}: retrain`);
  }
  if (entry.metric !== "ip" && entry.metric !== "cosine") throw fail(`unknown metric ${entry.metric}`);
  if (!Number.isInteger(entry.dim) || entry.dim < 1) throw fail(`bad dimension ${entry.dim}`);
  if (entry.kind !== "hnsw" && entry.kind !== "exact") throw fail(`unknown index kind ${entry.kind}`);
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    throw fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  if (data.length !== entry.bytes) throw fail(`${data.length} bytes, manifest says ${entry.bytes} (truncated or replaced)`);
  if (sha256(data) !== entry.sha256) throw fail("checksum mismatch (corrupt or altered)");
  if (entry.kind === "hnsw") checkHnswHeader(entry, data, fail);
  return data;
}

function sized(entry: IndexEntry, file: string, index: VectorIndex): VectorIndex {
  if (index.size !== entry.size) throw failure(file)(`holds ${index.size} vectors, manifest says ${entry.size}`);
  return index;
}

function checkHnswHeader(entry: IndexEntry, data: Buffer, fail: (problem: string) => ArtefactError): void {
  const { M, efConstruction, ef, seed } = entry;
  if (M === undefined || efConstruction === undefined || ef === undefined || seed === undefined) {
    throw fail("HNSW manifest entry lacks M, efConstruction, ef or seed");
  }
  // hnswlib takes the vector size from the caller, not the file: check the two agree
  // before it reads. Its header is size_t fields (little-endian on every Node platform):
  // count at byte 16, label offset at 32, vector offset at 40, M at 72; 96 bytes in all.
  if (data.length < 96) throw fail("too short for an HNSW index");
  const field = (at: number) => Number(data.readBigUInt64LE(at));
  const vectorBytes = field(32) - field(40);
  if (vectorBytes !== 4 * entry.dim) throw fail(`holds ${vectorBytes / 4}-dimensional vectors, manifest says ${entry.dim}`);
  if (field(72) !== M) throw fail(`was built with M ${field(72)}, manifest says ${M}`);
  if (field(16) < entry.size) throw fail(`holds ${field(16)} vectors, manifest says ${entry.size} live`);
}

// The exact format, little-endian: a 16-byte header ("TJVX", dim, slot count, 0), the
// slots' labels (int32), their live flags (uint8, padded to 4 bytes), their vectors
// (float32, slot-major). Removed slots are kept (zeroed) so a loaded index is the saved
// one slot for slot.
const EXACT_MAGIC = 0x58564a54; // "TJVX" read as a little-endian uint32
const HEADER = 16;
const flagBytes = (count: number) => (count + 3) & ~3;

function encodeExact(slots: ExactSlots, dim: number): Buffer {
  assertLittleEndian();
  const { count } = slots;
  const data = Buffer.alloc(HEADER + 4 * count + flagBytes(count) + 4 * count * dim);
  data.writeUInt32LE(EXACT_MAGIC, 0);
  data.writeUInt32LE(dim, 4);
  data.writeUInt32LE(count, 8);
  const bytes = (a: Int32Array | Uint8Array | Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  data.set(bytes(slots.labels), HEADER);
  data.set(bytes(slots.live), HEADER + 4 * count);
  data.set(bytes(slots.vectors), HEADER + 4 * count + flagBytes(count));
  return data;
}

function loadExact(entry: IndexEntry, data: Buffer, fail: (problem: string) => ArtefactError): ExactIndex {
  assertLittleEndian();
  if (data.length < HEADER || data.readUInt32LE(0) !== EXACT_MAGIC) throw fail("not an exact vector index file");
  const dim = data.readUInt32LE(4);
  const count = data.readUInt32LE(8);
  if (dim !== entry.dim) throw fail(`holds ${dim}-dimensional vectors, manifest says ${entry.dim}`);
  const vectorsAt = HEADER + 4 * count + flagBytes(count);
  if (data.length !== vectorsAt + 4 * count * dim) throw fail(`${data.length} bytes do not hold ${count} slots of ${dim} dimensions`);
  // Copy into fresh, aligned memory: a Buffer's offset need not be a multiple of 4.
  const copy = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
  const slots: ExactSlots = {
    count,
    labels: new Int32Array(copy.buffer, HEADER, count),
    live: new Uint8Array(copy.buffer, HEADER + 4 * count, count),
    vectors: new Float32Array(copy.buffer, vectorsAt, count * dim),
  };
  try {
    return ExactIndex.fromSlots(dim, entry.metric, slots);
  } catch (error) {
    throw fail((error as Error).message);
  }
}

/** Typed arrays are written as they sit in memory; every platform Node ships for is little-endian. */
function assertLittleEndian(): void {
  if (endianness() !== "LE") throw new Error("vector index files are little-endian; this machine is big-endian");
}
