// Request bodies, at most maxBytes (413 body_too_large). On the node server a body is read
// straight from node's IncomingMessage and handed to Hono's body cache: building the Fetch
// Request, its web stream and its AbortSignal to read it cost about a tenth of a one-event
// POST. Elsewhere (app.request in tests, other runtimes) Hono's own body limit reads it.
// A GET or HEAD has no body: nothing is read.
import type { IncomingMessage } from "node:http";
import type { MiddlewareHandler } from "hono";
import { incomingOf } from "./incoming.js";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../errors.js";

const tooLargeFor = (maxBytes: number) => () => new AppError(413, "body_too_large", `the body is larger than ${maxBytes} bytes`);

/** A request's body as UTF-8 text, read as the app's body reader does (the POST /events lane's). */
export const bodyText = (incoming: IncomingMessage, maxBytes: number): Promise<string> => readBody(incoming, maxBytes, tooLargeFor(maxBytes));

export function bodyReader(maxBytes: number): MiddlewareHandler {
  const tooLarge = tooLargeFor(maxBytes);
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const incoming = incomingOf(c);
    if (!incoming) return limit(c, next);
    const text = readBody(incoming, maxBytes, tooLarge);
    // Rejected reads surface where the body is asked for (a route's JSON parsing). Hono
    // keeps the promise of each body form it read (its type says the value).
    text.catch(() => {});
    (c.req.bodyCache as { text?: Promise<string> }).text = text;
    return next();
  };
}

/** The body as UTF-8 text; rejects once it passes maxBytes (declared or sent) or the client goes away. */
function readBody(incoming: IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<string> {
  if (Number(incoming.headers["content-length"]) > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      incoming.off("data", onData);
      reject(tooLarge());
    };
    incoming.on("data", onData);
    incoming.once("end", () => resolve(Buffer.concat(chunks, size).toString("utf8")));
    incoming.once("error", reject);
    // 'close' comes after every request: an error (its stack captured, ~16 µs) only for a body cut short.
    incoming.once("close", () => {
      if (!incoming.complete) reject(new AppError(400, "body_incomplete", "the connection closed before the body was sent"));
    });
  });
}
