// What the API answers, as zod schemas: the OpenAPI document is generated from these and
// from the input schemas (server/inputs.ts), so the document cannot drift from the code.
// Each carries an example, and a test checks that every example validates.
import { z } from "@hono/zod-openapi";
import { PLACEMENTS } from "../../serving/placements/placement.js";

const item = z.string().openapi({ description: "the item's id in the shop", example: "22423" });

export const Reason = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("item_to_item"), item, title: z.string().nullable() }).openapi({ description: "an item in the shopper's history contributed most" }),
    z.object({ type: z.literal("your_history") }).openapi({ description: "the shopper viewed or carted it recently" }),
    z.object({ type: z.literal("similar_shoppers") }).openapi({ description: "the shopper's taste profile (matrix factors) put it there" }),
    z.object({ type: z.literal("new_item") }).openapi({ description: "a product without events yet, like the items the shopper's history points to (none of their own items resembles it most)" }),
    z.object({ type: z.literal("popular") }).openapi({ description: "popularity with time decay" }),
    z.object({ type: z.literal("popular_in"), segments: z.array(z.string()) }).openapi({ description: "popular in the shopper's context (category, attributes)" }),
    z.object({ type: z.literal("pinned"), rule: z.string() }).openapi({ description: "put at this place by the named pin rule" }),
    z.object({ type: z.literal("buy_again") }).openapi({ description: "bought repeatedly and due again (placement buy_again)" }),
    z.object({ type: z.literal("trending") }).openapi({ description: "rising popularity (placement trending)" }),
    z.object({ type: z.literal("theme"), theme: z.string() }).openapi({ description: "close in text to the scenario's theme (placement scenario)" }),
  ])
  .openapi("Reason", { example: { type: "item_to_item", item: "22633", title: "HAND WARMER UNION JACK" } });

export const CONTRIBUTIONS = z.enum(["item_knn", "linear", "text", "recency", "factors", "popularity", "rules", "pin", "new_item", "popular_in_context", "buy_again", "trending", "theme"]);

const Explanation = z
  .object({
    contributions: z.partialRecord(CONTRIBUTIONS, z.number())
      .openapi({ description: "the score taken apart by source: for a scored item they add up to the score" }),
    because: z.array(z.object({ item, title: z.string().nullable(), contribution: z.number() })).openapi({ description: "the history items behind the largest item-to-item contribution" }),
    rank_before_rules: z.number().int().nullable().openapi({ description: "its place before diversity, shares and pins (null: put there by a rule)" }),
  })
  .optional()
  .openapi({ description: "with explain=true" });

export const RecommendedItem = z
  .object({ id: item, title: z.string().nullable(), score: z.number(), reason: Reason, explain: Explanation })
  .openapi("RecommendedItem", { example: { id: "23439", title: "HAND WARMER RED LOVE HEART", score: 2.39558, reason: { type: "popular" } } });

const FilterOutcome = z
  .object({
    category: z.string().optional(), price_min: z.number().optional(), price_max: z.number().optional(), in_stock: z.boolean().optional(),
    expression: z.string().optional().openapi({ description: "the `filter` expression as given" }),
    passed: z.number().int().openapi({ description: "items passing the filter that the model can show (0: the list is empty because of the filter)" }),
  })
  .optional()
  .openapi({ description: "present when the request named a filter (category, price_min, price_max, in_stock, filter): the filter as given and how many items passed" });

export const Recommendation = z
  .object({
    user: z.string().nullable(),
    placement: z.enum(PLACEMENTS),
    model_version: z.string(),
    recommendation_id: z.string().uuid().openapi({ description: "identifies this list, for attributing clicks to it" }),
    personalized: z.boolean(),
    items: z.array(RecommendedItem),
    filter: FilterOutcome,
  })
  .openapi("Recommendation", {
    example: {
      user: "17850", placement: "home", model_version: "v000001", recommendation_id: "e8791405-b6b5-447b-a958-c7b347fee09f", personalized: true,
      items: [{ id: "23439", title: "HAND WARMER RED LOVE HEART", score: 2.39558, reason: { type: "item_to_item", item: "22633", title: "HAND WARMER UNION JACK" } }],
    },
  });

