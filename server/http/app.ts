// The HTTP application: routes over the services, each declared once with its schemas
// (validated and documented at /openapi.json), access control, CORS, one error handler,
// a body size limit, a log line and metrics per request. Built once per process; tests
// call app.request() without opening a socket.
import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import type { Config } from "../config.js";
import type { Recommender } from "../recommender.js";
import type { Catalogue } from "../catalogue/catalogue.js";
import type { Store } from "../store/types.js";
import type { KeyRing } from "../access/keys.js";
import type { ModelRegistry } from "../model-registry.js";
import { onError, onNotFound } from "./errors.js";
import { createAccess, type Access, type AppEnv, type Guard } from "./auth.js";
import { recommendRoutes } from "./routes/recommend.js";
import { catalogueRoutes } from "./routes/catalogue.js";
import { healthRoutes } from "./routes/health.js";
import { privacyRoutes } from "./routes/privacy.js";
import { accessRoutes } from "./routes/access.js";
import { ruleRoutes } from "./routes/rules.js";
import { experimentRoutes } from "./routes/experiments.js";
import { segmentRoutes } from "./routes/segments.js";
import { kpiRoutes } from "./routes/kpis.js";
import { attributionRoutes } from "./routes/attribution.js";
import type { RuleAdmin } from "../serving/rules/rule-admin.js";
import type { ExperimentAdmin } from "../analytics/experiments/experiment-admin.js";
import { mountDocs } from "./docs.js";
import { mountDashboard } from "./dashboard.js";
import { packageVersion } from "../project-root.js";
import { metricsRoutes } from "./routes/metrics.js";
import { bodyReader } from "./body.js";
import { accessLog } from "./access-log.js";
import { browseRoutes } from "./routes/browse.js";
import { statsRoutes } from "./routes/stats.js";

export interface Services {
  recommender: Recommender;
  catalogue: Catalogue;
  store: Store;
  keys: KeyRing;
  rules: RuleAdmin;
  experiments: ExperimentAdmin;
  /** The model versions kept (the dashboard's training history). */
  registry: ModelRegistry;
  config: Pick<
    Config,
    | "defaultResults" | "maxResults" | "maxBatch" | "maxBodyBytes" | "corsOrigins" | "eventFutureToleranceHours"
    | "rateLimitRead" | "rateLimitWrite" | "rateLimitAdmin" | "rateLimitBurstSeconds"
    | "logShopperIds" | "metricsOpenOnLoopback" | "attributionWindowHours"
  >;
  /** Open to requests without a key while no key exists: only when listening on loopback (default: true). */
  openWithoutKeys?: boolean;
  /** Serving processes sharing the port (default 1): each enforces its share of a key's rate. */
  processes?: number;
}

/** What route factories get: the services and the guard that protects each route. */
export type RouteServices = Services & { guard: Guard };

/** Keys and rate limits as the services configure them: one per process, shared by the app and the /recommend lane. */
export function accessOf(s: Services): Access {
  return createAccess({
    keys: s.keys,
    openWithoutKeys: s.openWithoutKeys ?? true,
    rateLimits: { read: s.config.rateLimitRead, write: s.config.rateLimitWrite, admin: s.config.rateLimitAdmin },
    burstSeconds: s.config.rateLimitBurstSeconds,
    processes: Math.max(1, s.processes ?? 1),
  });
}

export function createApp(s: Services, { guard }: Access = accessOf(s)): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { config } = s;
  // First, so that every answer (CORS preflights, refusals, errors) is logged and counted.
  app.use("*", accessLog({ logShopperIds: config.logShopperIds }));
  if (config.corsOrigins.length > 0) {
    app.use(
      "*",
      cors({
        origin: config.corsOrigins.includes("*") ? "*" : config.corsOrigins,
        allowHeaders: ["Authorization", "X-API-Key", "Content-Type", "X-Request-Id"],
        exposeHeaders: ["Retry-After", "X-Request-Id"],
        maxAge: 600,
      }),
    );
  }
  app.use("*", bodyReader(config.maxBodyBytes));
  const routed: RouteServices = { ...s, guard };
  app.route("/", healthRoutes(routed));
  app.route("/", recommendRoutes(routed));
  app.route("/", catalogueRoutes(routed));
  app.route("/", privacyRoutes(routed));
  app.route("/", accessRoutes(routed));
  app.route("/", ruleRoutes(routed));
  app.route("/", experimentRoutes(routed));
  app.route("/", segmentRoutes(routed));
  app.route("/", kpiRoutes(routed));
  app.route("/", attributionRoutes(routed));
  app.route("/", metricsRoutes(routed));
  app.route("/", browseRoutes(routed));
  app.route("/", statsRoutes(routed));
  mountDocs(app, packageVersion());
  mountDashboard(app);
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
