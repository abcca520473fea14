#!/usr/bin/env node
// `tuijian <command>`: reads the command line against the command's definition, loads the
// configuration once, runs the command. A usage mistake is one line and exit 2.
import { ConfigError, loadConfig } from "./config.js";
import { AppError } from "./errors.js";
import { COMMANDS } from "./commands/index.js";
import { parseCommandLine, UsageError } from "./commands/flags.js";
import { commandHelp, generalHelp, version } from "./commands/help.js";
import { configureLogging } from "./platform/logger.js";

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === "--version") return print(version());
  // `tuijian help <command>` is `tuijian <command> --help`.
  const [name, args] = first === "help" && rest.length > 0 ? [rest[0], ["--help"]] : [first, rest];
  if (name === "help" || name === "--help" || name === "-h") return print(generalHelp());
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write((name === undefined ? "" : `tuijian: unknown command "${name}"\n\n`) + generalHelp());
    return 2;
  }
  const line = parseCommandLine(name, command, args);
  if (line.version) return print(version());
  if (line.help) return print(commandHelp(name, command));
  const config = loadConfig(process.env, line.settings);
  configureLogging(config);
  return command.run(config, line.flags, line.args);
}

// A reader of stdout that stops early (`| head`) ends the output, as SIGPIPE ends other
// programs: no stack trace, status 141 (128 + SIGPIPE) unless the command failed otherwise.
const CUT_SHORT = 141;
const cutShort = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code === "EPIPE";
process.stdout.on("error", (err) => {
  if (!cutShort(err)) throw err;
  process.exitCode = CUT_SHORT;
});

function print(text: string): number {
  process.stdout.write(text.endsWith("\n") ? text : text + "\n");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err) => {
    if (cutShort(err)) process.exitCode = CUT_SHORT;
    else if (err instanceof UsageError || err instanceof ConfigError || err instanceof AppError) {
      process.stderr.write(`tuijian: ${err.message}\n`);
      // Usage mistakes (2) are told apart from failures (1).
      const usage = err instanceof UsageError || err instanceof ConfigError || (err instanceof AppError && err.code === "bad_flag");
      process.exitCode = usage ? 2 : 1;
    } else {
      process.stderr.write(`tuijian: ${(err as Error)?.stack ?? err}\n`);
      process.exitCode = 1;
    }
  },
);
