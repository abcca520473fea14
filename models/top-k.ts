// A bounded min-heap keeping the k best (score, index) pairs; equal scores prefer the
// lower index so that training is deterministic.
export class TopK {
  readonly idx: Int32Array;
  readonly score: Float32Array;
  size = 0;

  constructor(readonly k: number) {
    this.idx = new Int32Array(k);
    this.score = new Float32Array(k);
  }

  private worse(a: number, b: number): boolean {
    const sa = this.score[a], sb = this.score[b];
    return sa < sb || (sa === sb && this.idx[a] > this.idx[b]);
  }

  private swap(a: number, b: number): void {
    const i = this.idx[a], s = this.score[a];
    this.idx[a] = this.idx[b];
    this.score[a] = this.score[b];
    this.idx[b] = i;
    this.score[b] = s;
  }

  push(index: number, score: number): void {
    if (this.size < this.k) {
      let c = this.size++;
      this.idx[c] = index;
      this.score[c] = score;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!this.worse(c, p)) break;
        this.swap(c, p);
        c = p;
      }
      return;
    }
    const s = Math.fround(score);
    if (this.k === 0 || s < this.score[0] || (s === this.score[0] && index > this.idx[0])) return;
    this.idx[0] = index;
    this.score[0] = s;
    for (let c = 0; ; ) {
      const l = 2 * c + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const m = r < this.size && this.worse(r, l) ? r : l;
      if (!this.worse(m, c)) break;
      this.swap(m, c);
      c = m;
    }
  }

  /** The kept pairs, best first; empties the heap. */
  drain(): { idx: Int32Array; score: Float32Array } {
    const n = this.size;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
      this.score[b] - this.score[a] || this.idx[a] - this.idx[b],
    );
    const out = { idx: Int32Array.from(order, (i) => this.idx[i]), score: Float32Array.from(order, (i) => this.score[i]) };
    this.size = 0;
    return out;
  }
}
