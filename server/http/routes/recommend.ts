import { Hono } from "hono";
import { z } from "zod";
import { externalId } from "../../inputs.js";
import { validQuery } from "../validate.js";
import { countList } from "../../platform/metrics.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";

const flag = z.enum(["true", "false", "1", "0"], { error: () => "must be true or false" }).transform((v) => v === "true" || v === "1");
const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export function recommendRoutes(s: Services): Hono<AppEnv> {
  const n = z.coerce.number().int().min(1).max(s.config.maxResults).default(s.config.defaultResults);
  const recommend = z.object({
    user: externalId.optional(),
    n,
    include_purchased: flag.default(false),
    // The context a shopper without history is recommended for: the category of the page,
    // and attributes such as region or tier (any other query parameter).
    category: text(200).optional(),
  });
  const similar = z.object({ n });
  const search = z.object({ q: text(500), user: externalId.optional(), n });
  return new Hono<AppEnv>()
    .get("/recommend", s.guard("read"), async (c) => {
      const q = validQuery(c, recommend);
      const attributes = Object.fromEntries(Object.entries(c.req.query()).filter(([k]) => !(k in recommend.shape)));
      const list = await s.recommender.recommend(q.user, q.n, q.include_purchased, { category: q.category, attributes });
      countList(list);
      return c.json(list);
    })
    .get("/items/:id/similar", s.guard("read"), async (c) => c.json(await s.recommender.similar(c.req.param("id"), validQuery(c, similar).n)))
    .get("/search", s.guard("read"), async (c) => {
      const q = validQuery(c, search);
      return c.json(await s.recommender.search(q.q, q.user, q.n));
    });
}
