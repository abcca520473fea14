// The host's side of core-wasm/score-params.ts: the same fields in the same order, 4 bytes
// each, written through typed views of the block in WASM memory. The kernel's own size
// of the block is checked against this layout when a core is made, so the two cannot
// drift apart unnoticed.

/** Fields in the kernel's order: "f32" ones are floats, the rest i32 or pointers. */
const FIELDS = [
  ["n", "i32"], ["rowPtr", "i32"], ["cols", "i32"], ["sims", "i32"], ["popOrder", "i32"], ["popLen", "i32"], ["popBlend", "f32"],
  ["histItems", "i32"], ["histWeights", "i32"], ["histLen", "i32"], ["exclude", "i32"], ["excludeLen", "i32"], ["mask", "i32"],
  ["cells", "i32"], ["reasonContrib", "i32"], ["touched", "i32"], ["colPtr", "i32"], ["colRows", "i32"], ["colSims", "i32"], ["histAt", "i32"],
  ["dense", "i32"], ["itemFactors", "i32"], ["f", "i32"], ["userFactor", "i32"], ["factorWeight", "f32"], ["candidates", "i32"], ["candLen", "i32"],
  ["codes", "i32"], ["codeScales", "i32"], ["stride", "i32"], ["queryCodes", "i32"], ["queryScale", "f32"],
  ["boostMul", "i32"], ["boostAdd", "i32"], ["boosted", "i32"], ["boostedLen", "i32"], ["boostedAdd", "i32"], ["boostedAddLen", "i32"], ["boostedAddMaxKey", "f32"], ["boostMaxMul", "f32"], ["boostMaxAdd", "f32"],
  ["promo", "i32"], ["promoOrder", "i32"], ["promoLen", "i32"], ["promoK", "i32"], ["promoItems", "i32"], ["promoScores", "i32"], ["promoReasons", "i32"], ["promoCount", "i32"],
  ["k", "i32"], ["outItems", "i32"], ["outScores", "i32"], ["outReasons", "i32"],
  ["isProbe", "i32"], ["probeItems", "i32"], ["probeScores", "i32"], ["probeCount", "i32"], ["probeBounds", "i32"], ["probeDense", "i32"], ["touchedLen", "i32"],
] as const;

export type ScoreParamName = (typeof FIELDS)[number][0];
export type ScoreParamValues = Partial<Record<ScoreParamName, number>>;

export const SCORE_PARAM_NAMES: readonly ScoreParamName[] = FIELDS.map(([name]) => name);
export const SCORE_PARAMS_BYTES = FIELDS.length * 4;

const SLOT = Object.fromEntries(FIELDS.map(([name], slot) => [name, slot])) as Record<ScoreParamName, number>;
const FLOAT = FIELDS.map(([, type]) => type === "f32");

/** The block at `ptr` in `memory` (which must not grow after: the views would detach). */
export class ScoreParamBlock {
  private readonly ints: Int32Array;
  private readonly floats: Float32Array;

  constructor(memory: WebAssembly.Memory, readonly ptr: number, kernelBytes: number) {
    if (kernelBytes !== SCORE_PARAMS_BYTES) throw new Error(`core-wasm: the kernel's ScoreParams is ${kernelBytes} bytes, the host lays out ${SCORE_PARAMS_BYTES}: rebuild the WASM (npm run build:wasm)`);
    this.ints = new Int32Array(memory.buffer, ptr, FIELDS.length);
    this.floats = new Float32Array(memory.buffer, ptr, FIELDS.length);
  }

  set(values: ScoreParamValues): void {
    for (const name in values) this.put(name as ScoreParamName, values[name as ScoreParamName]!);
  }

  /** One field: what a request writes, without building an object per call. */
  put(name: ScoreParamName, v: number): void {
    const slot = SLOT[name];
    if (FLOAT[slot]) this.floats[slot] = v;
    else this.ints[slot] = v;
  }
}
