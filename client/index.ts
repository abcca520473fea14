// tuijian's typed HTTP client: `import { createClient } from "tuijian/client"`. Its types
// are generated from the API document (client/openapi.json → client/schema.ts, `npm run
// client:generate`), so a call that does not match the API fails to compile.
//
//   const tuijian = createClient({ baseUrl: "http://localhost:8080", apiKey: process.env.TUIJIAN_KEY });
//   const { data, error } = await tuijian.GET("/recommend", { params: { query: { user: "17850", n: 10 } } });
import createFetchClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.js";

export type { paths, components } from "./schema.js";
export type TuijianClient = Client<paths>;

export interface ClientOptions {
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Another fetch (a test's, an agent's). */
  fetch?: typeof fetch;
}

export function createClient(opts: ClientOptions): TuijianClient {
  return createFetchClient<paths>({
    baseUrl: opts.baseUrl,
    headers: opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {},
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
}
