// The user × item interaction matrix (CSR, one row per user) built in one pass over the
// events grouped by user: each (user, item) weight is log(1 + the summed strengths of its
// events), and a user keeps only their most recently touched maxUserItems items, which
// bounds the cost of co-occurrence counting for very active accounts.
import { eventStrength, RATING, ratingScale } from "./event-types.js";
import { growableFloat32, growableInt32 } from "./growable.js";

export interface UserItemMatrix {
  /** Items are indexed 0..numItems-1 by their store id. */
  numItems: number;
  userPtr: Int32Array;
  items: Int32Array;
  weights: Float32Array;
}

export interface UserItemOptions {
  numItems: number;
  weightsByCode: Float64Array;
  maxUserItems: number;
}

export class UserItemBuilder {
  private readonly userPtr = growableInt32();
  private readonly items = growableInt32(1 << 16);
  private readonly weights = growableFloat32(1 << 16);
  private current = -1;
  private readonly acc = new Map<number, { strength: number; last: number }>();
  /** The shopper's ratings, strengthened at the end of the shopper on their own scale. */
  private ratings: { item: number; value: number; ts: number }[] = [];

  constructor(private readonly opts: UserItemOptions) {
    this.userPtr.push(0);
  }

  /** Events must arrive grouped by user. */
  add(user: number, item: number, type: number, value: number | null, ts: number): void {
    if (user !== this.current) {
      this.flush();
      this.current = user;
    }
    if (item < 0 || item >= this.opts.numItems) return;
    if (type === RATING && value !== null) this.ratings.push({ item, value, ts });
    else this.accumulate(item, eventStrength(type, value, this.opts.weightsByCode), ts);
  }

  private accumulate(item: number, s: number, ts: number): void {
    if (s <= 0) return;
    const a = this.acc.get(item);
    if (a) {
      a.strength += s;
      if (ts > a.last) a.last = ts;
    } else {
      this.acc.set(item, { strength: s, last: ts });
    }
  }

  private flush(): void {
    if (this.ratings.length > 0) {
      const scale = ratingScale(this.ratings.map((r) => r.value));
      for (const r of this.ratings) this.accumulate(r.item, eventStrength(RATING, r.value, this.opts.weightsByCode, scale), r.ts);
      this.ratings = [];
    }
    if (this.acc.size === 0) return;
    let entries = [...this.acc];
    if (entries.length > this.opts.maxUserItems) {
      entries.sort((a, b) => b[1].last - a[1].last);
      entries = entries.slice(0, this.opts.maxUserItems);
    }
    entries.sort((a, b) => a[0] - b[0]);
    for (const [item, a] of entries) {
      this.items.push(item);
      this.weights.push(Math.log1p(a.strength));
    }
    this.userPtr.push(this.items.length);
    this.acc.clear();
  }

  build(): UserItemMatrix {
    this.flush();
    return {
      numItems: this.opts.numItems,
      userPtr: this.userPtr.toArray(),
      items: this.items.toArray(),
      weights: this.weights.toArray(),
    };
  }
}

/** The item × user transpose (CSC of the same matrix): users of each item with weights. */
export function transpose(m: UserItemMatrix): { itemPtr: Int32Array; users: Int32Array; weights: Float32Array } {
  const itemPtr = new Int32Array(m.numItems + 1);
  for (let p = 0; p < m.items.length; p++) itemPtr[m.items[p] + 1]++;
  for (let i = 0; i < m.numItems; i++) itemPtr[i + 1] += itemPtr[i];
  const fill = itemPtr.slice(0, m.numItems);
  const users = new Int32Array(m.items.length);
  const weights = new Float32Array(m.items.length);
  const numUsers = m.userPtr.length - 1;
  for (let u = 0; u < numUsers; u++) {
    for (let p = m.userPtr[u]; p < m.userPtr[u + 1]; p++) {
      const at = fill[m.items[p]]++;
      users[at] = u;
      weights[at] = m.weights[p];
    }
  }
  return { itemPtr, users, weights };
}

/**
 * The matrix in both orientations, under the names the co-occurrence kernels read (the
 * neighbour and the sparse-Gram engines): users of each item, and items of each user.
 */
export interface MatrixBothWays {
  /** Items. */
  n: number;
  itemPtr: Int32Array;
  itemUsers: Int32Array;
  itemWeights: Float32Array;
  userPtr: Int32Array;
  userItems: Int32Array;
  userWeights: Float32Array;
}

export function bothWays(m: UserItemMatrix): MatrixBothWays {
  const { itemPtr, users, weights } = transpose(m);
  return {
    n: m.numItems, itemPtr, itemUsers: users, itemWeights: weights,
    userPtr: m.userPtr, userItems: m.items, userWeights: m.weights,
  };
}

/** How many items have at least one event in the matrix. */
export function itemsWithEvents(m: UserItemMatrix): number {
  const seen = new Uint8Array(m.numItems);
  let count = 0;
  for (let p = 0; p < m.items.length; p++) {
    if (seen[m.items[p]] === 0) {
      seen[m.items[p]] = 1;
      count++;
    }
  }
  return count;
}
