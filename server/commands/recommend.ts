import { z } from "zod";
import { defineCommand } from "./command.js";
import { wholeNumber } from "./flags.js";
import { LOGGING, SCORING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { AppError } from "../errors.js";
import { missingInput, PLACEMENTS } from "../serving/placements/placement.js";
import type { Reason } from "../recommender.js";

/** A reason in a few words, for the table. */
function why(reason: Reason): string {
  switch (reason.type) {
    case "item_to_item": return `because of ${reason.item} ${reason.title ?? ""}`;
    case "pinned": return `pinned by rule ${reason.rule}`;
    case "popular_in": return `popular in ${reason.segments.join(", ")}`;
    case "theme": return `close to "${reason.theme}"`;
    default: return reason.type.replace("_", " ");
  }
}

export const recommendCommand = defineCommand({
  summary: "print a user's recommendations with scores and reasons, or why an item is not among them (for debugging)",
  usage: "--user U [-n 20] [--placement P [--item I | --items a,b | --theme T]] [--include-purchased] [--explain | --why-not I] [--json]",
  flags: {
    user: z.string().optional().describe("the shopper (none: the popular list)"),
    n: wholeNumber(1).optional().describe("how many items (default: --default-results)"),
    placement: z.enum(PLACEMENTS, { error: `must be one of ${PLACEMENTS.join(", ")}` }).default("home").describe(`the list type: ${PLACEMENTS.join(", ")} (README: Placements)`),
    item: z.string().optional().describe("--placement product: the page's item"),
    items: z.string().optional().describe("--placement cart: the cart's items, comma-separated"),
    theme: z.string().optional().describe("--placement scenario: the scenario in words"),
    includePurchased: z.boolean().default(false).describe("also recommend items the shopper has bought"),
    explain: z.boolean().default(false).describe("also print each item's score taken apart by source (explain=true)"),
    whyNot: z.string().optional().describe("instead, say why this item is not in the list (GET /recommend/why-not)"),
    json: z.boolean().default(false).describe("print the response /recommend gives"),
  },
  short: { u: "user", n: "n" },
  settings: settings(STORE, LOGGING, SCORING, ["defaultResults"]),
  async run(config, flags) {
    const n = flags.n ?? config.defaultResults;
    if (n > config.maxResults) throw new AppError(400, "bad_flag", `-n: must be at most --max-results (${config.maxResults}), not ${n}`);
    const context = { placement: flags.placement, item: flags.item, items: flags.items?.split(",").map((s) => s.trim()).filter(Boolean), theme: flags.theme };
    const missing = missingInput(context);
    if (missing) throw new AppError(400, "bad_flag", `--placement ${flags.placement}: needs --${missing}`);
    const rt = await openRuntime(config);
    try {
      await rt.recommender.refresh();
      if (flags.whyNot !== undefined) {
        const answer = await rt.recommender.whyNot(flags.user, flags.whyNot, n, flags.includePurchased, context);
        process.stdout.write(flags.json ? JSON.stringify(answer, null, 2) + "\n" : `${answer.verdict}: ${answer.message}\n${answer.contributions ? `  = ${JSON.stringify(answer.contributions)}\n` : ""}`);
        return 0;
      }
      const rec = await rt.recommender.recommend(flags.user, n, flags.includePurchased, { ...context, explain: flags.explain });
      if (flags.json) {
        process.stdout.write(JSON.stringify(rec, null, 2) + "\n");
        return 0;
      }
      process.stdout.write(`user ${rec.user ?? "(anonymous)"} · ${rec.placement} · model ${rec.model_version} · ${rec.personalized ? "personalised" : "not personalised"}\n`);
      rec.items.forEach((item, i) => {
        process.stdout.write(`${String(i + 1).padStart(3)}. ${item.score.toFixed(4).padStart(9)}  ${item.id.padEnd(12)} ${(item.title ?? "").padEnd(40)} ${why(item.reason)}\n`);
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
