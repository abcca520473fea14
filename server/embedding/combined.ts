// Word vectors and character n-grams in one vector: concat(√w·word, √(1−w)·lexical). Both
// parts are unit vectors, so the result is too, and its cosine is
// w·cos_word + (1−w)·cos_lexical: the word part relates "mug" to "cup", the lexical part
// matches what the word vectors do not know (Chinese, brands, codes). When a text's word
// part is zero (no known word) it is renormalised, so the lexical part alone carries it.
import type { Embedder } from "./embedder.js";

/**
 * Word part's share of the cosine: the largest that keeps a text's own n-grams decisive.
 * The word part gives unrelated English titles a cosine of about 0.24 (the lexical part
 * about 0.01), so with more weight an unrelated English title outranks a bilingual sibling:
 * "陶瓷咖啡杯 ceramic coffee mug" vs "陶瓷咖啡杯 大号" / "wooden garden chair" scores
 * 0.38 / 0.26 at 0.5, 0.34 / 0.30 at 0.6, 0.24 / 0.39 at 0.8. Less weight costs semantic
 * matches: nearest neighbour in the same category among 41 English titles that share almost
 * no words is 73% for word vectors alone, 51% at 0.5, 44% at 0.3, 17% for n-grams alone.
 */
export const DEFAULT_WORD_WEIGHT = 0.5;

export class CombinedEmbedder implements Embedder {
  readonly dim: number;

  constructor(
    private readonly word: Embedder,
    private readonly lexical: Embedder,
    readonly wordWeight: number = DEFAULT_WORD_WEIGHT,
  ) {
    if (!(wordWeight >= 0 && wordWeight <= 1)) throw new Error(`wordWeight must be in [0, 1], got ${wordWeight}`);
    this.dim = word.dim + lexical.dim;
  }

  get id(): string {
    return `combined(${this.word.id}|${this.lexical.id}|w=${this.wordWeight})`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const [words, lexicals] = await Promise.all([this.word.embed(texts), this.lexical.embed(texts)]);
    return texts.map((_, i) => this.join(words[i], lexicals[i]));
  }

  private join(word: Float32Array, lexical: Float32Array): Float32Array {
    return combineVectors(word, lexical, this.wordWeight);
  }
}

/** concat(√w·word, √(1−w)·lexical), with a zero part dropped and the other taking its place. */
export function combineVectors(word: Float32Array, lexical: Float32Array, wordWeight: number): Float32Array {
  const out = new Float32Array(word.length + lexical.length);
  const hasWord = word.some((x) => x !== 0);
  const hasLexical = lexical.some((x) => x !== 0);
  const a = hasWord ? (hasLexical ? Math.sqrt(wordWeight) : 1) : 0;
  const b = hasLexical ? (hasWord ? Math.sqrt(1 - wordWeight) : 1) : 0;
  for (let i = 0; i < word.length; i++) out[i] = a * word[i];
  for (let i = 0; i < lexical.length; i++) out[word.length + i] = b * lexical[i];
  return out;
}
