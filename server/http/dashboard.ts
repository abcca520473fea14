// GET /dashboard: the web app (server/dashboard/, plain browser modules) and uPlot's files
// from its npm package, read once at start and served by tuijian itself — no CDN, no
// bundler. The page and its assets hold no data and are open; every figure comes from
// the admin API routes, called with the key the browser tab keeps.
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { createRequire } from "node:module";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./auth.js";
import { projectRoot } from "../project-root.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};
const UPLOT_FILES = ["dist/uPlot.iife.min.js", "dist/uPlot.min.css"];

type Asset = { type: string; body: Buffer };

function readAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const add = (name: string, path: string) => assets.set(name, { type: TYPES[extname(path)] ?? "application/octet-stream", body: readFileSync(path) });
  const sources = join(projectRoot(), "server", "dashboard");
  for (const entry of readdirSync(sources, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && extname(entry.name) in TYPES) add(relative(sources, join(entry.parentPath, entry.name)).split("\\").join("/"), join(entry.parentPath, entry.name));
  }
  const uplot = join(createRequire(import.meta.url).resolve("uplot/package.json"), "..");
  for (const file of UPLOT_FILES) add(file.replace("dist/", ""), join(uplot, file));
  return assets;
}

export function mountDashboard(app: OpenAPIHono<AppEnv>): void {
  const assets = readAssets();
  const page = assets.get("index.html")!;
  const send = (asset: Asset, cache: string) => new Response(new Uint8Array(asset.body), { headers: { "Content-Type": asset.type, "Cache-Control": cache } });
  app.get("/dashboard", () => send(page, "no-cache"));
  app.get("/dashboard/assets/*", (c) => {
    const asset = assets.get(c.req.path.slice("/dashboard/assets/".length));
    return asset && asset.type !== TYPES[".html"] ? send(asset, "no-cache") : c.notFound();
  });
}
