import { defineCommand } from "./command.js";
import { LOGGING } from "./settings.js";
import { ConfigSchema } from "../config.js";
import { openStore } from "../store/open.js";
import { copyStore } from "../store/copy.js";
import { progress } from "../platform/progress.js";
import type { Progress } from "../platform/progress.js";

const storeUrl = ConfigSchema.shape.store.unwrap();

export const storeCommand = defineCommand({
  summary: "copy a whole store into another, empty one, ids kept (e.g. SQLite into PostgreSQL): models keep serving on it",
  usage: "copy --from sqlite:var/tuijian.db --to postgres://user@host:port/db",
  subcommands: ["copy"],
  flags: {
    from: storeUrl.describe("the store to copy"),
    to: storeUrl.describe("the empty store to copy it into"),
  },
  settings: LOGGING,
  async run(_config, flags) {
    const from = await openStore(flags.from);
    try {
      const to = await openStore(flags.to);
      try {
        const bars = new Map<string, Progress>();
        const counts = await copyStore(from, to, (table, rows, total) => {
          if (!bars.has(table)) bars.set(table, progress(table));
          bars.get(table)!.tick(rows, total);
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
});
