import type { ParseArgsConfig } from "node:util";
import type { Config } from "../config.js";
import { CONFIG_KEYS, envName, flagName } from "../config.js";
import { serveCommand } from "./serve.js";
import { importCommand } from "./import.js";
import { trainCommand } from "./train.js";
import { recommendCommand } from "./recommend.js";
import { evalCommand } from "./eval.js";
import { batchCommand } from "./batch.js";
import { keysCommand } from "./keys.js";
import { privacyCommand } from "./privacy.js";
import { auditCommand } from "./audit.js";
import { storeCommand } from "./store.js";

export type Flags = Record<string, string | boolean | undefined>;

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** The words a command takes before its flags (`keys create`), if any. */
  subcommands?: readonly string[];
  run(config: Config, flags: Flags, args: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  import: importCommand,
  train: trainCommand,
  recommend: recommendCommand,
  eval: evalCommand,
  batch: batchCommand,
  keys: keysCommand,
  privacy: privacyCommand,
  audit: auditCommand,
  store: storeCommand,
};

export function usage(problem?: string, command?: string): string {
  const lines = problem ? [`tuijian: ${problem}`, ""] : [];
  const c = command ? COMMANDS[command] : undefined;
  if (c) {
    lines.push(`usage: tuijian ${command} ${c.usage}`, "", c.summary);
  } else {
    lines.push("usage: tuijian <command> [flags]", "", "commands:");
    for (const [name, cmd] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
  }
  lines.push("", "settings (flag, environment variable):");
  for (const key of CONFIG_KEYS) lines.push(`  --${flagName(key).padEnd(26)} ${key === "port" ? "PORT, " : ""}${envName(key)}`);
  return lines.join("\n") + "\n";
}
