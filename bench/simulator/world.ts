// A synthetic shop whose shoppers have a known hidden taste, for simulating traffic: each
// shopper likes a few categories more than the rest, each item has an appeal, and a
// shopper shown a list looks down it (less often the further down) and clicks, then
// sometimes buys, what they like. Shoppers differ in how much they click at all (as real
// ones do, by an order of magnitude): that difference between shoppers is what an A/B
// test must see through and an interleaved list, compared within one shopper, does not.
// Their past purchases follow the same taste, so a recommender trained on them can learn
// it; a list that ignores it earns less.
import { seededRandom } from "../../models/random.js";

export interface WorldSize {
  items: number;
  categories: number;
  shoppers: number;
  /** Past purchases per shopper (the training history). */
  history: number;
  /** How much more a shopper likes a favourite category than another (the effect to find). */
  favouriteBoost: number;
  seed: number;
}

export interface WorldItem {
  id: string;
  category: number;
  price: number;
  appeal: number;
}

/** Chance a shopper looks at the item in place p (0-based): position bias. */
export const examined = (p: number) => 1 / Math.sqrt(1 + p);
/** Chance that an examined item of average liking is clicked, and that a click is bought. */
const CLICK_BASE = 0.04;
const BUY_AFTER_CLICK = 0.3;
const FAVOURITES = 2;
const ENGAGEMENT_SIGMA = 1;

export class World {
  readonly items: WorldItem[];
  readonly shoppers: string[];
  private readonly byId: Map<string, number>;
  /** taste[u * categories + c]: shopper u's liking of category c, mean 1 over categories. */
  private readonly taste: Float64Array;
  /** How readily shopper u clicks at all (lognormal, mean 1). */
  private readonly engagement: Float64Array;

  constructor(readonly size: WorldSize) {
    const random = seededRandom(size.seed);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    this.items = Array.from({ length: size.items }, (_, j) => ({
      id: `sku-${j + 1}`, category: Math.floor(random() * size.categories), price: Math.round(5 + 45 * random()), appeal: Math.exp(0.5 * normal()),
    }));
    this.byId = new Map(this.items.map((it, j) => [it.id, j]));
    this.shoppers = Array.from({ length: size.shoppers }, (_, u) => `shopper-${u + 1}`);
    this.engagement = Float64Array.from(this.shoppers, () => Math.exp(ENGAGEMENT_SIGMA * normal() - ENGAGEMENT_SIGMA ** 2 / 2));
    const c = size.categories;
    this.taste = new Float64Array(size.shoppers * c);
    for (let u = 0; u < size.shoppers; u++) {
      const row = this.taste.subarray(u * c, (u + 1) * c).fill(1);
      for (let f = 0; f < FAVOURITES; f++) row[Math.floor(random() * c)] = size.favouriteBoost;
      const mean = row.reduce((s, x) => s + x, 0) / c;
      for (let k = 0; k < c; k++) row[k] /= mean;
    }
  }

  /** How much shopper u likes item j: taste for its category × its appeal. */
  liking(u: number, j: number): number {
    return this.taste[u * this.size.categories + this.items[j].category] * this.items[j].appeal;
  }

  /** Past purchases drawn by liking (a shopper buys what they like, over 60 days before `end`). */
  *history(end: number): Generator<{ user_id: string; item_id: string; type: "purchase"; timestamp: number }> {
    const random = seededRandom(this.size.seed + 1);
    const weights = new Float64Array(this.items.length);
    for (let u = 0; u < this.shoppers.length; u++) {
      let total = 0;
      for (let j = 0; j < this.items.length; j++) total += weights[j] = this.liking(u, j);
      for (let e = 0; e < this.size.history; e++) {
        let x = random() * total;
        let j = 0;
        while (j < this.items.length - 1 && (x -= weights[j]) > 0) j++;
        yield { user_id: this.shoppers[u], item_id: this.items[j].id, type: "purchase", timestamp: Math.round(end - random() * 60 * 86_400_000) };
      }
    }
  }

  /** What shopper u does with a list: the places clicked, and of those the items bought. */
  respond(u: number, shown: readonly string[], random: () => number): { clicked: number[]; bought: number[] } {
    const clicked: number[] = [];
    const bought: number[] = [];
    shown.forEach((id, p) => {
      const j = this.byId.get(id);
      if (j === undefined || random() >= examined(p)) return;
      if (random() < Math.min(0.95, CLICK_BASE * this.engagement[u] * this.liking(u, j))) {
        clicked.push(p);
        if (random() < BUY_AFTER_CLICK) bought.push(p);
      }
    });
    return { clicked, bought };
  }
}
