// `tuijian --help` and `tuijian <command> --help`: a command's help lists exactly the
// flags it accepts — its own, then the settings it reads — each with its default and
// meaning, both taken from the schemas (a test holds help and parser to each other).
import type { z } from "zod";
import { ConfigSchema, envName, flagName } from "../config.js";
import { GENERAL_FLAGS, isBooleanFlag } from "./flags.js";
import { COMMANDS } from "./index.js";
import type { Command } from "./command.js";

export { packageVersion as version } from "../project-root.js";

export function generalHelp(): string {
  const lines = ["usage: tuijian <command> [flags]", "", "commands:"];
  for (const [name, cmd] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
  lines.push("", "tuijian <command> --help lists a command's flags and settings; tuijian --version prints the version.");
  return lines.join("\n") + "\n";
}

export function commandHelp(name: string, command: Command): string {
  const lines = [`usage: tuijian ${name} ${command.usage}`, "", command.summary + "."];
  if (command.details) lines.push("", command.details);
  lines.push("", "flags:");
  const alias = Object.fromEntries(Object.entries(command.short ?? {}).map(([letter, key]) => [key, letter]));
  for (const [key, schema] of Object.entries(command.flags)) {
    lines.push(flagLine(flagName(key), alias[key], schema, isBooleanFlag(schema) ? "" : " V"));
  }
  for (const g of GENERAL_FLAGS) lines.push(`  ${g.short ? `-${g.short}, ` : "    "}--${g.name.padEnd(24)} ${g.meaning}`);
  if (command.settings.length > 0) {
    lines.push("", "settings (flag or environment variable; the flag wins):");
    for (const key of command.settings) {
      const env = key === "port" ? `${envName(key)} or PORT` : envName(key);
      lines.push(flagLine(flagName(key), undefined, ConfigSchema.shape[key], " V", env));
    }
  }
  return lines.join("\n") + "\n";
}

function flagLine(flag: string, short: string | undefined, schema: z.ZodType, value: string, env?: string): string {
  const head = `  ${short ? `-${short}, ` : "    "}--${flag}${value}`;
  const facts = [defaultOf(schema), env].filter(Boolean).join("; ");
  return `${head.padEnd(32)} ${schema.description ?? ""}${facts ? ` [${facts}]` : ""}`;
}

/** "default 50", "required", or nothing (an optional flag with no default). */
function defaultOf(schema: z.ZodType): string {
  const parsed = schema.safeParse(undefined);
  if (!parsed.success) return "required";
  const v: unknown = parsed.data;
  if (v === undefined || (v === false && isBooleanFlag(schema))) return "";
  if (Array.isArray(v)) return v.length ? `default ${v.join(",")}` : "";
  if (typeof v === "object" && v !== null) return `default ${Object.entries(v).map(([k, x]) => `${k}=${x}`).join(",")}`;
  return `default ${v}`;
}