const FoundItem = z.object({ id: item, title: z.string().nullable(), score: z.number() });

export const Similar = z
  .object({ item, model_version: z.string(), items: z.array(FoundItem.extend({ source: z.enum(["co_purchase", "content"]) })), filter: FilterOutcome })
  .openapi("SimilarItems", { example: { item: "22423", model_version: "v000002", items: [{ id: "22697", title: "GREEN REGENCY TEACUP AND SAUCER", score: 1.9, source: "co_purchase" }] } });

export const SearchResult = z
  .object({ query: z.string(), user: z.string().nullable(), model_version: z.string(), items: z.array(FoundItem), filter: FilterOutcome })
  .openapi("SearchResult", { example: { query: "cup of tea", user: null, model_version: "v000002", items: [{ id: "22697", title: "GREEN REGENCY TEACUP AND SAUCER", score: 0.81 }] } });

export const ItemRecord = z
  .object({
    id: item, title: z.string().nullable(), description: z.string().nullable(), category: z.string().nullable(),
    price: z.number().nullable(), stock: z.number().int().nullable(), tags: z.array(z.string()), attributes: z.record(z.string(), z.unknown()),
    available: z.boolean(), created_at: z.string().datetime(), updated_at: z.string().datetime(),
  })
  .openapi("Item", {
    example: {
      id: "sku-1", title: "Teapot", description: null, category: "kitchen", price: 24.5, stock: 12, tags: ["tea"], attributes: { colour: "blue" },
      available: true, created_at: "2024-05-01T10:00:00.000Z", updated_at: "2024-05-01T10:00:00.000Z",
    },
  });

export const UserRecord = z
  .object({ id: z.string(), attributes: z.record(z.string(), z.unknown()), created_at: z.string().datetime(), updated_at: z.string().datetime() })
  .openapi("Shopper", { example: { id: "17850", attributes: { region: "UK", tier: "gold" }, created_at: "2024-05-01T10:00:00.000Z", updated_at: "2024-05-01T10:00:00.000Z" } });

export const Upserted = z.object({ upserted: z.number().int() }).openapi("Upserted", { example: { upserted: 2 } });

export const Accepted = z
  .object({ accepted: z.number().int(), duplicates: z.number().int().openapi({ description: "events whose event_id was stored before" }) })
  .openapi("EventsAccepted", { example: { accepted: 2, duplicates: 0 } });

export const Erased = z.object({ events_deleted: z.number().int() }).openapi("Erased", { example: { events_deleted: 297 } });

export const UserExport = z
  .object({
    exported_at: z.string().datetime(),
    user: UserRecord,
    derived: z.object({ segments: z.array(z.string()), model_state: z.string() }),
    events: z.array(z.object({
      event_id: z.string().optional(), item_id: z.string(), type: z.string(), value: z.number().optional(), timestamp: z.string().datetime(), context: z.record(z.string(), z.unknown()).optional(),
    })),
    event_count: z.number().int(),
  })
  .openapi("ShopperExport", {
    example: {
      exported_at: "2026-12-01T10:00:00.000Z", user: { id: "17850", attributes: { region: "UK" }, created_at: "2024-05-01T10:00:00.000Z", updated_at: "2024-05-01T10:00:00.000Z" },
      derived: { segments: ["region=UK"], model_state: "none: lists are computed from the events above on each request" },
      events: [{ item_id: "22423", type: "purchase", value: 2, timestamp: "2024-05-01T10:00:00.000Z" }], event_count: 1,
    },
  });

