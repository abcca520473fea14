// The probes' side of the scoring core's memory: which items the host asks the kernel to
// score whether listed or not (the known items cold items are scored from), and what the
// kernel reports of them — a copied list, or, with bounds, views of its dense array and
// the exact scores the host asks for afterwards (core-wasm/probes.ts).
import type { CoreExports } from "./module.js";
import type { ScoreParamBlock } from "./score-params.js";

/** Probed items and their scores. */
export interface Probed {
  items: Int32Array;
  scores: Float32Array;
}

/** What a bounded call reports of the probes: each one's score by item, and those to follow. */
export interface BoundedProbes {
  followed: Probed;
  scoreOf: Float32Array;
}

export type ProbePointers = Record<"isProbe" | "probeItems" | "probeScores" | "probeCount" | "probeDense" | "exactItems" | "exactScores", number>;

export class ProbeArrays {
  private readonly isProbe: Uint8Array;
  private readonly items: Int32Array;
  private readonly scores: Float32Array;
  /** How many probed items the last call wrote. */
  private readonly count: Int32Array;
  /** A bounded call's probed scores, by item. */
  private readonly dense: Float32Array;
  /** The items whose exact scores the host asks for after a bounded call, and those scores. */
  private readonly exactItems: Int32Array;
  private readonly exactScores: Float32Array;
  /** The probes array last flagged in `isProbe`. */
  private flagged?: Int32Array;

  constructor(private readonly exports: CoreExports, private readonly ptr: ProbePointers, private readonly n: number) {
    const buf = exports.memory.buffer;
    this.isProbe = new Uint8Array(buf, ptr.isProbe, n);
    this.items = new Int32Array(buf, ptr.probeItems, n);
    this.scores = new Float32Array(buf, ptr.probeScores, n);
    this.count = new Int32Array(buf, ptr.probeCount, 1);
    this.dense = new Float32Array(buf, ptr.probeDense, n);
    this.exactItems = new Int32Array(buf, ptr.exactItems, n);
    this.exactScores = new Float32Array(buf, ptr.exactScores, n);
  }

  /** Flags the request's probes (callers pass the same array until it changes: flagged once) and writes the kernel parameters. */
  prepare(block: ScoreParamBlock, probes: Int32Array | undefined, bounds: boolean): void {
    if (probes && probes !== this.flagged) {
      this.isProbe.fill(0);
      for (const j of probes) if (j >= 0 && j < this.n) this.isProbe[j] = 1;
      this.flagged = probes;
    }
    block.put("isProbe", probes ? this.ptr.isProbe : 0);
    block.put("probeBounds", bounds ? 1 : 0);
  }

  /** The last call's probed items and scores, copied. */
  probed(): Probed {
    return { items: this.items.slice(0, this.count[0]), scores: this.scores.slice(0, this.count[0]) };
  }

  /** The last bounded call's probes, as views (valid until the scratch is restored). */
  bounded(): BoundedProbes {
    return { followed: { items: this.items.subarray(0, this.count[0]), scores: this.scores.subarray(0, this.count[0]) }, scoreOf: this.dense };
  }

  /** After a bounded call, before its scratch is restored: the exact personal scores of `items` (a view, valid until the next call). */
  exactOf(block: ScoreParamBlock, items: ArrayLike<number>): Float32Array {
    const count = Math.min(items.length, this.n);
    for (let t = 0; t < count; t++) this.exactItems[t] = items[t];
    this.exports.exactProbes(block.ptr, this.ptr.exactItems, this.ptr.exactScores, count);
    return this.exactScores.subarray(0, count);
  }
}
