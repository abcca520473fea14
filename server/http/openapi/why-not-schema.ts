// GET /recommend/why-not's answer.
import { z } from "@hono/zod-openapi";
import { CONTRIBUTIONS } from "./schemas.js";

const item = z.string().openapi({ description: "the item's id in the shop", example: "22423" });

export const WhyNotAnswer = z
  .object({
    user: z.string().nullable(), item, model_version: z.string(),
    verdict: z.enum(["shown", "deleted", "out_of_stock", "already_bought", "excluded_by_request", "filtered", "excluded_by_rule", "not_in_model", "moved_by_rules", "ranked_below"]),
    message: z.string(),
    position: z.number().int().optional().openapi({ description: "shown: its place" }),
    rules: z.array(z.string()).optional().openapi({ description: "excluded_by_rule: the exclude rules that hide it" }),
    rank: z.number().int().nullable().optional().openapi({ description: "its place in the model's ranking before rules moved anything (null: below the first `searched`)" }),
    searched: z.number().int().optional(),
    score: z.number().optional(),
    last_shown_score: z.number().nullable().optional().openapi({ description: "the score of the last item the list shows" }),
    contributions: z.partialRecord(CONTRIBUTIONS, z.number()).optional(),
  })
  .openapi("WhyNot", {
    example: {
      user: "17850", item: "22423", model_version: "v000001", verdict: "ranked_below", message: "it ranks 57; its score 0.41 is below the last item shown (0.93)",
      rank: 57, searched: 410, score: 0.41, last_shown_score: 0.93, contributions: { item_knn: 0.02, linear: 0.11, popularity: 0.28 },
    },
  });
