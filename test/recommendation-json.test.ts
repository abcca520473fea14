import { describe, expect, it } from "vitest";
import { recommendationJson } from "../server/http/recommendation-json.js";
import type { Recommendation } from "../server/serving/recommendation.js";
import { ItemsTextWriter, itemsFromText, itemsText, numberJson, reasonTypesOf, withKeptItems } from "../server/serving/items-text.js";
import type { ItemSummary } from "../server/store/types.js";
import type { Reason } from "../server/serving/reasons.js";
import { seededRandom } from "../models/random.js";

const items: Recommendation["items"] = [
  { id: "22423", title: "REGENCY CAKESTAND 3 TIER", score: 41.5583, reason: { type: "item_to_item", item: "85123A", title: "WHITE \"HANGING\" HEART\tT-LIGHT" } },
  { id: "item-ü/2", title: null, score: -0.25, reason: { type: "popular_in", segments: ["country=France"] } },
  { id: "x", title: "\u2028line\\sep", score: 1e-7, reason: { type: "pinned", rule: "summer" } },
];

describe("recommendationJson", () => {
  it("writes the same text as JSON.stringify, with or without the optional parts", () => {
    const plain: Recommendation = { user: "17850", placement: "home", model_version: "v000003", recommendation_id: "01a23560-2a39-73af-91f9-9776565dd7ed", personalized: true, items };
    const full: Recommendation = {
      user: null, placement: "product", variant: { experiment: "exp", variant: "b" }, model_version: "v1", recommendation_id: "id",
      personalized: false, items: [], filter: { category: "Garden", in_stock: true, passed: 12 },
    };
    for (const r of [plain, full]) expect(recommendationJson(r)).toBe(JSON.stringify(r));
  });

  it("writes a kept list served again under its new id, and another list with its own items", () => {
    const first: Recommendation = { user: "u", placement: "home", model_version: "v1", recommendation_id: "a", personalized: true, items };
    const again = { ...first, recommendation_id: "b" };
    const other = { ...first, items: items.slice(1) };
    expect(recommendationJson(first)).toBe(JSON.stringify(first));
    expect(recommendationJson(again)).toBe(JSON.stringify(again));
    expect(recommendationJson(other)).toBe(JSON.stringify(other));
  });

  it("reads a kept list's items back from their text as they were, and writes the same answer", () => {
    const kept = itemsFromText(itemsText(items));
    expect(kept).toEqual(items);
    const again: Recommendation = { user: "v", placement: "home", model_version: "v1", recommendation_id: "c", personalized: true, items: kept };
    expect(recommendationJson(again)).toBe(JSON.stringify({ ...again, items }));
  });

  it("serves a kept list from its text and reason types, its items read back only when asked for", () => {
    const text = JSON.stringify(items).replace("REGENCY", "KEPT");
    const again = withKeptItems<Recommendation>({ user: "w", placement: "home", model_version: "v1", recommendation_id: "d", personalized: true, items: [] }, text, ["kept"]);
    // The answer and the metrics take the kept text and types, not the items.
    expect(recommendationJson(again)).toContain("KEPT CAKESTAND");
    expect(reasonTypesOf(again)).toEqual(["kept"]);
    expect(again.items[0].title).toBe("KEPT CAKESTAND 3 TIER");
    expect(JSON.stringify(again)).toBe(recommendationJson(again));
    expect(reasonTypesOf({ items })).toEqual(["item_to_item", "popular_in", "pinned"]);
  });
});

describe("ItemsTextWriter", () => {
  it("writes a score from its digits as JSON.stringify prints the number they read as", () => {
    const random = seededRandom(5);
    const odd = [0, -0, 1.5, -2, 999999.5, 1e21, 123456.7, 1e-6, 9.999995e-7, -1e-7, 5e-324, NaN, Infinity, -Infinity, 0.1 + 0.2];
    const values = [...odd, ...Array.from({ length: 20_000 }, () => (random() - 0.3) * 10 ** Math.floor(random() * 30 - 12))];
    for (const x of values) {
      const digits = x.toPrecision(6);
      expect(numberJson(digits, Number(digits)), digits).toBe(JSON.stringify(Number(digits)));
    }
  });

  it("writes the items as JSON.stringify does, each reason's shape, odd titles and ids alike", () => {
    const summary = (extId: string, title: string | null): ItemSummary => ({ extId, title, recommendable: true });
    const cake = summary("22423", "REGENCY CAKESTAND 3 TIER");
    const heart = summary("85123A", 'WHITE "HANGING" HEART\tT-LIGHT \u2028 ü');
    const untitled = summary("item-ü/2", null);
    const reasons: [Reason, ItemSummary | undefined][] = [
      [{ type: "item_to_item", item: heart.extId, title: heart.title }, heart],
      [{ type: "item_to_item", item: untitled.extId, title: null }, untitled],
      [{ type: "your_history" }, undefined], [{ type: "similar_shoppers" }, undefined], [{ type: "new_item" }, undefined],
      [{ type: "popular" }, undefined], [{ type: "buy_again" }, undefined], [{ type: "trending" }, undefined],
      [{ type: "popular_in", segments: ["country=France", 'tier="gold"'] }, undefined], [{ type: "pinned", rule: "summer" }, undefined],
      [{ type: "theme", theme: "Winter \\ cosy" }, undefined],
    ];
    const writer = new ItemsTextWriter();
    const made: Recommendation["items"] = [];
    reasons.forEach(([reason, because], r) => {
      const item = [cake, heart, untitled][r % 3];
      const digits = ((r - 3) * 1.2345678 * 10 ** (r - 6)).toPrecision(6);
      made.push({ id: item.extId, title: item.title, score: Number(digits), reason });
      writer.add(item, digits, Number(digits), reason, because);
    });
    writer.keep(made);
    const text = itemsText(made);
    expect(text).toBe(JSON.stringify(made));
    expect(itemsFromText(text)).toEqual(made);
    // Another list's items have their own text.
    expect(itemsText(made.slice(1))).toBe(JSON.stringify(made.slice(1)));
  });
});
