import { z } from "zod";
import { defineCommand } from "./command.js";
import { wholeNumber } from "./flags.js";
import { LOGGING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";

export const auditCommand = defineCommand({
  summary: "print the audit log (key changes, deletes, privacy requests, retention), newest first",
  usage: "[--limit 100] [--action A] [--json]",
  flags: {
    limit: wholeNumber(1).default(100).describe("most entries printed"),
    action: z.string().optional().describe("only entries of this action, e.g. key.create"),
    json: z.boolean().default(false).describe("print JSON"),
  },
  settings: settings(STORE, LOGGING),
  async run(config, flags) {
    const rt = await openRuntime(config);
    try {
      const entries = await rt.store.audit.list({ limit: flags.limit, action: flags.action });
      if (flags.json) {
        process.stdout.write(JSON.stringify(entries, null, 2) + "\n");
        return 0;
      }
      for (const e of entries) {
        process.stdout.write(`${e.time}  ${e.actor.padEnd(20)} ${e.action.padEnd(18)} ${(e.target ?? "").padEnd(20)} ${JSON.stringify(e.details)}\n`);
      }
      return 0;
    } finally {
      await rt.close();
    }
  },
});
