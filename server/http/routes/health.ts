import { Hono } from "hono";
import type { RouteServices as Services } from "../app.js";

export function healthRoutes(s: Services): Hono {
  return new Hono()
    .get("/healthz", (c) => c.json({ status: "ok" }))
    .get("/readyz", (c) => {
      const version = s.recommender.version;
      return version ? c.json({ ready: true, model_version: version }) : c.json({ ready: false, reason: "no model loaded" }, 503);
    });
}
