// The one place that compiles and instantiates the WebAssembly core. Each user of it
// (a model's scoring core, a training run's ALS engine) gets its own instance whose
// memory it lays out once, up front, so views stay valid: memory never grows after.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../project-root.js";

export interface CoreExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  scoreHistory(params: number): number;
  exactProbes(params: number, items: number, out: number, count: number): void;
  restoreScratch(params: number): void;
  scoreParamsBytes(): number;
  alsSweep(...args: number[]): void;
  cgRow(...args: number[]): void;
  gramPlusRidge(...args: number[]): void;
  factorScores(...args: number[]): void;
  factorScoresI8(...args: number[]): void;
  spdFactor(matrix: number, n: number, stride: number, lambda: number): number;
  spdInverse(matrix: number, n: number, stride: number): void;
  easeRows(matrix: number, n: number, stride: number, first: number, last: number, keep: number, outPtr: number, outCols: number, outWeights: number): void;
  itemNeighbours(...args: number[]): void;
  gramParamsBytes(): number;
  gramRows(params: number): void;
  solveSystems(params: number): void;
  rowNorms(rows: number, n: number, f: number, out: number, outStride: number): void;
  sumFloats(...args: number[]): number;
  markRefused(mask: number, allow: number, n: number, bit: number): void;
  blendTopK(...args: number[]): void;
  scatterCase(...args: number[]): number;
  clearBit(mask: number, n: number, bit: number): void;
}

export type WasmBuild = "release" | "debug";

const modules = new Map<WasmBuild, WebAssembly.Module>();

function compiled(build: WasmBuild): WebAssembly.Module {
  let mod = modules.get(build);
  if (!mod) {
    const file = join(projectRoot(), "build", build === "release" ? "core.wasm" : "core.debug.wasm");
    mod = new WebAssembly.Module(readFileSync(file));
    modules.set(build, mod);
  }
  return mod;
}

/**
 * A fresh instance with room for the named arrays (byte sizes), each 16-byte aligned for
 * SIMD loads. Returns the exports and each array's address.
 */
export function instantiate<K extends string>(sizes: Record<K, number>, build: WasmBuild = "release"): { core: CoreExports; ptr: Record<K, number> } {
  const instance = new WebAssembly.Instance(compiled(build), { env: { abort: wasmAbort } });
  const core = instance.exports as unknown as CoreExports;
  let end = align(core.heapBase());
  const ptr = {} as Record<K, number>;
  for (const name of Object.keys(sizes) as K[]) {
    ptr[name] = end;
    end = align(end + sizes[name]);
  }
  const missing = end - core.memory.buffer.byteLength;
  if (missing > 0) core.memory.grow(Math.ceil(missing / 65536));
  return { core, ptr };
}

function align(x: number): number {
  return Math.ceil(x / 16) * 16;
}

function wasmAbort(): never {
  throw new Error("core-wasm: assertion failed");
}
