import { z } from "zod";
import { defineCommand } from "./command.js";
import { wholeNumber } from "./flags.js";
import { LOGGING, SCORING, TRAINING, settings } from "./settings.js";
import { evaluate, readTestFile, type EvalReport } from "../evaluate.js";
import { fileSource } from "../import/record-source.js";
import { protocolSplit } from "../evaluation/protocol-split.js";
import { demoSplit, DEMO_CUT, DEMO_TRAIN_DAYS } from "../evaluation/demo-split.js";
import { progress } from "../platform/progress.js";
import { AppError } from "../errors.js";
import type { ModelParams } from "../../models/manifest.js";

export const evalCommand = defineCommand({
  summary: "train the production ranker on a train file and measure it on a test file (recall, NDCG, HR, coverage)",
  usage: "--train F --test F | --events F --protocol time|random-user [--items F] [-k 20] [--cold-items] [--placements] [--max-per-category M] [--mmr-lambda L] [--json] | --demo [-k 20] [--json]",
  details: [
    "Trains in a throw-away store with the settings below, then, for every shopper of the train",
    "file who bought in the test file items that occur in train and that they had not bought",
    "before, ranks all items but theirs and compares the top k with those purchases; the",
    "popularity list is measured the same way, for scale.",
    "",
    "--events F --protocol splits one events file instead: time tests on the newest fifth of the",
    "events; random-user on a seeded random fifth of the items of each shopper with 5 or more.",
    "",
    `--demo derives the split from the bundled demo shop (UCI Online Retail, demo/): train on the`,
    `purchases of the ${DEMO_TRAIN_DAYS} days before ${DEMO_CUT}, test on those from ${DEMO_CUT} on. Events`,
    "only (no titles, so no content source): it runs in about half a minute, the same every run.",
  ].join("\n"),
  flags: {
    train: z.string().optional().describe("events to train on (CSV or JSON Lines, as for import)"),
    test: z.string().optional().describe("later events to test against: user_id, item_id columns"),
    events: z.string().optional().describe("one events file to split by --protocol instead of --train/--test"),
    protocol: z.enum(["time", "random-user"]).optional().describe("how --events is split: time (newest fifth) or random-user (a fifth of each shopper's items)"),
    items: z.string().optional().describe("items file (titles feed the content model and --cold-items)"),
    demo: z.boolean().default(false).describe("use a split of the bundled demo shop instead of files (see above)"),
    k: wholeNumber(1).default(20).describe("list length measured (at most --max-results)"),
    coldItems: z.boolean().default(false).describe("also rank, per shopper, only the items first sold in the test period"),
    placements: z.boolean().default(false).describe("also measure the cart, product and buy_again placements where the test file has baskets and repeat purchases"),
    maxPerCategory: wholeNumber(1).optional().describe("also measure lists with at most this many items per category (a diversity rule), against the plain ones"),
    mmrLambda: z.coerce.number({ error: "must be a number from 0 to 1" }).min(0, { error: "must be a number from 0 to 1" }).max(1, { error: "must be a number from 0 to 1" }).optional()
      .describe("also measure lists reordered by MMR over item text with this λ (1: plain), against the plain ones"),
    json: z.boolean().default(false).describe("print the report as JSON"),
  },
  short: { k: "k" },
  settings: settings(LOGGING, TRAINING, SCORING),
  async run(config, flags) {
    const { train, test, items } = flags;
    if (flags.k > config.maxResults) throw new AppError(400, "bad_flag", `-k: must be at most --max-results (${config.maxResults}), not ${flags.k}`);
    if (flags.demo && (train ?? test ?? items) !== undefined) throw new AppError(400, "bad_flag", "--demo: takes no --train, --test or --items");
    if ((flags.events === undefined) !== (flags.protocol === undefined)) throw new AppError(400, "bad_flag", "--events F and --protocol go together");
    if (flags.events !== undefined && (train ?? test) !== undefined) throw new AppError(400, "bad_flag", "--events: takes no --train or --test");
    if (!flags.demo && flags.events === undefined && (train === undefined || test === undefined)) {
      throw new AppError(400, "bad_flag", "--train F and --test F are required, or --events F --protocol P, or --demo");
    }
    const itemSource = items === undefined ? undefined : fileSource(items);
    const data = flags.demo
      ? await demoSplit()
      : flags.events !== undefined
        ? { ...(await protocolSplit(flags.events, flags.protocol!, config.seed)), items: itemSource }
        : { train: fileSource(train!), test: await readTestFile(test!), items: itemSource };
    const diversity = flags.maxPerCategory === undefined && flags.mmrLambda === undefined ? undefined : { maxPerCategory: flags.maxPerCategory, mmrLambda: flags.mmrLambda };
    const report = await evaluate({ ...data, k: flags.k, coldItems: flags.coldItems, diversity, placements: flags.placements }, config, progress);
    process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + "\n" : table(report));
    return 0;
  },
});

