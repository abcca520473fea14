// GET /recommend as a storefront sends it on every page view — user, n, include_purchased,
// placement home, trending, product with its item or cart with its items, a category page's
// category, price_min, price_max and in_stock, nothing else — answered on the node server
// without Hono's request machinery: the Fetch request, the middleware chain and the zod
// schema cost about as much as a kept list's whole answer otherwise (bench/RESULTS.md, "the
// /recommend lane"). The lane uses the app's own pieces: the key check and its rate limiter
// (one per process, shared), the request id, the list and its JSON text, the error answers,
// the metrics and the log line. Any other request — another placement (buy_again,
// scenario), an exclusion, a filter expression, an attribute, a repeated parameter, an
// encoded one other than the category (decoded as the app decodes it), a value the lane
// does not take as it is, or CORS configured — goes to the app unchanged, so the app's
// schema alone decides what is invalid and says why.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Config } from "../config.js";
import type { Recommender } from "../recommender.js";
import type { Authorize } from "./auth.js";
import { recordRequest, requestIdFrom } from "./access-log.js";
import { errorAnswer } from "./errors.js";
import { listAnswer, listContext, MAX_EXCLUDED } from "./routes/recommend.js";

export interface LaneServices {
  recommender: Recommender;
  authorize: Authorize;
  config: Pick<Config, "defaultResults" | "maxResults" | "logShopperIds" | "corsOrigins">;
}

export interface LaneQuery {
  user?: string;
  n: number;
  includePurchased: boolean;
  placement: LanePlacement;
  /** placement=product: the item whose page the shopper is on. */
  item?: string;
  /** placement=cart: the cart's items. */
  items?: string[];
  category?: string;
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
}

type LanePlacement = "home" | "trending" | "product" | "cart";
const PLACEMENTS = new Set<string>(["home", "trending", "product", "cart"]);

