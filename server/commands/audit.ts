import type { Command } from "./index.js";
import { openRuntime } from "../runtime.js";
import { AppError } from "../errors.js";

export const auditCommand: Command = {
  summary: "print the audit log (key changes, deletes, privacy requests, retention), newest first",
  usage: "[--limit 100] [--action A] [--json]",
  options: {
    limit: { type: "string" },
    action: { type: "string" },
    json: { type: "boolean" },
  },
  async run(config, flags) {
    const limit = Number(flags.limit ?? 100);
    if (!Number.isInteger(limit) || limit < 1) throw new AppError(400, "bad_flag", "--limit must be a whole number ≥ 1");
    const rt = await openRuntime(config);
    try {
      const entries = await rt.store.audit.list({ limit, action: flags.action as string | undefined });
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
};
