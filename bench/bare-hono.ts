// The framework's ceiling for bench/http-sessions.ts: a bare Hono app on @hono/node-server,
// one route answering a fixed list of the shape /recommend answers, run by as many
// processes (node:cluster) as the service's workers. --plain-node: the same list from
// node:http's own request listener, without Hono (the floor under both).
//   node dist/bench/bare-hono.js --port P [--workers 2] [--plain-node]
import cluster from "node:cluster";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Hono } from "hono";
import { serve } from "@hono/node-server";

const { values } = parseArgs({ options: { port: { type: "string" }, workers: { type: "string" }, "plain-node": { type: "boolean" } } });
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
  if (values["plain-node"]) {
    createServer((req, res) => {
      const body = JSON.stringify({ ...list, user: new URL(req.url!, "http://x").searchParams.get("user") });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    }).listen(port, "127.0.0.1");
  } else {
    const app = new Hono().get("/recommend", (c) => c.json({ ...list, user: c.req.query("user") ?? null }));
    serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  }
}
