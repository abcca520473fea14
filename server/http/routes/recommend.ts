import { Hono } from "hono";
import { z } from "zod";
import { externalId } from "../../inputs.js";
import { validQuery } from "../validate.js";
import type { Services } from "../app.js";

const flag = z.enum(["true", "false", "1", "0"], { error: () => "must be true or false" }).transform((v) => v === "true" || v === "1");

export function recommendRoutes(s: Services): Hono {
  const query = z.object({
    user: externalId.optional(),
    n: z.coerce.number().int().min(1).max(s.config.maxResults).default(s.config.defaultResults),
    include_purchased: flag.default(false),
  });
  return new Hono().get("/recommend", (c) => {
    const q = validQuery(c, query);
    return c.json(s.recommender.recommend(q.user, q.n, q.include_purchased));
  });
}
