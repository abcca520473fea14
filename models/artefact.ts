// The on-disk format of trained models. A model version is a folder holding one binary
// file per artefact (typed arrays back to back, 16-byte aligned, little-endian) and a
// manifest.json describing every array, the parameters, the seed and a SHA-256 of each
// file; loading refuses a file whose size, checksum or format version does not match.
import { createHash } from "node:crypto";

import { ArtefactError, type ArrayEntry, type ArtefactEntry } from "./manifest.js";

export { ArtefactError, checkManifest, FORMAT, FORMAT_VERSION } from "./manifest.js";
export type { ArrayEntry, ArtefactEntry, IndexFileEntry, ModelManifest } from "./manifest.js";

type Arrays = Record<string, Int32Array | Float32Array>;

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
