import { Hono } from "hono";
import { EventInput, ItemInput, UserInput } from "../../inputs.js";
import { validBatch } from "../validate.js";
import type { Services } from "../app.js";

export function catalogueRoutes(s: Services): Hono {
  const max = s.config.maxBatch;
  return new Hono()
    .post("/items", async (c) => c.json(s.catalogue.upsertItems(await validBatch(c, ItemInput, max))))
    .get("/items/:id", (c) => c.json(s.catalogue.getItem(c.req.param("id"))))
    .delete("/items/:id", (c) => {
      s.catalogue.deleteItem(c.req.param("id"));
      return c.body(null, 204);
    })
    .post("/users", async (c) => c.json(s.catalogue.upsertUsers(await validBatch(c, UserInput, max))))
    .get("/users/:id", (c) => c.json(s.catalogue.getUser(c.req.param("id"))))
    .post("/events", async (c) => c.json(s.catalogue.recordEvents(await validBatch(c, EventInput, max)), 201));
}
