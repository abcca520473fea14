import { z } from "zod";
import { defineCommand } from "./command.js";
import { wholeNumber } from "./flags.js";
import { LOGGING, SCORING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { AppError } from "../errors.js";

export const recommendCommand = defineCommand({
  summary: "print a user's recommendations with scores and reasons (for debugging)",
  usage: "--user U [-n 20] [--include-purchased] [--explain] [--json]",
  flags: {
    user: z.string().optional().describe("the shopper (none: the popular list)"),
    n: wholeNumber(1).optional().describe("how many items (default: --default-results)"),
    includePurchased: z.boolean().default(false).describe("also recommend items the shopper has bought"),
    explain: z.boolean().default(false).describe("also print each item's score taken apart by source (explain=true)"),
    json: z.boolean().default(false).describe("print the response /recommend gives"),
  },
  short: { u: "user", n: "n" },
  settings: settings(STORE, LOGGING, SCORING, ["defaultResults"]),
  async run(config, flags) {
    const n = flags.n ?? config.defaultResults;
    if (n > config.maxResults) throw new AppError(400, "bad_flag", `-n: must be at most --max-results (${config.maxResults}), not ${n}`);
    const rt = await openRuntime(config);
    try {
      await rt.recommender.refresh();
      const rec = await rt.recommender.recommend(flags.user, n, flags.includePurchased, { explain: flags.explain });
      if (flags.json) {
        process.stdout.write(JSON.stringify(rec, null, 2) + "\n");
        return 0;
      }
      process.stdout.write(`user ${rec.user ?? "(anonymous)"} · model ${rec.model_version} · ${rec.personalized ? "personalised" : "popular (no usable history)"}\n`);
      rec.items.forEach((item, i) => {
        const why = item.reason.type === "item_to_item" ? `because of ${item.reason.item} ${item.reason.title ?? ""}` : "popular";
        process.stdout.write(`${String(i + 1).padStart(3)}. ${item.score.toFixed(4).padStart(9)}  ${item.id.padEnd(12)} ${(item.title ?? "").padEnd(40)} ${why}\n`);
        if (item.explain) {
          const parts = Object.entries(item.explain.contributions).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(" + ");
          process.stdout.write(`${"".padStart(16)}= ${parts}${item.explain.because.length ? `; behind it: ${item.explain.because.map((b) => b.item).join(", ")}` : ""}\n`);
        }
      });
      return 0;
    } finally {
      await rt.close();
    }
  },
});
