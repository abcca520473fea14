import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { z } from "zod";
import { defineCommand } from "./command.js";
import { need } from "./inputs.js";
import { LOGGING, SCORING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { AppError, notFound } from "../errors.js";
import { segmentsReport } from "../analytics/segments/segment-report.js";
import type { ShopperProfile } from "../analytics/segments/shopper-values.js";

const noValues = () => new AppError(409, "no_segments", "the model in use was trained before shopper segments existed: run `tuijian train`");

const COLUMNS = ["user_id", "segment", "recency_score", "frequency_score", "monetary_score", "churn_risk", "lifetime_value", "purchase_days", "total_spend", "first_purchase", "last_purchase"];
const csv = (v: string | number | null) => (v === null ? "" : typeof v === "number" ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const row = (user: string, p: ShopperProfile) =>
  [user, p.segment, p.scores.recency, p.scores.frequency, p.scores.monetary, p.churn_risk, p.lifetime_value, p.purchase_days, p.total_spend, p.first_purchase, p.last_purchase].map(csv).join(",");

export const segmentsCommand = defineCommand({
  summary: "shopper segments as of the model's training: summary, one shopper's profile, or every shopper's as CSV",
  usage: "summary [--json] | profile --user ID | export [--output FILE.csv]",
  subcommands: ["summary", "profile", "export"],
  flags: {
    user: z.string().optional().describe("profile: the shopper's id"),
    output: z.string().optional().describe("export: the CSV file to write (default: standard output)"),
    json: z.boolean().default(false).describe("summary: print JSON"),
  },
  settings: settings(STORE, LOGGING, SCORING),
  async run(config, flags, [action = "summary"]) {
    const rt = await openRuntime(config);
    try {
      await rt.recommender.refresh();
      const { version, values } = rt.recommender.shopperValues();
      if (!values) throw noValues();
      const out = (v: unknown) => process.stdout.write(JSON.stringify(v, null, 2) + "\n");
      switch (action) {
        case "summary": {
          const report = segmentsReport(rt.registry.manifests(), version);
          if (!report) throw noValues();
          if (flags.json) return out(report), 0;
          process.stdout.write(`segments of ${report.shoppers} shoppers who bought, as of ${report.as_of} (model ${version})\n`);
          process.stdout.write(`${"segment".padEnd(16)} ${"shoppers".padStart(9)} ${"share".padStart(7)} ${"spend".padStart(14)} ${"spend share".padStart(11)}  previous training\n`);
          for (const s of report.segments) {
            const before = s.previous ? `${s.previous.shoppers} shoppers (${s.previous.model_version})` : "";
            process.stdout.write(`${s.name.padEnd(16)} ${String(s.shoppers).padStart(9)} ${(100 * s.share).toFixed(1).padStart(6)}% ${s.spend.toFixed(2).padStart(14)} ${(100 * s.spend_share).toFixed(1).padStart(10)}%  ${before}\n`);
          }
          return 0;
        }
        case "profile": {
          const user = need(flags.user, "user");
          const id = await rt.store.users.idOf(user);
          if (id === undefined) throw notFound("unknown_user", `no user with id "${user}"`);
          return out({ user, model_version: version, as_of: values.params.asOf, profile: values.profileOf(id) ?? null }), 0;
        }
        case "export": {
          const sink = flags.output ? createWriteStream(flags.output) : process.stdout;
          const write = async (line: string) => {
            if (!sink.write(line + "\n")) await once(sink, "drain");
          };
          await write(COLUMNS.join(","));
          let shoppers = 0;
          for (let after = 0; ; ) {
            const page = await rt.store.users.idPage(after, 10_000);
            for (const [id, user] of page) {
              const p = values.profileOf(id);
              if (p) await write(row(user, p)), shoppers++;
            }
            if (page.length < 10_000) break;
            after = page.at(-1)![0];
          }
          if (flags.output) {
            sink.end();
            await once(sink, "finish");
          }
          process.stderr.write(`${shoppers} shoppers' segments${flags.output ? ` written to ${flags.output}` : ""} (as of ${values.params.asOf})\n`);
          return 0;
        }
        default:
          throw new AppError(400, "bad_flag", `usage: tuijian segments ${segmentsCommand.usage}`);
      }
    } finally {
      await rt.close();
    }
  },
});