export const NewApiKey = z
  .object({
    name: z.string().openapi({ description: "1 to 100 letters, digits, or . _ @ -" }),
    scope: z.enum(["read", "write", "admin"], { error: () => "must be one of read, write, admin" }),
    expires_in: z.string().optional().openapi({ description: "e.g. 90d, 12h, 30m; never expires when absent" }),
    rate_per_second: z.number().positive().optional().openapi({ description: "this key's rate limit; the scope's setting when absent" }),
  })
  .openapi("NewApiKey", { example: { name: "storefront", scope: "read", expires_in: "90d" } });

const KeyFields = {
  name: z.string(), scope: z.enum(["read", "write", "admin"]), rate_per_second: z.number().nullable(), created_at: z.string().datetime(),
  expires_at: z.string().datetime().nullable(), revoked_at: z.string().datetime().nullable(), last_used_at: z.string().datetime().nullable(),
};
const keyExample = {
  name: "storefront", scope: "read" as const, rate_per_second: null, created_at: "2026-12-01T10:00:00.000Z", expires_at: null, revoked_at: null, last_used_at: null,
};
export const KeyShown = z.object(KeyFields).openapi("ApiKey", { example: keyExample });
export const KeyList = z.object({ keys: z.array(KeyShown) }).openapi("ApiKeys", { example: { keys: [keyExample] } });
export const KeyCreated = z
  .object({ ...KeyFields, secret: z.string().openapi({ description: "shown only in this answer; the store keeps a hash" }) })
  .openapi("ApiKeyCreated", { example: { ...keyExample, secret: "tj_0123456789abcdefghijklmnopqrstuv" } });

export const AuditEntries = z
  .object({
    entries: z.array(z.object({
      id: z.number().int(), time: z.string().datetime(), actor: z.string(), action: z.string(), target: z.string().nullable(), details: z.record(z.string(), z.unknown()),
    })),
  })
  .openapi("AuditLog", { example: { entries: [{ id: 7, time: "2026-12-01T10:00:00.000Z", actor: "ops", action: "key.revoke", target: "storefront", details: { scope: "read" } }] } });

export const Health = z.object({ status: z.literal("ok") }).openapi("Health", { example: { status: "ok" } });
export const Ready = z.object({ ready: z.literal(true), model_version: z.string() }).openapi("Ready", { example: { ready: true, model_version: "v000001" } });
export const NotReady = z.object({ ready: z.literal(false), reason: z.string() }).openapi("NotReady", { example: { ready: false, reason: "no model loaded" } });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: "stable and machine-readable: bad_request, unauthorized, forbidden, unknown_item, rate_limited, store_busy …" }),
      message: z.string(),
      details: z.unknown().optional().openapi({ description: "e.g. each invalid field with its path" }),
    }),
  })
  .openapi("Error", { example: { error: { code: "bad_request", message: "invalid query parameters", details: [{ path: "n", message: "Too big: expected number to be <=200" }] } } });

export const ItemPage = z
  .object({ items: z.array(ItemRecord), next: z.string().nullable().openapi({ description: "pass as `after` for the next page; null on the last" }) })
  .openapi("ItemPage", { example: { items: [{ id: "sku-1", title: "Teapot", description: null, category: "kitchen", price: 24.5, stock: 12, tags: ["tea"], attributes: {}, available: true, created_at: "2024-05-01T10:00:00.000Z", updated_at: "2024-05-01T10:00:00.000Z" }], next: "sku-1" } });

export const ShopperEvents = z
  .object({
    events: z.array(z.object({
      event_id: z.string().nullable(), item_id: z.string(), type: z.string(), value: z.number().nullable(), timestamp: z.string().datetime(), context: z.record(z.string(), z.unknown()).nullable(),
    })),
    next: z.string().nullable().openapi({ description: "pass as `before` for the next (older) page; null on the last" }),
  })
  .openapi("ShopperEvents", {
    example: { events: [{ event_id: null, item_id: "22423", type: "purchase", value: 2, timestamp: "2011-12-09T12:50:00.000Z", context: null }], next: "1323435000000.541909" },
  });

