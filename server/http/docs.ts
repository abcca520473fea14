// The API's description: /openapi.json (OpenAPI 3.1, generated from the routes' zod
// schemas) and /docs, a reference page whose assets come from the swagger-ui-dist npm
// package and are served by tuijian itself: it works with no internet.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./auth.js";

const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tuijian API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="api"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: "/openapi.json", dom_id: "#api", deepLinking: true, persistAuthorization: false });</script>
</body></html>`;

export const OPENAPI_INFO = {
  title: "tuijian",
  description: "A self-hosted recommendation engine for e-commerce storefronts. Send `Authorization: Bearer <key>` (or `X-API-Key`) once keys exist.",
};

export function mountDocs(app: OpenAPIHono<AppEnv>, version: string): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", { type: "apiKey", in: "header", name: "X-API-Key" });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { ...OPENAPI_INFO, version },
    security: [{ bearer: [] }, { apiKey: [] }],
  });
  const dist = join(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"), "..");
  const assets = new Map(Object.entries(ASSETS).map(([file, type]) => [file, { type, body: readFileSync(join(dist, file)) }]));
  app.get("/docs", (c) => c.html(PAGE));
  app.get("/docs/:file", (c) => {
    const asset = assets.get(c.req.param("file"));
    if (!asset) return c.notFound();
    c.header("Content-Type", asset.type);
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(asset.body);
  });
}
