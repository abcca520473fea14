// The OpenAPI document of the app a configuration builds, without a store or a model:
// building the routes reads only the settings (limits, defaults), never the services.
import type { Config } from "../../config.js";
import type { Services } from "../app.js";
import { createApp } from "../app.js";
import { OPENAPI_INFO } from "../docs.js";
import { packageVersion } from "../../project-root.js";

export function apiDocument(config: Config): ReturnType<ReturnType<typeof createApp>["getOpenAPI31Document"]> {
  const unused = new Proxy({}, { get: () => { throw new Error("the API document reads no service"); } }) as never;
  const app = createApp({ config, recommender: unused, catalogue: unused, store: unused, keys: unused, rules: unused, experiments: unused, registry: unused } satisfies Services);
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { ...OPENAPI_INFO, version: packageVersion() },
    security: [{ bearer: [] }, { apiKey: [] }],
  });
}
