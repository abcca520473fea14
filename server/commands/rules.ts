import { z } from "zod";
import { defineCommand } from "./command.js";
import { LOGGING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { AppError } from "../errors.js";
import { CLI_ACTOR } from "./keys.js";
import { jsonDocument, need } from "./inputs.js";
import { RuleDefinition, RuleId } from "../serving/rules/definition.js";

export const rulesCommand = defineCommand({
  summary: "manage merchandising rules: list, show, put (create or replace), delete",
  usage: "list [--json] | show --id ID | put --id ID (--rule JSON | --file rule.json) [--version V] | delete --id ID",
  subcommands: ["list", "show", "put", "delete"],
  flags: {
    id: RuleId.optional().describe("show, put, delete: the rule's id"),
    rule: z.string().optional().describe("put: the rule as JSON, e.g. '{\"action\":\"exclude\",\"match\":{\"filter\":\"category = \\\"Gift cards\\\"\"}}'"),
    file: z.string().optional().describe("put: a file holding the rule as JSON"),
    version: z.coerce.number().int().positive().optional().describe("put: replace only if the rule is at this version"),
    json: z.boolean().default(false).describe("list, show: print JSON"),
  },
  settings: settings(STORE, LOGGING),
  async run(config, flags, [action]) {
    const rt = await openRuntime(config);
    const out = (v: unknown) => process.stdout.write(JSON.stringify(v, null, 2) + "\n");
    try {
      switch (action) {
        case "list": {
          const rules = await rt.rules.list();
          if (flags.json) return out(rules), 0;
          process.stdout.write(`${"id".padEnd(24)} ${"version".padEnd(8)} ${"action".padEnd(8)} ${"updated".padEnd(20)} description\n`);
          for (const r of rules) {
            process.stdout.write(`${r.id.padEnd(24)} ${String(r.version).padEnd(8)} ${r.rule.action.padEnd(8)} ${r.updated_at.slice(0, 19).padEnd(20)} ${r.rule.description ?? ""}\n`);
          }
          return 0;
        }
        case "show":
          out(await rt.rules.get(need(flags.id, "id")));
          return 0;
        case "put": {
          const shown = await rt.rules.put(need(flags.id, "id"), jsonDocument(RuleDefinition, flags.rule, flags.file, { name: "rule", flag: "rule", code: "bad_rule", see: "README: Rules" }), CLI_ACTOR, "upsert", flags.version);
          process.stderr.write(`rule "${shown.id}" is at version ${shown.version}: every serving process applies it within a second\n`);
          return 0;
        }
        case "delete": {
          const { version } = await rt.rules.delete(need(flags.id, "id"), CLI_ACTOR);
          process.stderr.write(`rule "${flags.id}" deleted (version ${version}; its history is kept)\n`);
          return 0;
        }
        default:
          throw new AppError(400, "bad_flag", `usage: tuijian rules ${rulesCommand.usage}`);
      }
    } finally {
      await rt.close();
    }
  },
});
