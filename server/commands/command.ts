// What a command is: its own flags (a zod schema each) and the settings it reads, as
// data that the parser, the help and the tests read alike.
import type { z } from "zod";
import type { Config, ConfigKey } from "../config.js";

/** A command's own flags by key (`includePurchased` is `--include-purchased`), each with `.describe()`. */
export type FlagShape = Record<string, z.ZodType>;

export interface Command<F extends FlagShape = FlagShape> {
  summary: string;
  usage: string;
  flags: F;
  /** One-letter aliases: letter → flag key. */
  short?: Record<string, keyof F & string>;
  /** The settings the command reads (see settings.ts); only these are accepted as flags. */
  settings: readonly ConfigKey[];
  /** The words a command takes before its flags (`keys create`), if any. */
  subcommands?: readonly string[];
  /** Help beyond the flags: what the command does and how. */
  details?: string;
  run(config: Config, flags: z.output<z.ZodObject<F>>, args: string[]): Promise<number>;
}

/** Checks a command's `run` against its flags' types. */
export const defineCommand = <F extends FlagShape>(command: Command<F>): Command => command as unknown as Command;

