// Writes the API document and the client's types from the app itself:
//   npm run client:generate
// test/openapi.test.ts fails when the committed files are stale.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../server/config.js";
import { apiDocument } from "../server/http/openapi/document.js";
import { projectRoot } from "../server/project-root.js";
import { clientTypes } from "./types-of.js";

const document = apiDocument(loadConfig({}, {}));
const dir = join(projectRoot(), "client");
writeFileSync(join(dir, "openapi.json"), JSON.stringify(document, null, 2) + "\n");
writeFileSync(join(dir, "schema.ts"), await clientTypes(document));
process.stderr.write(`wrote client/openapi.json and client/schema.ts (${Object.keys(document.paths ?? {}).length} paths)\n`);
