import { describe, expect, it } from "vitest";
import { recommendationJson } from "../server/http/recommendation-json.js";
import type { Recommendation } from "../server/serving/recommendation.js";
import { itemsFromText, itemsText, reasonTypesOf, withKeptItems } from "../server/serving/items-text.js";

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
