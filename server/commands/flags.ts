// A command line read against one command's definition: its own flags (a zod schema
// each) and the settings it reads (the config schema's). Anything else — an unknown
// flag, a value that does not parse, a stray word — is a UsageError: one line, exit 2.
import { parseArgs } from "node:util";
import { z } from "zod";
import { ConfigSchema, flagName as kebab, type ConfigKey } from "../config.js";
import type { Command } from "./command.js";

export class UsageError extends Error {}

/** A flag's value as a whole number within a range. */
export const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const error = max === Number.MAX_SAFE_INTEGER ? `must be a whole number ≥ ${min}` : `must be a whole number from ${min} to ${max}`;
  return z.string().regex(/^\d+$/, { error }).transform(Number).pipe(z.number().min(min, { error }).max(max, { error }));
};

/** Flags given without a value: `--json`. */
export const isBooleanFlag = (schema: z.ZodType): boolean => {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodBoolean;
};

export interface CommandLine {
  /** The command's own flags, parsed by their schemas. */
  flags: Record<string, unknown>;
  /** The settings given as flags, checked by the config schema but not yet merged. */
  settings: Partial<Record<ConfigKey, string>>;
  args: string[];
  help: boolean;
  version: boolean;
}

/** The flags every command takes. */
export const GENERAL_FLAGS = [
  { name: "help", short: "h", meaning: "print this help" },
  { name: "version", short: undefined, meaning: "print tuijian's version" },
] as const;

export function parseCommandLine(name: string, command: Command, argv: string[]): CommandLine {
  const see = `; see tuijian ${name} --help`;
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const g of GENERAL_FLAGS) options[g.name] = g.short ? { type: "boolean", short: g.short } : { type: "boolean" };
  for (const [key, schema] of Object.entries(command.flags)) options[kebab(key)] = { type: isBooleanFlag(schema) ? "boolean" : "string" };
  for (const [letter, key] of Object.entries(command.short ?? {})) options[kebab(key)].short = letter;
  for (const key of command.settings) options[kebab(key)] = { type: "string" };

  const { values, positionals, tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const typed = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const option = options[t.name];
    if (!option) throw new UsageError(`unknown flag ${t.rawName} for "${name}"${see}`);
    if (option.type === "string" && t.value === undefined) throw new UsageError(`${t.rawName} needs a value${see}`);
    if (option.type === "boolean" && t.inlineValue) throw new UsageError(`${t.rawName} takes no value${see}`);
    typed.set(t.name, t.rawName);
  }
  const help = values.help === true;
  const version = values.version === true;
  if (help || version) return { flags: {}, settings: {}, args: [], help, version };

  const [action, ...extra] = positionals;
  if (command.subcommands) {
    if (action === undefined) throw new UsageError(`"${name}" needs one of ${command.subcommands.join(", ")}${see}`);
    if (!command.subcommands.includes(action)) throw new UsageError(`"${action}" is not one of ${command.subcommands.join(", ")}${see}`);
  }
  const stray = command.subcommands ? extra[0] : action;
  if (stray !== undefined) throw new UsageError(`unexpected argument "${stray}" for "${name}"${see}`);

  const problem = (flag: string, raw: unknown, error: z.ZodError) => {
    const got = raw === undefined ? "" : `, not ${JSON.stringify(raw)}`;
    return new UsageError(`${typed.get(flag) ?? "--" + flag}: ${raw === undefined ? "is required" : error.issues[0].message}${got}`);
  };
  const flags: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(command.flags)) {
    const raw = values[kebab(key)];
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw problem(kebab(key), raw, parsed.error);
    flags[key] = parsed.data;
  }
  const settings: Partial<Record<ConfigKey, string>> = {};
  for (const key of command.settings) {
    const raw = values[kebab(key)];
    if (typeof raw !== "string") continue;
    const parsed = ConfigSchema.shape[key].safeParse(raw);
    if (!parsed.success) throw problem(kebab(key), raw, parsed.error);
    settings[key] = raw;
  }
  return { flags, settings, args: command.subcommands ? [action] : [], help, version };
}
