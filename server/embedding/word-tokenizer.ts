// The tokenizer of the generated word-vector model, in the Hugging Face tokenizers JSON
// format: NFKC + lowercase, then BERT-style splitting on whitespace and punctuation (GloVe's
// vocabulary is lowercased, tokenised text), then a whole-word vocabulary lookup where
// anything else is [UNK]. A word the pre-tokenizer can never produce ("u.s.", "n't") would
// only waste a slot, so `reachableWord` keeps such words out of the vocabulary.

export const PAD = "[PAD]";
export const UNK = "[UNK]";
export const PAD_ID = 0;
export const UNK_ID = 1;
/** Longer inputs are cut; far beyond any item text (see item-text.ts). */
export const MAX_TOKENS = 512;

// The punctuation set of @huggingface/tokenizers' BertPreTokenizer, mirrored exactly:
// a vocabulary word must survive that split whole.
const PUNCTUATION = "\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E";
const SINGLE_PRE_TOKEN = new RegExp(`^[^\\s${PUNCTUATION}]+$`, "u");

export function reachableWord(word: string): boolean {
  return SINGLE_PRE_TOKEN.test(word) && word.normalize("NFKC").toLowerCase() === word;
}

/**
 * tokenizer.json for `words` (ids from 2 on; 0 and 1 are [PAD] and [UNK]). The model type is
 * WordLevel as Hugging Face's tokenizers define it; transformers.js reads it through its
 * generic vocabulary model, which maps unknown words to the unk_token of tokenizer_config.json.
 */
export function tokenizerJson(words: string[]): string {
  const vocab: Record<string, number> = { [PAD]: PAD_ID, [UNK]: UNK_ID };
  words.forEach((w, i) => (vocab[w] = i + 2));
  const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return JSON.stringify({
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [special(PAD, PAD_ID), special(UNK, UNK_ID)],
    normalizer: { type: "Sequence", normalizers: [{ type: "NFKC" }, { type: "Lowercase" }] },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: null,
    decoder: null,
    model: { type: "WordLevel", vocab, unk_token: UNK },
  });
}

export function tokenizerConfigJson(): string {
  return JSON.stringify(
    { unk_token: UNK, pad_token: PAD, model_max_length: MAX_TOKENS, padding_side: "right", clean_up_tokenization_spaces: false },
    null,
    2,
  );
}
