import { z } from "zod";
import { defineCommand } from "./command.js";
import { LOGGING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { AppError } from "../errors.js";
import { CLI_ACTOR } from "./keys.js";
import { jsonDocument, need } from "./inputs.js";
import { ExperimentDefinition, ExperimentId } from "../analytics/experiments/definition.js";
import type { ExperimentReport } from "../analytics/experiments/report.js";
import { METRICS } from "../analytics/experiments/metrics.js";

const definitionOf = (inline?: string, file?: string) =>
  jsonDocument(ExperimentDefinition, inline, file, { name: "experiment", flag: "experiment", code: "bad_experiment", see: "README: Experiments" });

const pct = (v: number | null | undefined) => (v == null ? "–" : `${(100 * v).toFixed(2)}%`);
const num = (v: number | null | undefined) => (v == null ? "–" : v.toFixed(2));
const p = (v: number | null | undefined) => (v == null ? "" : v < 0.0001 ? "p<0.0001" : `p=${v.toFixed(4)}`);

/** The report as a table: a row per variant, each metric with its lift and p against the control. */
function printReport(r: ExperimentReport): void {
  const w = process.stdout.write.bind(process.stdout);
  w(`experiment ${r.id} (${r.mode}, ${r.status}) ${r.from ?? "not started"} → ${r.to ?? ""}; purchases within ${r.attribution_window_hours} h of a click count\n`);
  for (const v of r.variants) {
    w(`\n${v.name}: ${v.lists} lists, ${v.shoppers} shoppers, ${v.clicks} clicks, ${v.purchases} purchases, revenue ${v.revenue.toFixed(2)}\n`);
    for (const m of METRICS) {
      const f = v.metrics[m];
      const rate = m.endsWith("rate") || m === "ctr";
      const value = rate ? pct(f.value) : num(f.value);
      const ci = f.ci ? ` [${rate ? pct(f.ci[0]) : num(f.ci[0])}, ${rate ? pct(f.ci[1]) : num(f.ci[1])}]` : "";
      const vs = f.vs_control ? `  vs control ${f.vs_control.relative_lift == null ? "" : `${f.vs_control.relative_lift >= 0 ? "+" : ""}${(100 * f.vs_control.relative_lift).toFixed(1)}% `}${p(f.vs_control.p_value)}` : "";
      w(`  ${m.padEnd(20)} ${value}${ci}${vs}\n`);
    }
  }
  if (r.sample_ratio) w(`\nsample ratio: shoppers ${r.sample_ratio.shoppers.join(" / ")}, ${p(r.sample_ratio.p_value)}${r.sample_ratio.mismatch ? " — MISMATCH: do not trust this report" : ""}\n`);
  if (r.interleaving) {
    const i = r.interleaving;
    w(`\ninterleaving: ${i.lists} lists, ${i.decided} decided by clicks (${i.wins[0]} vs ${i.wins[1]}), ${i.ties} ties; preference for the second ${pct(i.preference.value)} [${pct(i.preference.ci[0])}, ${pct(i.preference.ci[1])}] ${p(i.p_value)}\n`);
  }
  w(`\ndecision on ${r.decision.metric}: ${r.decision.winner ? `${r.decision.winner} is better (${p(r.decision.p_value)})` : `no difference shown at p < 0.05${r.decision.p_value == null ? "" : ` (${p(r.decision.p_value)})`}`}\n`);
}

export const experimentsCommand = defineCommand({
  summary: "manage A/B and interleaving experiments: list, show, create, update, start, stop, delete, report",
  usage: "list [--json] | show --id ID | create --id ID (--experiment JSON | --file f.json) | update --id ID (--experiment JSON | --file f.json) [--version V] | start|stop --id ID [--version V] | delete --id ID | report --id ID [--json]",
  subcommands: ["list", "show", "create", "update", "start", "stop", "delete", "report"],
  flags: {
    id: ExperimentId.optional().describe("the experiment's id"),
    experiment: z.string().optional().describe("create, update: the experiment as JSON (README: Experiments)"),
    file: z.string().optional().describe("create, update: a file holding the experiment as JSON"),
    version: z.coerce.number().int().positive().optional().describe("update, start, stop: only if the experiment is at this version"),
    json: z.boolean().default(false).describe("list, show, report: print JSON"),
  },
  settings: settings(STORE, LOGGING, ["attributionWindowHours"] as const),
  async run(config, flags, [action]) {
    const rt = await openRuntime(config);
    const out = (v: unknown) => process.stdout.write(JSON.stringify(v, null, 2) + "\n");
    const said = (s: { id: string; status: string; version: number }) => process.stderr.write(`experiment "${s.id}" is ${s.status} (version ${s.version})\n`);
    try {
      switch (action) {
        case "list": {
          const all = await rt.experiments.list();
          if (flags.json) return out(all), 0;
          process.stdout.write(`${"id".padEnd(24)} ${"status".padEnd(8)} ${"mode".padEnd(12)} ${"variants".padEnd(30)} started\n`);
          for (const e of all) {
            process.stdout.write(`${e.id.padEnd(24)} ${e.status.padEnd(8)} ${e.experiment.mode.padEnd(12)} ${e.experiment.variants.map((v) => v.name).join(", ").padEnd(30)} ${e.started_at?.slice(0, 19) ?? ""}\n`);
          }
          return 0;
        }
        case "show":
          return out(await rt.experiments.get(need(flags.id, "id"))), 0;
        case "create":
          return said(await rt.experiments.create(need(flags.id, "id"), definitionOf(flags.experiment, flags.file), CLI_ACTOR)), 0;
        case "update":
          return said(await rt.experiments.update(need(flags.id, "id"), definitionOf(flags.experiment, flags.file), CLI_ACTOR, flags.version)), 0;
        case "start":
          return said(await rt.experiments.start(need(flags.id, "id"), CLI_ACTOR, flags.version)), 0;
        case "stop":
          return said(await rt.experiments.stop(need(flags.id, "id"), CLI_ACTOR, flags.version)), 0;
        case "delete":
          await rt.experiments.delete(need(flags.id, "id"), CLI_ACTOR);
          process.stderr.write(`experiment "${flags.id}" deleted\n`);
          return 0;
        case "report": {
          const report = await rt.experiments.report(need(flags.id, "id"), config.attributionWindowHours * 3_600_000);
          if (flags.json) out(report);
          else printReport(report);
          return 0;
        }
        default:
          throw new AppError(400, "bad_flag", `usage: tuijian experiments ${experimentsCommand.usage}`);
      }
    } finally {
      await rt.close();
    }
  },
});