function placementRows(r: EvalReport, row: (name: string, m: EvalReport["ranker"]) => string): string[] {
  const p = r.placements;
  if (!p) return [];
  const out: string[] = [];
  if (p.cart) out.push(`cart (${p.cart.cases} held-out basket items):`, row("cart list", p.cart.cart), row("home list", p.cart.home), row("popularity", p.cart.popularity), "");
  if (p.product) out.push(`product (the same baskets, one item as the page):`, row("product list", p.product.product), row("home list", p.product.home), row("popularity", p.product.popularity), "");
  if (!p.cart) out.push("cart, product: no baskets in this test file (one timestamp for all, or no two purchases at one time)", "");
  if (p.buyAgain) out.push(`buy_again (${p.buyAgain.shoppers} shoppers re-buying):`, row("buy_again list", p.buyAgain.buyAgain), row("by purchase count", p.buyAgain.byFrequency), "");
  else out.push("buy_again: no shopper with repeat purchases in train who re-bought in test", "");
  if (p.trending) out.push("trending (the main protocol's shoppers; one list for all):", row("trending list", p.trending.trending), row("popularity", p.trending.popularity), "");
  return out;
}

const days = (x: number | null) => (x === null ? "no decay" : `${x} days`);

/** The validation train chose and what it fitted on it. */
function fittedLines(params: ModelParams): string[] {
  const { fit, history: h, linear } = params;
  const lines = [`hybrid weights: ${JSON.stringify(params.hybrid)}`];
  if (!fit) return [...lines, "validation: none (fixed weights, or no validation cases)"];
  const share = fit.multiDayShare === undefined ? "" : `, ${(100 * fit.multiDayShare).toFixed(0)}% of shoppers active on several days`;
  lines.push(`validation: ${fit.protocol}${share}${fit.cutoff ? `, cut ${fit.cutoff.slice(0, 10)}` : ""}; ${fit.cases} cases ${JSON.stringify(fit.casesByProtocol ?? {})}; recall ${fit.recall.toFixed(4)}, coverage ${fit.coverage.toFixed(3)}`);
  const dislikes = fit.searched?.some((t) => t.dislikeWeight > 0) ? `, dislikes ${h?.dislikeWeight ? "counted against similar items" : "ignored"}` : "";
  if (h) lines.push(`fitted history: half-life ${days(h.historyHalfLifeDays)}, length ${h.maxHistory}${dislikes}; popularity half-life ${days(h.popularityHalfLifeDays)}`);
  if ("form" in linear) {
    const size = linear.form === "neighbours" ? `, ${linear.neighbours ?? params.neighbours} neighbours an item` : "";
    lines.push(`fitted linear model: ${linear.form}, λ ${linear.lambdaScale} × the mean Gram diagonal${size}`);
  }
  const alpha = params.hybrid.compensation;
  lines.push(`popularity compensation: ${alpha === 0 ? "none" : `α ${alpha} (item-to-item scores × (popularity / median)^-α)`}`);
  return lines;
}

const ild = (x: number | undefined) => (x === undefined ? "n/a (no item texts)" : x.toFixed(4));

function table(r: EvalReport): string {
  const row = (name: string, m: EvalReport["ranker"]) =>
    `${name.padEnd(22)} ${[m.recall, m.ndcg, m.hitRate, m.coverage].map((x) => x.toFixed(4).padStart(10)).join("")}`;
  return [
    `train: ${r.train.events} events, ${r.train.users} users, ${r.train.items} items (${r.train.rejectedRows} rows rejected)`,
    `test: ${r.test.users} users, ${r.test.evaluatedUsers} evaluated`,
    "",
    `${"k = " + r.k}`.padEnd(22) + ["recall", "NDCG", "HR", "coverage"].map((h) => h.padStart(10)).join(""),
    row(`tuijian (${r.model.version})`, r.ranker),
    row("popularity", r.popularity),
    "",
    `import ${(r.timings.importMs / 1000).toFixed(1)} s · train ${(r.timings.trainMs / 1000).toFixed(1)} s · score ${(r.timings.scoreMs / 1000).toFixed(2)} s (${r.timings.usersPerSecond} users/s)`,
    ...fittedLines(r.model.params),
    "",
    ...(r.diversity
      ? [
          `diversity ${JSON.stringify(r.diversity.setting)}: intra-list diversity (1 − mean text similarity) ${ild(r.diversity.off.ild)} off, ${ild(r.diversity.on.ild)} on`,
          row("plain", r.diversity.off),
          row("diversified", r.diversity.on),
          "",
        ]
      : []),
    ...placementRows(r, row),
    ...(r.coldItems
      ? [
          `cold items (${r.coldItems.coldItems} without training events), ${r.coldItems.ranker.users} shoppers who bought some:`,
          row(`tuijian (${r.model.version})`, r.coldItems.ranker),
          `random order: recall@${r.k} ${r.coldItems.randomRecall.toFixed(4)}`,
          "",
        ]
      : []),
  ].join("\n");
}
