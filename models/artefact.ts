// The on-disk format of trained models. A model version is a folder holding one binary
// file per artefact (typed arrays back to back, 16-byte aligned, little-endian) and a
// manifest.json describing every array, the parameters, the seed and a SHA-256 of each
// file; loading refuses a file whose size, checksum or format version does not match.
import { createHash } from "node:crypto";

export const FORMAT = "tuijian-model";
export const FORMAT_VERSION = 1;

type DType = "int32" | "float32";
type Arrays = Record<string, Int32Array | Float32Array>;

export interface ArrayEntry {
  dtype: DType;
  offset: number;
  length: number;
}

export interface ArtefactEntry {
  file: string;
  bytes: number;
  sha256: string;
  arrays: Record<string, ArrayEntry>;
}

/** A nearest-neighbour index stored with a model (server/ann/index-file.ts checks the rest). */
export interface IndexFileEntry {
  file: string;
  bytes: number;
  sha256: string;
}

export interface ModelManifest {
  format: typeof FORMAT;
  formatVersion: number;
  version: string;
  createdAt: string;
  /** The store the model was trained on; a model is never served against another store. */
  storeId: string;
  seed: number;
  params: Record<string, unknown>;
  stats: Record<string, number>;
  artefacts: Record<string, ArtefactEntry>;
  /** Nearest-neighbour indexes, by name ("factors": HNSW over the item factors). */
  indexes?: Record<string, IndexFileEntry>;
}

export const sha256 = (buf: Uint8Array) => createHash("sha256").update(buf).digest("hex");

export function encodeArtefact(file: string, arrays: Arrays): { entry: ArtefactEntry; data: Buffer } {
  const layout: Record<string, ArrayEntry> = {};
  let size = 0;
  for (const [name, a] of Object.entries(arrays)) {
    layout[name] = { dtype: a instanceof Int32Array ? "int32" : "float32", offset: size, length: a.length };
    size = (size + a.byteLength + 15) & ~15;
  }
  const data = Buffer.alloc(size);
  for (const [name, a] of Object.entries(arrays)) {
    data.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), layout[name].offset);
  }
  return { entry: { file, bytes: size, sha256: sha256(data), arrays: layout }, data };
}

export class ArtefactError extends Error {}

export function decodeArtefact(entry: ArtefactEntry, data: Buffer): Arrays {
  if (data.length !== entry.bytes) throw new ArtefactError(`${entry.file}: ${data.length} bytes, manifest says ${entry.bytes}`);
  if (sha256(data) !== entry.sha256) throw new ArtefactError(`${entry.file}: checksum mismatch (corrupt or altered)`);
  // Typed arrays need aligned offsets; copy once into a fresh buffer if the read one is not.
  const buf = data.byteOffset % 16 === 0 ? data : Buffer.from(data);
  const out: Arrays = {};
  for (const [name, a] of Object.entries(entry.arrays)) {
    const Ctor = a.dtype === "int32" ? Int32Array : Float32Array;
    out[name] = new Ctor(buf.buffer as ArrayBuffer, buf.byteOffset + a.offset, a.length);
  }
  return out;
}

export function checkManifest(m: unknown): ModelManifest {
  const manifest = m as ModelManifest;
  if (manifest?.format !== FORMAT) throw new ArtefactError("not a tuijian model manifest");
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new ArtefactError(`model format version ${manifest.formatVersion}; this tuijian reads version ${FORMAT_VERSION}: retrain`);
  }
  return manifest;
}
