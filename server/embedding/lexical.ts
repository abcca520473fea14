// A character n-gram TF-IDF embedder: the part of a text embedding that needs no
// vocabulary, so Chinese titles, brand names and product codes still get useful vectors.
// Features of the NFKC-lowercased text: Han/kana/Hangul characters and adjacent pairs
// (Chinese has no spaces, and most words are one or two characters); for other scripts each
// letter/digit token whole plus its boundary-padded 3-grams ("#mug#" → "#mu", "mug", "ug#");
// and codes whole ("sku-84029e"). Features are hashed twice over one 32-bit hash: into
// IDF_BUCKETS fine buckets for the IDF, so rare n-grams keep their own weight, and with a
// sign into `dim` output dimensions (feature hashing: collisions cancel on average rather
// than adding up).
import { createHash } from "node:crypto";
import type { Embedder } from "./embedder.js";

/**
 * Output dimensions. Nearest neighbour in the same group among 16 Chinese titles: 50% at
 * 128 and 256, 56% at 512, 50% at 1024; root-mean-square cosine of 41 English titles,
 * unfitted: 0.10, 0.083, 0.072, 0.066. Past 256 what remains is mostly n-grams the titles
 * really share, not hash collisions, and every dimension is paid for per item in the index.
 */
export const DEFAULT_LEXICAL_DIM = 256;
const IDF_BITS = 18; // top bits of the hash: 262,144 IDF buckets, 1 MB serialised
const IDF_BUCKETS = 1 << IDF_BITS;
const SIGN_BIT = 1 << 13; // clear of the IDF bits, and of the output index for dims 2^k ≤ 8192
const HASH_SEED = 0x746a6e; // "tjn"; below 2^24 so a Float32Array header holds it exactly
const FORMAT_VERSION = 1;
const HEADER = 5; // [format version, seed, dim, buckets, documents]

const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const SEGMENT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}\p{M}]+/gu;
const CODE = /^[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)+$/u;

/** The features of a text, with repeats (their counts are the term frequencies). */
export function lexicalFeatures(text: string): string[] {
  const norm = text.normalize("NFKC").toLowerCase();
  const out: string[] = [];
  for (const chunk of norm.split(/\s+/)) {
    const trimmed = chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (CODE.test(trimmed) && /\p{N}/u.test(trimmed)) out.push("c:" + trimmed);
  }
  for (const seg of norm.match(SEGMENT) ?? []) {
    const chars = [...seg];
    if (EAST_ASIAN.test(chars[0])) {
      for (let i = 0; i < chars.length; i++) {
        out.push(chars[i]);
        if (i + 1 < chars.length) out.push(chars[i] + chars[i + 1]);
      }
    } else {
      out.push("w:" + seg);
      const padded = ["#", ...chars, "#"];
      for (let i = 0; i + 3 <= padded.length; i++) out.push(padded[i] + padded[i + 1] + padded[i + 2]);
    }
  }
  return out;
}

/** FNV-1a over UTF-16 code units, seeded, then murmur3's finaliser so all 32 bits mix. */
export function featureHash(feature: string): number {
  let h = (0x811c9dc5 ^ HASH_SEED) >>> 0;
  for (let i = 0; i < feature.length; i++) h = Math.imul(h ^ feature.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class LexicalEmbedder implements Embedder {
  /** A digest of the fitted IDF, part of the id: a refit changes the vectors. */
  private idfDigest = "";
  /** Smoothed inverse document frequency per fine bucket; all 1 until fitted. */
  private readonly idf: Float32Array;
  private fitted = 0;

  constructor(readonly dim: number = DEFAULT_LEXICAL_DIM) {
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`lexical dim must be a positive integer, got ${dim}`);
    this.idf = new Float32Array(IDF_BUCKETS).fill(1);
  }

  get id(): string {
    return `lexical-ngram-${this.dim}` + (this.idfDigest ? `-idf-${this.idfDigest}` : "");
  }

  /** Texts the IDF was fitted on (0: not fitted). */
  get documents(): number {
    return this.fitted;
  }

  /** Fits the IDF over a catalogue's texts (replacing any earlier fit). */
  fit(texts: Iterable<string>): this {
    const df = new Uint32Array(IDF_BUCKETS);
    const seen = new Set<number>();
    let n = 0;
    for (const text of texts) {
      n++;
      seen.clear();
      for (const f of lexicalFeatures(text)) seen.add(featureHash(f) >>> (32 - IDF_BITS));
      for (const b of seen) df[b]++;
    }
    // sklearn's smooth IDF: never zero, so a feature in every text still counts a little.
    for (let b = 0; b < IDF_BUCKETS; b++) this.idf[b] = Math.log((1 + n) / (1 + df[b])) + 1;
    this.fitted = n;
    this.idfDigest = digest(this.idf);
    return this;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }

  /** A unit vector, or all zeros for a text with no letters or digits. */
  embedOne(text: string): Float32Array {
    const tf = new Map<number, number>();
    for (const f of lexicalFeatures(text)) {
      const h = featureHash(f);
      tf.set(h, (tf.get(h) ?? 0) + 1);
    }
    const v = new Float32Array(this.dim);
    for (const [h, count] of tf) {
      const w = (1 + Math.log(count)) * this.idf[h >>> (32 - IDF_BITS)];
      v[h % this.dim] += h & SIGN_BIT ? w : -w;
    }
    return normalised(v);
  }

  /** The fitted state, to store beside a model: header then the IDF. */
  serialise(): Float32Array {
    const out = new Float32Array(HEADER + IDF_BUCKETS);
    out.set([FORMAT_VERSION, HASH_SEED, this.dim, IDF_BUCKETS, this.fitted]);
    out.set(this.idf, HEADER);
    return out;
  }

  static deserialise(data: Float32Array): LexicalEmbedder {
    const [version, seed, dim, buckets, documents] = data;
    if (version !== FORMAT_VERSION || seed !== HASH_SEED || buckets !== IDF_BUCKETS || data.length !== HEADER + IDF_BUCKETS) {
      throw new Error(`lexical IDF: format v${version}, seed ${seed}, ${buckets} buckets, ${data.length} values; expected v${FORMAT_VERSION}, seed ${HASH_SEED}, ${IDF_BUCKETS}`);
    }
    const e = new LexicalEmbedder(dim);
    e.idf.set(data.subarray(HEADER));
    e.fitted = documents;
    if (documents > 0) e.idfDigest = digest(e.idf);
    return e;
  }
}

const digest = (idf: Float32Array) =>
  createHash("sha256").update(new Uint8Array(idf.buffer, idf.byteOffset, idf.byteLength)).digest("hex").slice(0, 12);

function normalised(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  if (s > 0) {
    const k = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i] *= k;
  }
  return v;
}
