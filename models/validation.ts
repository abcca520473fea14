// Validation cases cut from the end of the training data by time: for a sample of
// shoppers active on both sides of the cutoff, their history before it, and the new
// items they touched after it. Parameters such as the popularity blend are fitted on
// these, never on an evaluation's test file.
import { PURCHASE } from "./event-types.js";
import { foldInHistory, weightHistory, type HistoryEventLike, type HistoryParams } from "./history.js";
import { seededRandom } from "./random.js";

export interface ValidationCase {
  histItems: Int32Array;
  histWeights: Float32Array;
  /** Distinct history items and their iALS confidences, for folding the shopper in. */
  foldItems: Int32Array;
  foldConf: Float32Array;
  exclude: Int32Array;
  relevant: Int32Array;
}

export class ValidationCollector {
  private readonly cases: ValidationCase[] = [];
  private readonly random: () => number;
  private seen = 0;
  private current = -1;
  private early: HistoryEventLike[] = [];
  private late = new Set<number>();

  constructor(
    private readonly cutoff: number,
    private readonly maxCases: number,
    seed: number,
    private readonly history: HistoryParams & { factorAlpha: number },
  ) {
    this.random = seededRandom(seed);
  }

  /** Events must arrive grouped by user, oldest first within a user. */
  add(user: number, item: number, type: number, value: number | null, ts: number): void {
    if (user !== this.current) {
      this.flush();
      this.current = user;
    }
    if (ts < this.cutoff) this.early.push({ itemId: item, type, value, ts });
    else this.late.add(item);
  }

  private flush(): void {
    if (this.early.length > 0 && this.late.size > 0) {
      const touched = new Set(this.early.map((e) => e.itemId));
      const relevant = [...this.late].filter((i) => !touched.has(i));
      if (relevant.length > 0) this.sample(relevant);
    }
    this.early = [];
    this.late = new Set();
  }

  /** Reservoir sampling keeps a uniform, seeded sample of at most maxCases shoppers. */
  private sample(relevant: number[]): void {
    const slot = this.seen++ < this.maxCases ? this.cases.length : Math.floor(this.random() * this.seen);
    if (slot >= this.maxCases) return;
    const newestFirst = this.early.slice().reverse();
    const { items, weights } = weightHistory(newestFirst, this.history);
    const purchased = new Set(this.early.filter((e) => e.type === PURCHASE).map((e) => e.itemId));
    const fold = foldInHistory(newestFirst.slice(0, this.history.maxHistory), this.history.weightsByCode, this.history.factorAlpha);
    this.cases[slot] = {
      histItems: items,
      histWeights: weights,
      foldItems: fold.items,
      foldConf: fold.conf,
      exclude: Int32Array.from(purchased),
      relevant: Int32Array.from(relevant),
    };
  }

  build(): ValidationCase[] {
    this.flush();
    return this.cases;
  }
}
