// Generates the word-vector text model (the same call a server makes at first use) and
// measures it: generation time and peak memory, the folder's size, the cost of checking
// an existing folder, loading it through transformers.js, and embedding throughput in
// batches of 64 for the generated shop's short titles (seed 42), per embedder.
//   node dist/bench/embedding-model.js [--dir <model folder>] [--items 6400]
// Without --dir the model goes to a temporary folder that is removed afterwards.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CombinedEmbedder } from "../server/embedding/combined.js";
import { TransformersEmbedder, type Embedder } from "../server/embedding/embedder.js";
import { itemText } from "../server/embedding/item-text.js";
import { LexicalEmbedder } from "../server/embedding/lexical.js";
import { ensureWordVectorModel, wordVectorModelId } from "../server/embedding/word-vector-model.js";
import { codeVersion } from "./code-version.js";
import { printMachine } from "./machine.js";
import { ShopGenerator } from "./shop-generator.js";

const { values } = parseArgs({ options: { dir: { type: "string" }, items: { type: "string" } } });
const items = Number(values.items ?? 6400);
const scratch = values.dir ? undefined : mkdtempSync(join(tmpdir(), "tuijian-embedding-bench-"));
const dir = values.dir ?? join(scratch!, "word-vectors");
const seconds = (t: number) => Math.round((performance.now() - t) / 10) / 100;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const log = (s: string) => process.stderr.write(s + "\n");

printMachine();
const rssBeforeMB = mb(process.memoryUsage().rss);
let t = performance.now();
await ensureWordVectorModel(dir);
const generateSeconds = seconds(t);
const generatePeakRssMB = mb(process.resourceUsage().maxRSS * 1024);
log(`generated in ${generateSeconds} s`);

t = performance.now();
await ensureWordVectorModel(dir);
const verifySeconds = seconds(t);
t = performance.now();
const word = await TransformersEmbedder.load({ model: dir, modelsDir: dir, id: wordVectorModelId(dir) });
const loadSeconds = seconds(t);

const catalogue = [...new ShopGenerator({ users: 1, items, events: 1, seed: 42 }).items()];
const titles = catalogue.map((i) => i.title);
const itemTexts = catalogue.map((i) => itemText(i));
t = performance.now();
const lexical = new LexicalEmbedder().fit(itemTexts);
const lexicalFitSeconds = seconds(t);
const embedders: Record<string, Embedder> = { word, lexical, combined: new CombinedEmbedder(word, lexical) };

async function throughput(e: Embedder, texts: string[]): Promise<number> {
  await e.embed(texts.slice(0, 64)); // warm-up
  const start = performance.now();
  for (let i = 0; i < texts.length; i += 64) await e.embed(texts.slice(i, i + 64));
  return Math.round(texts.length / ((performance.now() - start) / 1000));
}
const titlesPerSecond: Record<string, number> = {};
const itemTextsPerSecond: Record<string, number> = {};
for (const [name, e] of Object.entries(embedders)) {
  titlesPerSecond[name] = await throughput(e, titles);
  itemTextsPerSecond[name] = await throughput(e, itemTexts);
  log(`${name}: ${titlesPerSecond[name]} titles/s`);
}
await word.dispose();

const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((f) => (f.isDirectory() ? files(join(d, f.name)) : [join(d, f.name)]));
const folderMB = Math.round((files(dir).reduce((s, f) => s + statSync(f).size, 0) / 2 ** 20) * 10) / 10;
process.stdout.write(
  JSON.stringify({
    code: codeVersion(["server/embedding"]),
    model: word.id,
    generateSeconds,
    generatePeakRssMB,
    rssBeforeMB,
    folderMB,
    verifySeconds,
    loadSeconds,
    lexicalFitSeconds,
    items,
    exampleTitle: titles[0],
    exampleItemText: itemTexts[0],
    titlesPerSecond,
    itemTextsPerSecond,
  }) + "\n",
);
if (scratch) rmSync(scratch, { recursive: true, force: true });
