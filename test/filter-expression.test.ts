// The filter= language: what it keeps, and the errors it gives with their positions.
import { describe, expect, it } from "vitest";
import { FilterSyntaxError, parseFilter, type ItemFacets } from "../server/serving/filter-expression.js";

const item = (category: string | null, price: number | null, stock: number | null, attributes: Record<string, unknown> = {}): ItemFacets => ({ category, price, stock, attributes: () => attributes });
const ITEMS = {
  redMug: item("Kitchen", 8, 3, { colour: "red", size: 2, organic: true }),
  blueMug: item("Kitchen", 12, 0, { colour: "blue" }),
  bench: item("Garden", 120, null, { colour: "teak" }),
  unknown: item(null, null, null),
};
const keeps = (text: string) => Object.entries(ITEMS).filter(([, i]) => parseFilter(text).test(i)).map(([name]) => name);

describe("filter expressions", () => {
  it("compare fields and attributes, combine with AND, OR, NOT and parentheses", () => {
    expect(keeps(`category = "Kitchen"`)).toEqual(["redMug", "blueMug"]);
    expect(keeps(`price < 10 OR price >= 100`)).toEqual(["redMug", "bench"]);
    expect(keeps(`category = 'Kitchen' and not stock > 0`)).toEqual(["blueMug"]);
    expect(keeps(`attributes.colour IN ("red", "teak") AND (price <= 8 OR category != "Kitchen")`)).toEqual(["redMug", "bench"]);
    expect(keeps(`attributes.organic = true AND attributes.size >= 2`)).toEqual(["redMug"]);
    expect(keeps(`price > -1e3`)).toEqual(["redMug", "blueMug", "bench"]);
  });

  it("treat a missing value, or a number against a string, as false; NOT negates that", () => {
    expect(keeps(`stock >= 0`)).toEqual(["redMug", "blueMug"]);
    expect(keeps(`NOT stock >= 0`)).toEqual(["bench", "unknown"]);
    expect(keeps(`attributes.colour = 1`)).toEqual([]);
    expect(keeps(`category != "Garden"`)).toEqual(["redMug", "blueMug"]);
  });

  it("name what they found and where on a syntax error", () => {
    const error = (text: string) => {
      try {
        parseFilter(text);
      } catch (err) {
        expect(err).toBeInstanceOf(FilterSyntaxError);
        return (err as Error).message;
      }
      throw new Error(`no error for ${text}`);
    };
    expect(error(`price < `)).toBe("expected a value (a quoted string, a number, true or false) at the end");
    expect(error(`price << 3`)).toBe("expected a value (a quoted string, a number, true or false), found '<' at position 8");
    expect(error(`colour = "red"`)).toBe("unknown field 'colour' at position 1: use category, price, stock or attributes.NAME");
    expect(error(`price < 3 price > 1`)).toBe("expected AND, OR or the end, found 'price' at position 11");
    expect(error(`(price < 3`)).toBe("expected ')' at the end");
    expect(error(`price ~ 3`)).toBe("unexpected character '~' at position 7");
    expect(error(`category IN ("a" "b")`)).toBe("expected ')' or ',', found '\"b\"' at position 18");
    expect(error(`   `)).toBe("the filter is empty");
  });
});
