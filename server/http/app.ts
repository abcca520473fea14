// The HTTP application: routes over the services, one error handler, a body size limit.
// Built once per process; tests call app.request() without opening a socket.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Config } from "../config.js";
import type { Recommender } from "../recommender.js";
import type { Catalogue } from "../catalogue.js";
import { AppError } from "../errors.js";
import { onError, onNotFound } from "./errors.js";
import { recommendRoutes } from "./routes/recommend.js";
import { catalogueRoutes } from "./routes/catalogue.js";
import { healthRoutes } from "./routes/health.js";

export interface Services {
  recommender: Recommender;
  catalogue: Catalogue;
  config: Pick<Config, "defaultResults" | "maxResults" | "maxBatch" | "maxBodyBytes">;
}

export function createApp(s: Services): Hono {
  const app = new Hono();
  app.use(
    "*",
    bodyLimit({
      maxSize: s.config.maxBodyBytes,
      onError: () => {
        throw new AppError(413, "body_too_large", `the body is larger than ${s.config.maxBodyBytes} bytes`);
      },
    }),
  );
  app.route("/", healthRoutes(s));
  app.route("/", recommendRoutes(s));
  app.route("/", catalogueRoutes(s));
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
