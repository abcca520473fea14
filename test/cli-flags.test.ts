// Each command's help and its parser read the same definition: the flags a command
// accepts are exactly those its --help lists, and every setting is some command's.
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS, ConfigSchema, flagName } from "../server/config.js";
import { COMMANDS } from "../server/commands/index.js";
import { parseCommandLine, UsageError } from "../server/commands/flags.js";
import { commandHelp } from "../server/commands/help.js";

/** Every flag any command could take, long and short. */
const everyFlag = new Set<string>(["--help", "-h", "--version", ...CONFIG_KEYS.map((k) => `--${flagName(k)}`)]);
for (const c of Object.values(COMMANDS)) {
  for (const key of Object.keys(c.flags)) everyFlag.add(`--${flagName(key)}`);
  for (const letter of Object.keys(c.short ?? {})) everyFlag.add(`-${letter}`);
}
for (const letter of "abcdefghijklmnopqrstuvwxyz") everyFlag.add(`-${letter}`);

function accepts(name: string, flag: string): boolean {
  const command = COMMANDS[name];
  const argv = [...(command.subcommands ? [command.subcommands[0]] : []), flag.startsWith("--") ? `${flag}=1` : flag];
  try {
    parseCommandLine(name, command, argv);
    return true;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return !err.message.startsWith("unknown flag");
  }
}

function listed(help: string): Set<string> {
  const flags = new Set<string>();
  for (const m of help.matchAll(/^ {2}(?:(-\w), | {4})(--[a-z-]+)/gm)) {
    if (m[1]) flags.add(m[1]);
    flags.add(m[2]);
  }
  return flags;
}

describe("command flags", () => {
  for (const [name, command] of Object.entries(COMMANDS)) {
    it(`${name}: accepts exactly the flags its help lists`, () => {
      const inHelp = listed(commandHelp(name, command));
      const accepted = new Set([...everyFlag].filter((f) => accepts(name, f)));
      expect([...accepted].sort()).toEqual([...inHelp].sort());
      for (const key of command.settings) expect(inHelp).toContain(`--${flagName(key)}`);
    });

    it(`${name}: describes every flag, and no flag of its own shadows a setting`, () => {
      for (const [key, schema] of Object.entries(command.flags)) {
        expect(schema.description, key).toBeTruthy();
        expect(command.settings).not.toContain(key);
      }
    });
  }

  it("gives every setting a description and a command that reads it", () => {
    const read = new Set(Object.values(COMMANDS).flatMap((c) => c.settings));
    for (const key of CONFIG_KEYS) {
      expect(ConfigSchema.shape[key].description, key).toBeTruthy();
      expect(read.has(key), `${key} is read by no command`).toBe(true);
    }
  });

  it("shows each setting's default and environment variable", () => {
    const help = commandHelp("train", COMMANDS.train);
    expect(help).toMatch(/--neighbours V +neighbours kept per item .* \[default 50; TUIJIAN_NEIGHBOURS\]/);
    expect(help).not.toContain("--port");
    expect(commandHelp("serve", COMMANDS.serve)).toMatch(/--port V .*\[default 8080; TUIJIAN_PORT or PORT\]/);
  });

  it("parses a command's flags with their schemas, in one line when they do not parse", () => {
    const batch = COMMANDS.batch;
    expect(parseCommandLine("batch", batch, ["--out", "x.csv", "-n", "7", "--include-purchased", "--data-dir", "d"])).toMatchObject({
      flags: { out: "x.csv", n: 7, includePurchased: true, chunkSize: 500 },
      settings: { dataDir: "d" },
    });
    const problem = (argv: string[]) => {
      try {
        parseCommandLine("batch", batch, argv);
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(problem(["--out", "x.csv", "-n", "abc"])).toBe('-n: must be a whole number ≥ 1, not "abc"');
    expect(problem(["--out", "x.csv", "--workers", "many"])).toBe('--workers: must be a whole number from 0 to 256, not "many"');
    expect(problem(["--out"])).toBe("--out needs a value; see tuijian batch --help");
    expect(problem(["--json"])).toBe('unknown flag --json for "batch"; see tuijian batch --help');
    expect(problem([])).toBe("--out: is required");
  });
});
