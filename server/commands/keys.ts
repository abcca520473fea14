import type { Command } from "./index.js";
import { openRuntime } from "../runtime.js";
import { AppError } from "../errors.js";
import { parseDuration, SCOPES, type Scope } from "../access/keys.js";

/** The actor the audit log names for what the command line does. */
export const CLI_ACTOR = "cli";

export const keysCommand: Command = {
  summary: "manage API keys: create (the secret is printed once), list, revoke",
  usage: "create --scope read|write|admin --name N [--expires-in 90d] [--rate R] | list [--json] | revoke --name N",
  subcommands: ["create", "list", "revoke"],
  options: {
    scope: { type: "string" },
    name: { type: "string" },
    "expires-in": { type: "string" },
    rate: { type: "string" },
    json: { type: "boolean" },
  },
  async run(config, flags, [action]) {
    const rt = await openRuntime(config);
    try {
      switch (action) {
        case "create": {
          const scope = flags.scope as Scope;
          if (!SCOPES.includes(scope)) throw new AppError(400, "bad_flag", `--scope must be one of ${SCOPES.join(", ")}`);
          if (typeof flags.name !== "string") throw new AppError(400, "bad_flag", "--name is required");
          const rate = flags.rate === undefined ? undefined : Number(flags.rate);
          if (rate !== undefined && !(rate > 0)) throw new AppError(400, "bad_flag", "--rate must be a number of requests per second > 0");
          const expires = typeof flags["expires-in"] === "string" ? parseDuration(flags["expires-in"]) : undefined;
          const { secret, key } = await rt.keys.create({ name: flags.name, scope, expiresInMs: expires, ratePerSecond: rate }, CLI_ACTOR);
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
          if (typeof flags.name !== "string") throw new AppError(400, "bad_flag", "--name is required");
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
};
