// Offline ranking metrics, as defined in ../shared/eval/online-retail/README.md:
// per shopper, recall@k = hits / min(k, |relevant|); NDCG@k with binary gains and the
// ideal DCG over min(k, |relevant|); HR@k = 1 if any hit. Each is averaged over shoppers.
// coverage@k = distinct recommended items / items in the catalogue considered.

export interface RankingMetrics {
  users: number;
  recall: number;
  ndcg: number;
  hitRate: number;
  coverage: number;
}

export interface UserScore {
  recall: number;
  ndcg: number;
  hit: boolean;
}

const discount = (rank: number) => 1 / Math.log2(rank + 2); // rank counted from 0

export function scoreList<T>(list: readonly T[], relevant: ReadonlySet<T>, k: number): UserScore {
  const top = list.slice(0, k);
  let hits = 0;
  let dcg = 0;
  top.forEach((item, rank) => {
    if (relevant.has(item)) {
      hits++;
      dcg += discount(rank);
    }
  });
  const ideal = Math.min(k, relevant.size);
  let idcg = 0;
  for (let rank = 0; rank < ideal; rank++) idcg += discount(rank);
  return { recall: ideal > 0 ? hits / ideal : 0, ndcg: idcg > 0 ? dcg / idcg : 0, hit: hits > 0 };
}

/** Accumulates per-shopper scores and the distinct items shown. */
export class MetricsAccumulator<T> {
  private users = 0;
  private recall = 0;
  private ndcg = 0;
  private hits = 0;
  private readonly shown = new Set<T>();

  constructor(private readonly k: number, private readonly catalogueSize: number) {}

  add(list: readonly T[], relevant: ReadonlySet<T>): UserScore {
    const s = scoreList(list, relevant, this.k);
    this.users++;
    this.recall += s.recall;
    this.ndcg += s.ndcg;
    if (s.hit) this.hits++;
    for (const item of list.slice(0, this.k)) this.shown.add(item);
    return s;
  }

  result(): RankingMetrics {
    const u = Math.max(1, this.users);
    return {
      users: this.users,
      recall: this.recall / u,
      ndcg: this.ndcg / u,
      hitRate: this.hits / u,
      coverage: this.catalogueSize > 0 ? this.shown.size / this.catalogueSize : 0,
    };
  }
}
