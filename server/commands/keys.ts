import { z } from "zod";
import { defineCommand } from "./command.js";
import { LOGGING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { AppError } from "../errors.js";
import { parseDuration, SCOPES } from "../access/keys.js";

/** The actor the audit log names for what the command line does. */
export const CLI_ACTOR = "cli";

export const keysCommand = defineCommand({
  summary: "manage API keys: create (the secret is printed once), list, revoke",
  usage: "create --scope read|write|admin --name N [--expires-in 90d] [--rate R] | list [--json] | revoke --name N",
  subcommands: ["create", "list", "revoke"],
  flags: {
    scope: z.enum(SCOPES, { error: `must be one of ${SCOPES.join(", ")}` }).optional().describe("create: what the key may do"),
    name: z.string().optional().describe("create, revoke: the key's name"),
    expiresIn: z
      .string()
      .transform((text, ctx) => {
        try {
          return parseDuration(text);
        } catch {
          ctx.addIssue({ code: "custom", message: "must be a duration such as 90d, 12h or 30m" });
          return z.NEVER;
        }
      })
      .optional()
      .describe("create: how long the key is valid, e.g. 90d or 12h (none: until revoked)"),
    rate: z.coerce.number({ error: "must be a number > 0" }).positive({ error: "must be a number > 0" }).optional()
      .describe("create: requests per second for this key (none: --rate-limit-<scope> of the server)"),
    json: z.boolean().default(false).describe("list: print JSON"),
  },
  settings: settings(STORE, LOGGING),
  async run(config, flags, [action]) {
    const rt = await openRuntime(config);
    try {
      switch (action) {
        case "create": {
          const { scope, name, rate } = flags;
          if (scope === undefined) throw new AppError(400, "bad_flag", `--scope: is required (${SCOPES.join(", ")})`);
          if (name === undefined) throw new AppError(400, "bad_flag", "--name: is required");
          const { secret, key } = await rt.keys.create({ name, scope, expiresInMs: flags.expiresIn, ratePerSecond: rate }, CLI_ACTOR);
          process.stderr.write(`key "${key.name}" (${key.scope}) created${key.expiresAt ? `, expires ${new Date(key.expiresAt).toISOString()}` : ""}. ` +
            "Its secret follows; it is shown only now:\n");
          process.stdout.write(secret + "\n");
          return 0;
        }
        case "list": {
          const keys = await rt.keys.list();
          if (flags.json) {
            process.stdout.write(JSON.stringify(keys, null, 2) + "\n");
            return 0;
          }
          const at = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString().slice(0, 19) + "Z");
          process.stdout.write(`${"name".padEnd(24)} ${"scope".padEnd(6)} ${"created".padEnd(20)} ${"last used".padEnd(20)} ${"expires".padEnd(20)} revoked\n`);
          for (const k of keys) {
            process.stdout.write(`${k.name.padEnd(24)} ${k.scope.padEnd(6)} ${at(k.createdAt).padEnd(20)} ${at(k.lastUsedAt).padEnd(20)} ${at(k.expiresAt).padEnd(20)} ${at(k.revokedAt)}\n`);
          }
          return 0;
        }
        case "revoke": {
          if (flags.name === undefined) throw new AppError(400, "bad_flag", "--name: is required");
          await rt.keys.revoke(flags.name, CLI_ACTOR);
          process.stderr.write(`key "${flags.name}" revoked: every serving process refuses it within a second\n`);
          return 0;
        }
        default:
          throw new AppError(400, "bad_flag", `usage: tuijian keys ${keysCommand.usage}`);
      }
    } finally {
      await rt.close();
    }
  },
});
