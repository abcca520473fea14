import { Hono } from "hono";
import { stream } from "hono/streaming";
import { z } from "zod";
import { exportUser, eraseUser } from "../../access/privacy.js";
import { validQuery } from "../validate.js";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";

/** An optional reference the audit log keeps with a privacy request (a ticket number, not personal data). */
const request = z.object({ reference: z.string().trim().min(1).max(200).optional() });

export function privacyRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get("/users/:id/export", s.guard("admin"), async (c) => {
      const by = { actor: c.get("actor"), reference: validQuery(c, request).reference };
      const pieces = exportUser(s.store, c.req.param("id"), by);
      // The first piece is read before answering, so an unknown shopper is a 404, not a broken stream.
      const first = await pieces.next();
      c.header("Content-Type", "application/json; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="user-export.json"`);
      return stream(c, async (out) => {
        if (!first.done) await out.write(first.value);
        for await (const piece of pieces) await out.write(piece);
      });
    })
    .delete("/users/:id", s.guard("admin"), async (c) => {
      const by = { actor: c.get("actor"), reference: validQuery(c, request).reference };
      return c.json(await eraseUser(s.store, c.req.param("id"), by));
    });
}
