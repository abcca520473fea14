import { Hono } from "hono";
import { eventInput, ItemInput, UserInput } from "../../inputs.js";
import { validBatch } from "../validate.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";

export function catalogueRoutes(s: Services): Hono<AppEnv> {
  const max = s.config.maxBatch;
  const EventInput = eventInput(s.config.eventFutureToleranceHours * 3_600_000);
  return new Hono<AppEnv>()
    .post("/items", s.guard("write"), async (c) => c.json(await s.catalogue.upsertItems(await validBatch(c, ItemInput, max))))
    .get("/items/:id", s.guard("read"), async (c) => c.json(await s.catalogue.getItem(c.req.param("id"))))
    .delete("/items/:id", s.guard("admin"), async (c) => {
      await s.catalogue.deleteItem(c.req.param("id"), c.get("actor"));
      return c.body(null, 204);
    })
    .post("/users", s.guard("write"), async (c) => c.json(await s.catalogue.upsertUsers(await validBatch(c, UserInput, max))))
    // A shopper's attributes are personal data: admin only.
    .get("/users/:id", s.guard("admin"), async (c) => c.json(await s.catalogue.getUser(c.req.param("id"))))
    .post("/events", s.guard("write"), async (c) => c.json(await s.catalogue.recordEvents(await validBatch(c, EventInput, max)), 201));
}
