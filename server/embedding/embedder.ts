// Item text embeddings. One interface, three implementations: TransformersEmbedder (any
// transformers.js feature-extraction model: the generated word-vector model by default, or
// a configured Hugging Face model), LexicalEmbedder (character n-gram TF-IDF) and
// CombinedEmbedder (both). Embedding runs in batches off the request path.
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { env, pipeline, type FeatureExtractionPipeline } from "@huggingface/transformers";
import { AppError } from "../errors.js";

export interface Embedder {
  /** Names the model and its parameters: vectors are comparable only under the same id. */
  readonly id: string;
  readonly dim: number;
  /**
   * One vector per text, in order: unit length, or all zeros when the embedder finds
   * nothing it knows in the text (no known word, no letter or digit).
   */
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Texts per inference call: large enough to amortise a call, small enough to bound padding. */
export const DEFAULT_BATCH_SIZE = 64;

export interface TransformersEmbedderOptions {
  /** A model folder (a path: absolute, or starting with ".") or a Hugging Face model id. */
  model: string;
  /** Where models given by id are found, and downloaded to: <modelsDir>/<org>/<name>/. */
  modelsDir: string;
  /** Download a model given by id that is not in modelsDir; default false. */
  allowRemote?: boolean;
  batchSize?: number;
  /** Overrides the default id, transformers:<model>[:<dtype>] (see wordVectorModelId). */
  id?: string;
  /** The ONNX variant of a hub model ("fp32", "q8", ...); default: the model's own choice. */
  dtype?: "fp32" | "fp16" | "q8" | "int8" | "uint8" | "q4";
}

export class TransformersEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dim: number,
    private readonly extractor: FeatureExtractionPipeline,
    private readonly batchSize: number,
  ) {}

  /**
   * Loads a model through the transformers.js pipeline. transformers.js settings are
   * process-wide: the hub is reachable only while a load that allows it runs.
   */
  static async load(opts: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
    const isPath = isAbsolute(opts.model) || opts.model.startsWith(".");
    const folder = isPath ? resolve(opts.model) : join(resolve(opts.modelsDir), opts.model);
    const present = existsSync(join(folder, "config.json")) && existsSync(join(folder, "tokenizer.json"));
    const remote = !isPath && !present && opts.allowRemote === true;
    if (!present && !remote) {
      throw unavailable(opts.model, isPath ? `no model folder at ${folder}` : `not found at ${folder} and downloading is off (allowRemote)`);
    }

    env.allowLocalModels = true;
    env.allowRemoteModels = remote;
    env.localModelPath = resolve(opts.modelsDir);
    env.cacheDir = resolve(opts.modelsDir); // a download lands where the next start looks
    let extractor: FeatureExtractionPipeline;
    try {
      extractor = await pipeline("feature-extraction", isPath ? folder : opts.model, {
        local_files_only: !remote,
        cache_dir: resolve(opts.modelsDir),
        dtype: opts.dtype,
      });
    } catch (err) {
      throw unavailable(opts.model, `loading from ${remote ? "the hub" : folder} failed: ${(err as Error).message}`);
    } finally {
      env.allowRemoteModels = false;
    }
    const probe = await extractor(["a"], { pooling: "mean", normalize: true });
    const dim = probe.dims[1];
    probe.dispose();
    const id = opts.id ?? `transformers:${opts.model}${opts.dtype ? ":" + opts.dtype : ""}`;
    return new TransformersEmbedder(id, dim, extractor, batchSize);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out = new Array<Float32Array>(texts.length);
    // Shortest first, so each batch pads its texts to similar lengths.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const ids = order.slice(start, start + this.batchSize);
      const batch = ids.map((i) => texts[i]);
      const result = await this.extractor(batch, { pooling: "mean", normalize: true });
      const data = result.data as Float32Array;
      ids.forEach((id, row) => {
        const v = data.slice(row * this.dim, (row + 1) * this.dim);
        // A text with no known token pools to 0/0; its vector is all zeros by contract.
        if (Number.isNaN(v[0])) v.fill(0);
        out[id] = v;
      });
      result.dispose();
    }
    return out;
  }

  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

function unavailable(model: string, why: string): AppError {
  return new AppError(503, "embedding_model_unavailable", `text embedding model "${model}" is unavailable: ${why}`);
}
