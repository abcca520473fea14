// The framework's ceiling for bench/http-sessions.ts: a bare Hono app on @hono/node-server,
// one route answering a fixed list of the shape /recommend answers, run by as many
// processes (node:cluster) as the service's workers.
//   node dist/bench/bare-hono.js --port P [--workers 2]
import cluster from "node:cluster";
import { parseArgs } from "node:util";
import { Hono } from "hono";
import { serve } from "@hono/node-server";

const { values } = parseArgs({ options: { port: { type: "string" }, workers: { type: "string" } } });
const port = Number(values.port);
const workers = Number(values.workers ?? 2);

if (cluster.isPrimary) {
  for (let w = 0; w < workers; w++) cluster.fork();
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === workers) console.error(`bare hono listening on ${port}`);
  });
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
} else {
  const list = {
    user: "17850", placement: "home", model_version: "v000001", recommendation_id: "0192b7c4-0000-7000-8000-000000000000", personalized: true,
    items: Array.from({ length: 20 }, (_, i) => ({ id: `item-${i}`, title: `A product title of ordinary length ${i}`, score: 0.123456, reason: { type: "similar_to", item: "item-0" } })),
  };
  const app = new Hono().get("/recommend", (c) => c.json({ ...list, user: c.req.query("user") ?? null }));
  serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
}
