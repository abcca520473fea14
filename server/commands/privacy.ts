import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { z } from "zod";
import { defineCommand } from "./command.js";
import { LOGGING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { AppError } from "../errors.js";
import { eraseUser, exportUser } from "../access/privacy.js";
import { CLI_ACTOR } from "./keys.js";

export const privacyCommand = defineCommand({
  summary: "a shopper's privacy requests: export everything stored about them, or erase it",
  usage: "export --user U [--out F] [--reference R] | delete --user U [--reference R]",
  subcommands: ["export", "delete"],
  flags: {
    user: z.string().describe("the shopper"),
    out: z.string().optional().describe("export: the file to write (none: standard output); never overwritten"),
    reference: z.string().optional().describe("the request's reference (a ticket number), kept in the audit log"),
  },
  short: { u: "user" },
  settings: settings(STORE, LOGGING),
  async run(config, flags, [action]) {
    const by = { actor: CLI_ACTOR, reference: flags.reference };
    const rt = await openRuntime(config);
    try {
      if (action === "export") {
        const out = typeof flags.out === "string" ? createWriteStream(flags.out, { flags: "wx" }) : process.stdout;
        for await (const piece of exportUser(rt.store, flags.user, by)) {
          if (!out.write(piece)) await once(out, "drain");
        }
        out.write("\n");
        if (out !== process.stdout) await new Promise<void>((done, fail) => out.end((err?: Error | null) => (err ? fail(err) : done())));
        return 0;
      }
      if (action === "delete") {
        const { events_deleted } = await eraseUser(rt.store, flags.user, by);
        process.stderr.write(`shopper erased: attributes and ${events_deleted} events; every serving process treats the id as unknown now, and models trained from now on contain nothing of them\n`);
        return 0;
      }
      throw new AppError(400, "bad_flag", `usage: tuijian privacy ${privacyCommand.usage}`);
    } finally {
      await rt.close();
    }
  },
});
