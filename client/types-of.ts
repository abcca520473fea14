// The client's TypeScript types of an API document (openapi-typescript).
import openapiTS, { astToString } from "openapi-typescript";

export async function clientTypes(document: object): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0]);
  return "// Generated from client/openapi.json by `npm run client:generate`: do not edit.\n" + astToString(ast);
}
