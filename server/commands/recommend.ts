import type { Command } from "./index.js";
import { openRuntime } from "../runtime.js";
import { AppError } from "../errors.js";

export const recommendCommand: Command = {
  summary: "print a user's recommendations with scores and reasons (for debugging)",
  usage: "--user U [-n 20] [--include-purchased] [--json]",
  options: {
    user: { type: "string", short: "u" },
    n: { type: "string", short: "n" },
    "include-purchased": { type: "boolean" },
    json: { type: "boolean" },
  },
  async run(config, flags) {
    const n = Number(flags.n ?? config.defaultResults);
    if (!Number.isInteger(n) || n < 1 || n > config.maxResults) throw new AppError(400, "bad_flag", `-n must be a whole number from 1 to ${config.maxResults}`);
    const rt = await openRuntime(config);
    try {
      await rt.recommender.refresh();
      const rec = await rt.recommender.recommend(flags.user as string | undefined, n, flags["include-purchased"] === true);
      if (flags.json) {
        process.stdout.write(JSON.stringify(rec, null, 2) + "\n");
        return 0;
      }
      process.stdout.write(`user ${rec.user ?? "(anonymous)"} · model ${rec.model_version} · ${rec.personalized ? "personalised" : "popular (no usable history)"}\n`);
      rec.items.forEach((item, i) => {
        const why = item.reason.type === "item_to_item" ? `because of ${item.reason.item} ${item.reason.title ?? ""}` : "popular";
        process.stdout.write(`${String(i + 1).padStart(3)}. ${item.score.toFixed(4).padStart(9)}  ${item.id.padEnd(12)} ${(item.title ?? "").padEnd(40)} ${why}\n`);
      });
      return 0;
    } finally {
      await rt.close();
    }
  },
};
