// The generated catalogue: items in categories, with Zipf-like popularity. An item's
// popularity rank is a seeded permutation of its index, so popular items are spread over
// ids and categories; the draws below are what shoppers' choices are made of.
import { seededRandom } from "../../models/random.js";
import { between, cumulative, normal, permutation, pick, zipfWeights, type Random } from "./sampling.js";
import { ADJECTIVES, COLOURS, MATERIALS, NOUNS, STYLES, plural } from "./words.js";

export interface CatalogueItem {
  index: number;
  title: string;
  category: string;
  price: number;
  tags: string[];
}

export class Catalogue {
  readonly categoryNames: string[];
  readonly categoryOf: Int32Array;
  /** Items by popularity rank, and the running sum of their Zipf weights. */
  private readonly byRank: Int32Array;
  private readonly rankCum: Float64Array;
  /** Items of each category (CSR, most popular first) with the running sum of their weights. */
  private readonly catPtr: Int32Array;
  private readonly catItems: Int32Array;
  private readonly catCum: Float64Array;
  /** How often a category is chosen as a favourite or a session's theme. */
  private readonly categoryCum: Float64Array;

  constructor(items: number, categories: number, zipfExponent: number, private readonly seed: number) {
    const random = seededRandom(seed);
    this.categoryNames = Array.from({ length: categories }, (_, c) => categoryName(c));
    this.byRank = permutation(items, random);
    const weights = zipfWeights(items, zipfExponent);
    this.rankCum = cumulative(weights);

    // Category sizes are themselves skewed (a few big departments, many small ones); the
    // first `categories` items seed one category each so that none is empty.
    const sizeCum = cumulative(zipfWeights(categories, 0.6));
    this.categoryOf = Int32Array.from({ length: items }, (_, i) => (i < categories ? i : pick(sizeCum, random)));

    this.catPtr = new Int32Array(categories + 1);
    for (let i = 0; i < items; i++) this.catPtr[this.categoryOf[i] + 1]++;
    for (let c = 0; c < categories; c++) this.catPtr[c + 1] += this.catPtr[c];
    const fill = this.catPtr.slice(0, categories);
    this.catItems = new Int32Array(items);
    const itemWeights = new Float64Array(items);
    const mass = new Float64Array(categories);
    for (let r = 0; r < items; r++) {
      const item = this.byRank[r];
      const c = this.categoryOf[item];
      itemWeights[fill[c]] = weights[r];
      this.catItems[fill[c]++] = item;
      mass[c] += weights[r];
    }
    this.catCum = cumulative(itemWeights);
    // Square-rooted mass: niche categories still have their devoted shoppers.
    this.categoryCum = cumulative(Array.from(mass, Math.sqrt));
  }

  /** An item drawn by global popularity. */
  popularItem(random: Random): number {
    return this.byRank[pick(this.rankCum, random)];
  }

  /** An item of category c, drawn by popularity within the category. */
  itemIn(c: number, random: Random): number {
    return this.catItems[pick(this.catCum, random, this.catPtr[c], this.catPtr[c + 1])];
  }

  category(random: Random): number {
    return pick(this.categoryCum, random);
  }

  /** Titles, prices and tags, generated in index order from their own seeded stream. */
  *items(): Generator<CatalogueItem> {
    const random = seededRandom(this.seed + 1);
    const basePrice = this.categoryNames.map(() => 5 + 60 * Math.exp(0.8 * normal(random)));
    for (let i = 0; i < this.categoryOf.length; i++) {
      const c = this.categoryOf[i];
      const adjective = ADJECTIVES[between(random, 0, ADJECTIVES.length - 1)];
      const material = MATERIALS[between(random, 0, MATERIALS.length - 1)];
      const colour = COLOURS[between(random, 0, COLOURS.length - 1)];
      yield {
        index: i,
        title: `${adjective} ${material} ${NOUNS[c % NOUNS.length]} (${colour})`,
        category: this.categoryNames[c],
        price: Math.round(basePrice[c] * Math.exp(0.4 * normal(random)) * 100) / 100,
        tags: [material.toLowerCase(), adjective.toLowerCase(), colour],
      };
    }
  }
}

/** "Vintage Lamps"; past the 480 style × noun pairs a number keeps names unique. */
function categoryName(c: number): string {
  const noun = plural(NOUNS[c % NOUNS.length]);
  const round = Math.floor(c / NOUNS.length);
  const style = STYLES[round % STYLES.length];
  const lap = Math.floor(round / STYLES.length);
  return lap === 0 ? `${style} ${noun}` : `${style} ${noun} ${lap + 1}`;
}
