// GET /recommend's answer as JSON text, written from the fixed shape: the items' text (most
// of the answer) is made once per list (serving/items-text.ts) and written again while the
// list cache keeps it, which serves the same items under a new recommendation_id. The same
// text as JSON.stringify of the answer (test/recommendation-json.test.ts).
import type { Context, TypedResponse } from "hono";
import type { Recommendation } from "../serving/recommendation.js";
import { itemsTextOf } from "../serving/items-text.js";

export function recommendationJson(r: Recommendation): string {
  const items = itemsTextOf(r);
  const variant = r.variant === undefined ? "" : `,"variant":${JSON.stringify(r.variant)}`;
  const filter = r.filter === undefined ? "" : `,"filter":${JSON.stringify(r.filter)}`;
  return `{"user":${JSON.stringify(r.user)},"placement":${JSON.stringify(r.placement)}${variant},"model_version":${JSON.stringify(r.model_version)},`
    + `"recommendation_id":${JSON.stringify(r.recommendation_id)},"personalized":${r.personalized},"items":${items}${filter}}`;
}

/** A 200 whose body is `text`, already T's JSON (Hono's types cannot see into written text). */
export function jsonText<T>(c: Context, text: string): TypedResponse<T, 200, "json"> {
  return c.body(text, 200, { "Content-Type": "application/json" }) as unknown as TypedResponse<T, 200, "json">;
}
