import type { Command } from "./index.js";
import { evaluate, type EvalReport } from "../evaluate.js";
import { progress } from "../platform/progress.js";
import { AppError } from "../errors.js";

export const evalCommand: Command = {
  summary: "train the production ranker on a train file and measure it on a test file (recall, NDCG, HR, coverage)",
  usage: "--train F --test F [--items F] [-k 20] [--cold-items] [--json]",
  options: {
    train: { type: "string" },
    test: { type: "string" },
    items: { type: "string" },
    k: { type: "string", short: "k" },
    json: { type: "boolean" },
    "cold-items": { type: "boolean" },
  },
  async run(config, flags) {
    if (typeof flags.train !== "string" || typeof flags.test !== "string") throw new AppError(400, "bad_flag", "--train F and --test F are required");
    const k = Number(flags.k ?? 20);
    if (!Number.isInteger(k) || k < 1 || k > config.maxResults) throw new AppError(400, "bad_flag", `-k must be a whole number from 1 to ${config.maxResults}`);
    const report = await evaluate({ train: flags.train, test: flags.test, items: flags.items as string | undefined, k, coldItems: flags["cold-items"] === true }, config, progress);
    process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + "\n" : table(report));
    return 0;
  },
};

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
    `hybrid weights: ${JSON.stringify(r.model.params.hybrid)}; fit: ${JSON.stringify(r.model.params.fit)}`,
    "",
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
