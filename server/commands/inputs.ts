// What several commands read the same way: a flag their action needs, and a JSON
// document given inline or as a file, checked by the API's own schema.
import { readFileSync } from "node:fs";
import type { z } from "zod";
import { AppError } from "../errors.js";

/** The flag's value, or a 400 naming it. */
export const need = (value: string | undefined, flag: string): string => {
  if (value === undefined) throw new AppError(400, "bad_flag", `--${flag}: is required`);
  return value;
};

/**
 * The document in `inline` (JSON text) or the file `file`, parsed by `schema`; a 400 with
 * `code` naming each problem otherwise. `what` names the document and its flags' help.
 */
export function jsonDocument<S extends z.ZodType>(schema: S, inline: string | undefined, file: string | undefined, what: { name: string; flag: string; code: string; see: string }): z.infer<S> {
  const text = inline ?? (file === undefined ? undefined : readFileSync(file, "utf8"));
  if (text === undefined) throw new AppError(400, "bad_flag", `--${what.flag} or --file: one is required (the ${what.name} as JSON, ${what.see})`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError(400, what.code, `the ${what.name} is not JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError(400, what.code, parsed.error.issues.map((i) => `${i.path.join(".") || what.name}: ${i.message}`).join("; "));
  return parsed.data;
}
