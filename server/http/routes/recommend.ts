import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { externalId } from "../../inputs.js";
import { countList } from "../../platform/metrics.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { Recommendation, SearchResult, Similar } from "../openapi/schemas.js";
import { WhyNotAnswer } from "../openapi/why-not-schema.js";
import { GUARDED, responses } from "../openapi/responses.js";
import { validationHook } from "../validate.js";
import { FilterSyntaxError, parseFilter, type FilterExpression } from "../../serving/filter-expression.js";
import { missingInput, PLACEMENTS, type Placement, type PlacementInput } from "../../serving/placements/placement.js";
import { badRequest } from "../../errors.js";
import { jsonText, recommendationJson } from "../recommendation-json.js";
import { reasonTypesOf } from "../../serving/items-text.js";
import type { Recommendation as RecommendationList } from "../../serving/recommendation.js";

const flag = z.enum(["true", "false", "1", "0"], { error: () => "must be true or false" }).transform((v) => v === "true" || v === "1");
const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
/** At most this many ids in `exclude`. */
/** The most ids an exclude or cart list may name. */
export const MAX_EXCLUDED = 100;
const excludeList = z
  .string()
  .transform((v) => v.split(",").map((id) => id.trim()).filter((id) => id !== ""))
  .pipe(z.array(z.string().max(256, "an id must be at most 256 characters")).max(MAX_EXCLUDED, `at most ${MAX_EXCLUDED} ids`))
  .optional()
  .openapi({ description: `items not to show, comma-separated ids (the cart, the page's own item; at most ${MAX_EXCLUDED}); unknown ids are ignored`, example: "22423,85123A" });
const price = (bound: string) => z.coerce.number().min(0).optional().openapi({ description: `only items with a price ${bound} this (items without a price are left out)`, example: 20 });
const expression = z
  .string()
  .max(1000, "must be at most 1000 characters")
  .transform((text, ctx) => {
    try {
      return parseFilter(text);
    } catch (err) {
      if (!(err instanceof FilterSyntaxError)) throw err;
      ctx.addIssue({ code: "custom", message: err.message });
      return z.NEVER;
    }
  })
  .optional()
  .openapi({
    type: "string",
    description: "a boolean expression over category, price, stock and attributes.NAME (README: Filters), e.g. `attributes.colour IN (\"red\", \"blue\") AND NOT price > 50`",
    example: "attributes.colour = \"red\" AND price < 20",
  });
/** The filters every list takes; the response's `filter.passed` says how many items passed. */
const filterParams = {
  exclude: excludeList,
  category: text(200).optional().openapi({ description: "only items of this category (exact match)", example: "Garden" }),
  price_min: price("at least"),
  price_max: price("at most"),
  in_stock: flag.optional().openapi({ description: "true: only items whose stock was sent and is above 0", example: "true" }),
  filter: expression,
};
const filtersOf = (q: { exclude?: string[]; category?: string; price_min?: number; price_max?: number; in_stock?: boolean; filter?: FilterExpression }) => ({
  exclude: q.exclude, category: q.category, priceMin: q.price_min, priceMax: q.price_max, inStock: q.in_stock, expression: q.filter,
});
/** The placement and what it is about; a placement without its parameter is a 400 naming it. */
function placementOf(q: { placement: Placement; item?: string; items?: string[]; theme?: string }): PlacementInput {
  const input = { placement: q.placement, item: q.item, items: q.items, theme: q.theme };
  const missing = missingInput(input);
  if (missing) throw badRequest(`placement=${q.placement} needs ${missing}=…`);
  return input;
}

/**
 * What a list is made for: the request's filters, placement, shopper attributes and whether
 * it is explained. Written out field by field: an object made of spreads cost a kept list
 * ~20 µs more downstream (the list cache writes it into its key as JSON, which V8 does
 * much faster for an object of fixed shape).
 */
export function listContext(q: Parameters<typeof filtersOf>[0] & Parameters<typeof placementOf>[0] & { explain: boolean }, attributes: Record<string, string>) {
  const { placement, item, items, theme } = placementOf(q);
  return {
    exclude: q.exclude, category: q.category, priceMin: q.price_min, priceMax: q.price_max, inStock: q.in_stock, expression: q.filter,
    placement, item, items, theme, attributes, explain: q.explain,
  };
}

/** A list's answer (JSON text), counted in the metrics. */
export function listAnswer(list: RecommendationList): string {
  countList(list.personalized, reasonTypesOf(list));
  return recommendationJson(list);
}

const itemParam = z.object({ id: externalId.openapi({ param: { name: "id", in: "path" }, example: "22423" }) });

