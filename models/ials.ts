// Implicit-feedback matrix factorisation (iALS): shoppers and items get f-dimensional
// factors whose dot product predicts interest. Confidence in an observed interaction is
// 1 + α · weight (the interaction matrix's log-strength); unobserved pairs count as weak
// negatives with confidence 1, handled implicitly through the YᵀY Gram matrix.
// The heavy loops run in an AlsEngine: the WASM SIMD one (server/wasm) in production,
// the plain-TypeScript one (core-wasm/reference/als.ts) as the reference.
import type { UserItemMatrix } from "./user-items.js";
import { transpose } from "./user-items.js";
import { seededRandom } from "./random.js";

export interface IalsParams {
  /** Factor dimension; a multiple of 4 (SIMD lanes). */
  factors: number;
  iterations: number;
  alpha: number;
  lambda: number;
  cgSteps: number;
  seed: number;
}

export interface CsrSide {
  rows: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  conf: Float32Array;
}

export interface AlsProblem {
  f: number;
  lambda: number;
  cgSteps: number;
  users: CsrSide;
  items: CsrSide;
  userFactors: Float32Array;
  itemFactors: Float32Array;
}

export interface AlsEngine {
  sweepUsers(): void;
  sweepItems(): void;
  read(): { userFactors: Float32Array; itemFactors: Float32Array };
}

export type AlsEngineFactory = (problem: AlsProblem) => AlsEngine;

export interface ItemFactors {
  f: number;
  /** n × f, row-major. */
  items: Float32Array;
}

export function alsProblem(m: UserItemMatrix, p: IalsParams): AlsProblem {
  if (p.factors % 4 !== 0 || p.factors <= 0) throw new Error(`factors must be a positive multiple of 4, got ${p.factors}`);
  const numUsers = m.userPtr.length - 1;
  // A plain loop: Float32Array.from with a callback cost 6 s at 20M interactions.
  const conf = (w: Float32Array) => {
    const c = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) c[i] = 1 + p.alpha * w[i];
    return c;
  };
  const t = transpose(m);
  const random = seededRandom(p.seed);
  const scale = 0.1 / Math.sqrt(p.factors);
  return {
    f: p.factors,
    lambda: p.lambda,
    cgSteps: p.cgSteps,
    users: { rows: numUsers, rowPtr: m.userPtr, cols: m.items, conf: conf(m.weights) },
    items: { rows: m.numItems, rowPtr: t.itemPtr, cols: t.users, conf: conf(t.weights) },
    // Users start at zero: the first sweep solves them from the random items.
    userFactors: new Float32Array(numUsers * p.factors),
    itemFactors: Float32Array.from({ length: m.numItems * p.factors }, () => (random() - 0.5) * scale),
  };
}

export function trainIals(m: UserItemMatrix, p: IalsParams, engine: AlsEngineFactory, onIteration?: (done: number) => void): ItemFactors {
  const e = engine(alsProblem(m, p));
  for (let it = 0; it < p.iterations; it++) {
    e.sweepUsers();
    e.sweepItems();
    onIteration?.(it + 1);
  }
  return { f: p.factors, items: e.read().itemFactors };
}
