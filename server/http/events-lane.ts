// POST /events as a storefront sends it on every shopper action — a JSON body, no query —
// answered on the node server without Hono's request machinery, as GET /recommend's lane
// is (recommend-lane.ts says why). The lane uses the app's own pieces in the app's order:
// the body read from the start within the body limit, the key check and its rate limiter,
// the content type, JSON and batch checks, the events schema and its 400 naming each
// field, the request id, the error answers, the metrics and the log line. Any other request,
// and every request when CORS is configured, goes to the app unchanged.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { z } from "@hono/zod-openapi";
import type { Config } from "../config.js";
import type { EventInput } from "../inputs.js";
import type { EventsWritten } from "../catalogue/event-batches.js";
import type { Authorize } from "./auth.js";
import { recordRequest, requestIdFrom } from "./access-log.js";
import { bodyText } from "./body.js";
import { errorAnswer } from "./errors.js";
import { checkedJson, invalidRecords } from "./validate.js";
import { send } from "./recommend-lane.js";

export interface EventsLaneServices {
  record(events: EventInput[]): Promise<EventsWritten>;
  authorize: Authorize;
  /** The route's body schema (routes/catalogue.ts's eventBatch). */
  schema: z.ZodType<EventInput[]>;
  config: Pick<Config, "maxBodyBytes" | "maxBatch" | "logShopperIds" | "corsOrigins">;
}

const ROUTE = "/events";

/** The server's request listener: POST /events answered here, every other request by `app`. */
export function eventsLane(s: EventsLaneServices, app: RequestListener): RequestListener {
  if (s.config.corsOrigins.length > 0) return app;
  return (req, res) => {
    if (req.method === "POST" && req.url === ROUTE) void answer(s, req, res);
    else app(req, res);
  };
}

async function answer(s: EventsLaneServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const requestId = requestIdFrom(req.headers["x-request-id"] as string | undefined);
  // Read from the start, as the app's body reader does; a refusal before it is needed leaves it unasked.
  const text = bodyText(req, s.config.maxBodyBytes);
  text.catch(() => {});
  let actor: string | undefined;
  let status = 201;
  try {
    actor = await s.authorize({ authorization: req.headers.authorization, "x-api-key": req.headers["x-api-key"] as string | undefined }, "write", () => `POST ${ROUTE}`);
    const body = await checkedJson(req.headers["content-type"], async () => JSON.parse(await text), s.config.maxBatch);
    const events = s.schema.safeParse(body);
    if (!events.success) throw invalidRecords(events.error);
    send(res, 201, requestId, JSON.stringify(await s.record(events.data)));
  } catch (err) {
    const a = errorAnswer(err, { method: "POST", route: ROUTE, requestId });
    status = a.status;
    send(res, a.status, requestId, JSON.stringify(a.body), a.retryAfter);
  }
  recordRequest({ method: "POST", route: ROUTE, status, seconds: (performance.now() - started) / 1000, requestId, url: req.url!, actor }, s.config);
}
