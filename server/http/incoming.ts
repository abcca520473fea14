// What the node server's own request object says, read before Hono's Fetch view of it: on
// @hono/node-server, the first read of a request header builds a Fetch Headers object of
// every header. Routes without a request schema (health checks, metrics) now never build
// it; Hono's validator still does on the others (it reads Content-Type through it).
// Elsewhere (app.request in tests, other runtimes) the Fetch request answers.
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

/** node's IncomingMessage behind the request, when the node server serves it. */
export function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/** A request header (`name` in lower case), as c.req.header gives it. */
export function requestHeader(c: Context, name: string): string | undefined {
  const headers = incomingOf(c)?.headers;
  if (!headers) return c.req.header(name);
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}