const ROUTE = "/recommend";
const FLAGS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false };
/** What the app's schema accepts as a shopper id, unchanged by its trimming. */
const PLAIN_ID = /^\S(.{0,254}\S)?$/;
const WHOLE = /^[1-9]\d{0,5}$/;
/** What the app's schema reads as a category unchanged by its trimming: 1 to 200 characters. */
const PLAIN_CATEGORY = /^\S(.{0,198}\S)?$/;
/** A price Number() reads as the app's coercion does. */
const PRICE = /^\d{1,9}(\.\d{1,9})?$/;
const ENCODED = /[%+#]/;

/**
 * The list a request asks for, when the app would take it exactly as written (no
 * decoding, no defaults but its own); undefined: the app answers it.
 */
export function laneQuery(url: string, config: LaneServices["config"]): LaneQuery | undefined {
  if (url !== ROUTE && !url.startsWith(ROUTE + "?")) return undefined;
  const search = url.slice(ROUTE.length + 1);
  const q: LaneQuery = { n: config.defaultResults, includePurchased: false, placement: "home" };
  const seen = new Set<string>();
  for (const pair of search === "" ? [] : search.split("&")) {
    const at = pair.indexOf("=");
    if (at <= 0) return undefined;
    const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
    if (seen.has(name) || ENCODED.test(name)) return undefined;
    seen.add(name);
    if (name === "category") {
      const category = decoded(value);
      if (category === undefined || !PLAIN_CATEGORY.test(category)) return undefined;
      q.category = category;
    } else if (ENCODED.test(value)) return undefined;
    else if (name === "user" && PLAIN_ID.test(value)) q.user = value;
    else if (name === "n" && WHOLE.test(value) && Number(value) <= config.maxResults) q.n = Number(value);
    else if (name === "include_purchased" && Object.hasOwn(FLAGS, value)) q.includePurchased = FLAGS[value];
    else if (name === "placement" && PLACEMENTS.has(value)) q.placement = value as LanePlacement;
    else if (name === "item" && PLAIN_ID.test(value)) q.item = value;
    else if (name === "items" && cartItems(value)) q.items = value.split(",");
    else if (name === "price_min" && PRICE.test(value)) q.priceMin = Number(value);
    else if (name === "price_max" && PRICE.test(value)) q.priceMax = Number(value);
    else if (name === "in_stock" && Object.hasOwn(FLAGS, value)) q.inStock = FLAGS[value];
    else return undefined;
  }
  // Product pages name their item and carts their items, nothing else does: else the app says what is wrong.
  return (q.placement === "product") === (q.item !== undefined) && (q.placement === "cart") === (q.items !== undefined) ? q : undefined;
}

/** A query value as Hono decodes it ("+" a space, then percent-decoding); undefined where its decoding would fail (the app then answers). */
function decoded(value: string): string | undefined {
  if (value.includes("#")) return undefined;
  const spaced = value.replaceAll("+", " ");
  try {
    return spaced.includes("%") ? decodeURIComponent(spaced) : spaced;
  } catch {
    return undefined;
  }
}

/** Whether the app's schema reads a cart's comma-separated ids unchanged: none empty, none with spaces, none too long, not too many. */
function cartItems(value: string): boolean {
  const ids = value.split(",");
  return ids.length <= MAX_EXCLUDED && ids.every((id) => CART_ID.test(id));
}
const CART_ID = /^[^\s,]{1,256}$/;

/** The lane's list contexts, made once where they are the same for every request (nothing downstream changes a context). */
const NO_ATTRIBUTES = Object.freeze({});
const FIXED = {
  home: Object.freeze(listContext({ placement: "home", explain: false }, NO_ATTRIBUTES)),
  trending: Object.freeze(listContext({ placement: "trending", explain: false }, NO_ATTRIBUTES)),
};
function contextOf(q: LaneQuery) {
  if (q.category !== undefined || q.priceMin !== undefined || q.priceMax !== undefined || q.inStock !== undefined) {
    return listContext({
      placement: q.placement, item: q.item, items: q.items, category: q.category, price_min: q.priceMin, price_max: q.priceMax, in_stock: q.inStock, explain: false,
    }, NO_ATTRIBUTES);
  }
  if (q.placement === "product") return listContext({ placement: "product", item: q.item, explain: false }, NO_ATTRIBUTES);
  if (q.placement === "cart") return listContext({ placement: "cart", items: q.items, explain: false }, NO_ATTRIBUTES);
  return FIXED[q.placement];
}

/** The server's request listener: the lane's requests answered here, every other one by `app`. */
export function recommendLane(s: LaneServices, app: RequestListener): RequestListener {
  if (s.config.corsOrigins.length > 0) return app;
  return (req, res) => {
    const q = req.method === "GET" && req.url !== undefined ? laneQuery(req.url, s.config) : undefined;
    if (q) void answer(s, q, req, res);
    else app(req, res);
  };
}

async function answer(s: LaneServices, q: LaneQuery, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const requestId = requestIdFrom(req.headers["x-request-id"] as string | undefined);
  let actor: string | undefined;
  let status = 200;
  try {
    actor = await s.authorize({ authorization: req.headers.authorization, "x-api-key": req.headers["x-api-key"] as string | undefined }, "read", () => `GET ${ROUTE}`);
    const list = await s.recommender.recommend(q.user, q.n, q.includePurchased, contextOf(q));
    send(res, 200, requestId, listAnswer(list));
  } catch (err) {
    const a = errorAnswer(err, { method: "GET", route: ROUTE, requestId });
    status = a.status;
    send(res, a.status, requestId, JSON.stringify(a.body), a.retryAfter);
  }
  recordRequest({ method: "GET", route: ROUTE, status, seconds: (performance.now() - started) / 1000, requestId, url: req.url!, actor }, s.config);
}

/** Writes a JSON answer with its request id (and Retry-After for a rate-limited key): the lanes' one way to answer. */
export function send(res: ServerResponse, status: number, requestId: string, body: string, retryAfter?: string): void {
  const headers: Record<string, string | number> = { "content-type": "application/json", "x-request-id": requestId, "content-length": Buffer.byteLength(body) };
  if (retryAfter !== undefined) headers["retry-after"] = retryAfter;
  res.writeHead(status, headers);
  res.end(body);
}