const fit = z.object({
  recall: z.number(),
  ndcg: z.number().nullable().openapi({ description: "NDCG@n of the chosen weights; null for models trained before it was measured" }),
  best_recall: z.number().openapi({ description: "the best recall of any weights tried (the chosen ones may give a little up for coverage)" }),
  coverage: z.number(),
  cases: z.number().int(),
});
export const Stats = z
  .object({
    items: z.number().int(), shoppers: z.number().int(), events: z.number().int(),
    events_per_day: z.object({
      days: z.array(z.string()).openapi({ description: "UTC days (YYYY-MM-DD) ending at the newest event's day" }),
      counts: z.record(z.string(), z.array(z.number().int())).openapi({ description: "per event type, the count on each day" }),
    }),
    model: z.object({ version: z.string(), created_at: z.string().datetime(), age_seconds: z.number().int() }).nullable(),
    history: z.array(z.object({
      version: z.string(), created_at: z.string().datetime(), events: z.number().int(), shoppers: z.number().int(), items: z.number().int(),
      train_seconds: z.number().nullable(),
      fit: fit.nullable().openapi({ description: "recall@n and NDCG@n on the validation split, coverage; null without validation data" }),
      weights: z.record(z.string(), z.number()).openapi({ description: "the hybrid's weight of each source" }),
    })).openapi({ description: "the versions kept, oldest first" }),
    scheduled_trains: z.array(z.object({
      time: z.string().datetime(), outcome: z.enum(["succeeded", "failed"]), why: z.string().openapi({ description: "why the model was due" }),
      seconds: z.number().nullable(), version: z.string().nullable().openapi({ description: "the model it published; null when it failed" }),
      exit_code: z.number().int().nullable(), signal: z.string().nullable().openapi({ description: "the signal that ended the train, if one did" }),
      output: z.string().nullable().openapi({ description: "the tail of the train's output when it failed" }),
    })).openapi({ description: "the latest trains `serve --train-every` / `--train-after-events` ran, newest first" }),
  })
  .openapi("Stats", {
    example: {
      items: 3684, shoppers: 4339, events: 392732,
      events_per_day: { days: ["2011-12-08", "2011-12-09"], counts: { purchase: [1120, 980] } },
      model: { version: "v000002", created_at: "2026-12-01T10:00:00.000Z", age_seconds: 3600 },
      history: [{
        version: "v000002", created_at: "2026-12-01T10:00:00.000Z", events: 392732, shoppers: 4339, items: 3684, train_seconds: 21.4,
        fit: { recall: 0.112, ndcg: 0.094, best_recall: 0.115, coverage: 0.31, cases: 2000 }, weights: { itemKnn: 1, linear: 0.6, content: 0.1, recency: 0.2, factors: 0.5, popularity: 0.1 },
      }],
      scheduled_trains: [{ time: "2026-12-01T10:00:21.000Z", outcome: "succeeded", why: "model v000001 is older than 360 min", seconds: 21, version: "v000002", exit_code: 0, signal: null, output: null }],
    },
  });

export const CatalogueHealth = z
  .object({
    sampled_shoppers: z.number().int(), list_length: z.number().int(), live_items: z.number().int(),
    coverage: z.number().openapi({ description: "distinct items in the sampled shoppers' lists over the live items" }),
    top: z.array(z.object({ id: z.string(), title: z.string().nullable(), lists: z.number().int() })).openapi({ description: "the items in most sampled lists" }),
    waiting_for_embedding: z.object({ count: z.number().int(), items: z.array(z.object({ id: z.string(), title: z.string().nullable() })) }).nullable()
      .openapi({ description: "live items whose text has no current vector yet (the first 20); null when the model has no text model" }),
  })
  .openapi("CatalogueHealth", {
    example: {
      sampled_shoppers: 200, list_length: 10, live_items: 3684, coverage: 0.27,
      top: [{ id: "85123A", title: "WHITE HANGING HEART T-LIGHT HOLDER", lists: 41 }], waiting_for_embedding: { count: 1, items: [{ id: "sku-1", title: "Teapot" }] },
    },
  });