export function recommendRoutes(s: Services): OpenAPIHono<AppEnv> {
  const n = z.coerce.number().int().min(1).max(s.config.maxResults).default(s.config.defaultResults)
    .openapi({ description: `how many items (1 to ${s.config.maxResults})`, example: 20 });
  const recommendQuery = z.object({
    user: externalId.optional().openapi({ description: "the shopper's id; unknown, new or absent: the non-personalised list", example: "17850" }),
    n,
    include_purchased: flag.default(false).openapi({ description: "allow items the shopper already bought", example: "false" }),
    placement: z.enum(PLACEMENTS, { error: () => `must be one of ${PLACEMENTS.join(", ")}` }).default("home")
      .openapi({ description: "the list type (README: Placements): home, product (with item), cart (with items), buy_again, trending, scenario (with theme); rules limited to another placement do not apply", example: "home" }),
    item: externalId.optional().openapi({ description: "placement=product: the item whose page the shopper is on", example: "22423" }),
    items: excludeList.openapi({ description: "placement=cart: the cart's items, comma-separated ids (at most 100)", example: "22423,85123A" }),
    theme: text(200).optional().openapi({ description: "placement=scenario: the shopping scenario in words", example: "camping trip" }),
    explain: flag.default(false).openapi({ description: "take each item's score apart by source (item-kNN, linear, text, recency, factors, popularity, rules) with the history items behind it", example: "false" }),
    ...filterParams,
    // The context a shopper without history is recommended for: the category of the page,
    // and attributes such as region or tier (any other query parameter).
    category: text(200).optional().openapi({
      description: "only items of this category (exact match), for every shopper; a shopper without history gets its popular items first. Any other parameter (region=…, tier=…) is a shopper attribute",
      example: "Garden",
    }),
  });

  const recommend = createRoute({
    method: "get", path: "/recommend", tags: ["recommendations"], summary: "A shopper's personalised list",
    description: "Each item with the reason it is there. A shopper without history gets what is popular in their context.",
    middleware: [s.guard("read")] as const,
    request: { query: recommendQuery },
    responses: responses(200, Recommendation, "the list", [400, ...GUARDED, 503]),
  });
  const whyNotQuery = recommendQuery.omit({ explain: true, item: true }).extend({
    item: externalId.openapi({ description: "the item that is not in the list", example: "22423" }),
    page_item: externalId.optional().openapi({ description: "placement=product: the item whose page the list is for (item= in /recommend)", example: "85123A" }),
  });
  const whyNot = createRoute({
    method: "get", path: "/recommend/why-not", tags: ["recommendations"], summary: "Why an item is not in a shopper's list",
    description: "Deleted, out of stock, already bought, excluded by the request or a rule (named), filtered out, unknown to the model, moved out by diversity or a share, or ranked below the last item shown: then its rank, its score against that item's and its contributions. Takes /recommend's parameters.",
    middleware: [s.guard("read")] as const,
    request: { query: whyNotQuery },
    responses: responses(200, WhyNotAnswer, "the answer", [400, ...GUARDED, 404, 503]),
  });
  const similar = createRoute({
    method: "get", path: "/items/{id}/similar", tags: ["recommendations"], summary: "Items like this one: similar text and bought together",
    middleware: [s.guard("read")] as const,
    request: { params: itemParam, query: z.object({ n, ...filterParams }) },
    responses: responses(200, Similar, "similar items, each with its source", [400, ...GUARDED, 404, 409, 503]),
  });
  const search = createRoute({
    method: "get", path: "/search", tags: ["recommendations"], summary: "Semantic search, reordered by the shopper's taste",
    middleware: [s.guard("read")] as const,
    request: {
      query: z.object({
        q: text(500).openapi({ description: "the query text", example: "cup of tea" }),
        user: externalId.optional().openapi({ description: "the shopper whose taste reorders the results", example: "17850" }),
        n,
        ...filterParams,
      }),
    },
    responses: responses(200, SearchResult, "matching items", [400, ...GUARDED, 409, 503]),
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(recommend, async (c) => {
      const q = c.req.valid("query");
      const attributes = Object.fromEntries(Object.entries(c.req.query()).filter(([k]) => !(k in recommendQuery.shape)));
      const list = await s.recommender.recommend(q.user, q.n, q.include_purchased, listContext(q, attributes));
      return jsonText<typeof list>(c, listAnswer(list));
    })
    .openapi(whyNot, async (c) => {
      const q = c.req.valid("query");
      const attributes = Object.fromEntries(Object.entries(c.req.query()).filter(([k]) => !(k in whyNotQuery.shape)));
      return c.json(await s.recommender.whyNot(q.user, q.item, q.n, q.include_purchased, { ...filtersOf(q), ...placementOf({ ...q, item: q.page_item }), attributes }), 200);
    })
    .openapi(similar, async (c) => {
      const q = c.req.valid("query");
      return c.json(await s.recommender.similar(c.req.valid("param").id, q.n, filtersOf(q)), 200);
    })
    .openapi(search, async (c) => {
      const q = c.req.valid("query");
      return c.json(await s.recommender.search(q.q, q.user, q.n, filtersOf(q)), 200);
    });
}
