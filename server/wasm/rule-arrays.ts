// What a request's filter and the rules give the kernel, laid out in the scoring core's
// memory: the filter's bit on the item mask, the boosts and their two sorted lists, a
// promotion's bytes and order. Callers pass the same array objects until they change
// (a filter until the catalogue changes, a rule set until the rules do), so each is
// copied in once, not per request.
import type { CoreExports } from "./module.js";
import type { ScoreParamBlock } from "./score-params.js";

/** The item mask's bit for a request's filter (the kernel's own bits are 1, 2 and 4; it skips any item whose byte is not 0). */
const FILTERED = 8;

/** Rules' boosts: item j's score becomes score · mul[j] + add[j] (mul >= 0); `items` lists those where that is not the identity. */
export interface ItemBoosts {
  mul: Float32Array;
  add: Float32Array;
  items: Int32Array;
}

/** A promotion: the items it matches (a byte each), and how many of the best of them to list apart. */
export interface Promotion {
  matches: Uint8Array;
  k: number;
}

export type RuleArrayPointers = Record<"mask" | "filter" | "boostMul" | "boostAdd" | "boosted" | "boostedAdd" | "promo" | "promoOrder" | "promoItems" | "promoScores" | "promoReasons" | "promoCount", number>;

export class RuleArrays {
  private filterCopied?: Uint8Array;
  private boostsCopied?: ItemBoosts;
  /** The lengths of the kernel's two boosted lists, the largest popularity · multiplier of the second, the largest multiplier and addition. */
  private lists = { plain: 0, adding: 0, maxKey: 0, maxMul: 1, maxAdd: 0 };
  private promoCopied?: Uint8Array;
  private promoLen = 0;

  constructor(
    private readonly exports: CoreExports, private readonly ptr: RuleArrayPointers, private readonly n: number,
    private readonly popScores: Float32Array, private readonly popOrder: Int32Array, private readonly maxResults: number,
  ) {}

  /** Lays the request's arrays out and writes the kernel parameters that name them. */
  prepare(block: ScoreParamBlock, filter: Uint8Array | undefined, boosts: ItemBoosts | undefined, promotion: Promotion | undefined): void {
    if (filter) this.markFiltered(filter);
    if (boosts) this.copyBoosts(boosts);
    if (promotion) this.copyPromotion(promotion.matches);
    const p = this.ptr;
    const l = this.lists;
    block.put("boostMul", boosts ? p.boostMul : 0);
    block.put("boostAdd", p.boostAdd);
    block.put("boostedLen", boosts ? l.plain : 0);
    block.put("boostedAddLen", boosts ? l.adding : 0);
    block.put("boostedAddMaxKey", l.maxKey);
    block.put("boostMaxMul", boosts ? l.maxMul : 1);
    block.put("boostMaxAdd", boosts ? l.maxAdd : 0);
    block.put("promo", promotion ? p.promo : 0);
    block.put("promoLen", this.promoLen);
    block.put("promoK", promotion ? Math.max(0, Math.min(promotion.k, this.maxResults)) : 0);
  }

  /** Clears the filter's bit after the call. */
  clearFilter(): void {
    this.exports.clearBit(this.ptr.mask, this.n, FILTERED);
  }

  /** The promoted list the last call wrote. */
  promoted(): { items: Int32Array; scores: Float32Array; reasons: Int32Array } {
    const buf = this.exports.memory.buffer;
    const count = new Int32Array(buf, this.ptr.promoCount, 1)[0];
    return {
      items: new Int32Array(buf, this.ptr.promoItems, count).slice(),
      scores: new Float32Array(buf, this.ptr.promoScores, count).slice(),
      reasons: new Int32Array(buf, this.ptr.promoReasons, count).slice(),
    };
  }

  /** Sets the FILTERED bit of the items `filter` refuses, in WASM (SIMD). */
  private markFiltered(filter: Uint8Array): void {
    const p = this.ptr;
    if (filter !== this.filterCopied) {
      const view = new Uint8Array(this.exports.memory.buffer, p.filter, this.n);
      view.fill(0);
      view.set(filter.subarray(0, this.n));
      this.filterCopied = filter;
    }
    this.exports.markRefused(p.mask, p.filter, this.n, FILTERED);
  }

  /** Items past the model's n are cold: not the kernel's. */
  private copyBoosts(boosts: ItemBoosts): void {
    if (boosts === this.boostsCopied) return;
    const buf = this.exports.memory.buffer;
    const p = this.ptr;
    const mul = new Float32Array(buf, p.boostMul, this.n);
    const add = new Float32Array(buf, p.boostAdd, this.n);
    mul.fill(1);
    add.fill(0);
    mul.set(boosts.mul.subarray(0, this.n));
    add.set(boosts.add.subarray(0, this.n));
    // Two lists the kernel can stop early in: no addition, by popularity · multiplier; an
    // addition, by it (core-wasm/score-params.ts).
    const known = [...boosts.items].filter((j) => j >= 0 && j < this.n);
    const key = (j: number) => this.popScores[j] * boosts.mul[j];
    const plain = known.filter((j) => !(boosts.add[j] > 0)).sort((a, b) => key(b) - key(a) || a - b);
    const adding = known.filter((j) => boosts.add[j] > 0).sort((a, b) => boosts.add[b] - boosts.add[a] || a - b);
    new Int32Array(buf, p.boosted, this.n).set(plain);
    new Int32Array(buf, p.boostedAdd, this.n).set(adding);
    this.lists = {
      plain: plain.length, adding: adding.length, maxKey: adding.reduce((m, j) => Math.max(m, key(j)), 0),
      maxMul: known.reduce((m, j) => Math.max(m, boosts.mul[j]), 1), maxAdd: known.reduce((m, j) => Math.max(m, boosts.add[j]), 0),
    };
    this.boostsCopied = boosts;
  }

  /** The promotion's bytes, and its items by popularity then those without any (listed only when a rule adds to their score). */
  private copyPromotion(matches: Uint8Array): void {
    if (matches === this.promoCopied) return;
    const buf = this.exports.memory.buffer;
    const bytes = new Uint8Array(buf, this.ptr.promo, this.n);
    bytes.fill(0);
    bytes.set(matches.subarray(0, this.n));
    const popular = this.popOrder.filter((j) => bytes[j] !== 0);
    const listed = new Set(popular);
    const order = [...popular, ...[...bytes.keys()].filter((j) => bytes[j] !== 0 && !listed.has(j))];
    new Int32Array(buf, this.ptr.promoOrder, this.n).set(order);
    this.promoLen = order.length;
    this.promoCopied = matches;
  }
}
