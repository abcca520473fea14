// The merchandising rules http-recommend --rules N puts in force: a seeded mix of the
// kinds a shop writes — boosts and buries by category and price, exclusions, pins, a cap
// and a promotion — over the shop's own categories (price bands where it has none) and items.
import type { Store } from "../server/store/types.js";
import type { RuleDefinition } from "../server/serving/rules/definition.js";
import { seededRandom } from "../models/random.js";

/** `count` rules (at most 20 kinds, repeated past that), seeded. */
export async function benchRules(store: Store, count: number, seed = 11): Promise<{ id: string; rule: RuleDefinition }[]> {
  const facets = await store.items.facets();
  const byCategory = new Map<string, number>();
  for (const [, category] of facets) if (category !== null) byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
  const categories = [...byCategory.keys()].sort();
  const random = seededRandom(seed);
  // A category's items; in a shop without categories, a price band.
  const pickCategory = () => JSON.stringify(categories[Math.floor(random() * categories.length)]);
  const group = () => {
    if (categories.length > 0) return `category = ${pickCategory()}`;
    const low = Math.floor(random() * 20);
    return `price >= ${low} AND price < ${low + 1}`;
  };
  const groups = () => (categories.length > 0 ? `category IN (${pickCategory()}, ${pickCategory()})` : `${group()} OR ${group()}`);
  const ids = (await store.items.page({ limit: 50 })).map((i) => i.id);
  const item = () => ids[Math.floor(random() * ids.length)];
  const base = { enabled: true } as const;
  const kinds: (() => RuleDefinition)[] = [
    ...Array.from({ length: 6 }, () => () => ({ ...base, action: "boost" as const, match: { filter: group() }, multiply: 1.5, add: 0 })),
    ...Array.from({ length: 3 }, () => () => ({ ...base, action: "boost" as const, match: { filter: group() }, multiply: 0.5, add: 0 })),
    () => ({ ...base, action: "boost", match: { filter: "price > 50" }, multiply: 0.8, add: 0 }),
    () => ({ ...base, action: "boost", match: { filter: "price < 5" }, multiply: 1, add: 0.01 }),
    () => ({ ...base, action: "boost", match: { items: [item(), item(), item()] }, multiply: 2, add: 0 }),
    () => ({ ...base, action: "boost", match: { filter: groups() }, multiply: 1.2, add: 0 }),
    () => ({ ...base, action: "exclude", match: { filter: group() } }),
    () => ({ ...base, action: "exclude", match: { filter: "price > 200" } }),
    () => ({ ...base, action: "exclude", match: { items: [item(), item()] } }),
    () => ({ ...base, action: "pin", item: item(), position: 1 }),
    () => ({ ...base, action: "pin", item: item(), position: 5 }),
    () => ({ ...base, action: "share", match: { filter: group() }, max: 0.3 }),
    () => ({ ...base, action: "share", match: { filter: group() }, min: 0.1 }),
  ];
  return Array.from({ length: count }, (_, r) => ({ id: `bench-${String(r + 1).padStart(2, "0")}`, rule: kinds[r % kinds.length]() }));
}
