#!/usr/bin/env node
// `tuijian <command>`: parses flags once, loads the configuration, runs the command.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CONFIG_KEYS, ConfigError, flagName, loadConfig, type ConfigKey } from "./config.js";
import { AppError } from "./errors.js";
import { COMMANDS, usage } from "./commands/index.js";
import { configureLogging } from "./platform/logger.js";

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(usage(name && name !== "help" && name !== "--help" ? `unknown command "${name}"` : undefined));
    return name === "help" || name === "--help" ? 0 : 2;
  }
  const options: ParseArgsConfig["options"] = { help: { type: "boolean", short: "h" } };
  for (const key of CONFIG_KEYS) options[flagName(key)] = { type: "string" };
  Object.assign(options, command.options);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: command.subcommands !== undefined });
  } catch (err) {
    process.stderr.write(usage((err as Error).message, name));
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(usage(undefined, name));
    return 0;
  }
  const flags: Partial<Record<ConfigKey, unknown>> = {};
  for (const key of CONFIG_KEYS) flags[key] = parsed.values[flagName(key)];
  const config = loadConfig(process.env, flags);
  configureLogging(config);
  return command.run(config, parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err) => {
    if (err instanceof ConfigError || err instanceof AppError) {
      process.stderr.write(`tuijian: ${err.message}\n`);
      process.exitCode = err instanceof ConfigError ? 2 : 1;
    } else {
      process.stderr.write(`tuijian: ${(err as Error)?.stack ?? err}\n`);
      process.exitCode = 1;
    }
  },
);
