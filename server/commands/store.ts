import type { Command } from "./index.js";
import { openStore } from "../store/open.js";
import { copyStore } from "../store/copy.js";
import { AppError } from "../errors.js";
import { progress } from "../platform/progress.js";
import type { Progress } from "../platform/progress.js";

export const storeCommand: Command = {
  summary: "copy a whole store into another, empty one, ids kept (e.g. SQLite into PostgreSQL): models keep serving on it",
  usage: "copy --from sqlite:var/tuijian.db --to postgres://user@host:port/db",
  subcommands: ["copy"],
  options: {
    from: { type: "string" },
    to: { type: "string" },
  },
  async run(_config, flags, [action]) {
    if (action !== "copy" || typeof flags.from !== "string" || typeof flags.to !== "string") {
      throw new AppError(400, "bad_flag", `usage: tuijian store ${storeCommand.usage}`);
    }
    const from = await openStore(flags.from);
    try {
      const to = await openStore(flags.to);
      try {
        const bars = new Map<string, Progress>();
        const counts = await copyStore(from, to, (table, rows) => {
          if (!bars.has(table)) bars.set(table, progress(table));
          bars.get(table)!.tick(rows);
        });
        for (const [table, bar] of bars) bar.done(counts[table as keyof typeof counts]);
        process.stdout.write(`copied: ${JSON.stringify(counts)}; the copy has store id ${from.id}, so the source's models serve on it\n`);
        return 0;
      } finally {
        await to.close();
      }
    } finally {
      await from.close();
    }
  },
};
