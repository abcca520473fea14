import { z } from "zod";
import { defineCommand } from "./command.js";
import { LOGGING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { badRequest } from "../errors.js";
import { parseTime } from "../analytics/kpi-range.js";
import { attributionReport, type AttributionReport, type GroupFigures } from "../analytics/attribution-report.js";

const DAY = 86_400_000;
const pct = (v: number | null) => (v === null ? "–" : `${(100 * v).toFixed(2)}%`);

function print(r: AttributionReport): void {
  const w = process.stdout.write.bind(process.stdout);
  w(`lists served ${r.from} → ${r.to} (purchases within ${r.attribution_window_hours} h of a click count)\n\n`);
  w(`${"".padEnd(28)} ${"lists".padStart(8)} ${"shoppers".padStart(9)} ${"CTR".padStart(8)} ${"conversion".padStart(10)} ${"revenue".padStart(12)}\n`);
  const row = (label: string, g: GroupFigures) =>
    w(`${label.slice(0, 28).padEnd(28)} ${String(g.lists).padStart(8)} ${String(g.shoppers).padStart(9)} ${pct(g.metrics.ctr.value).padStart(8)} ${pct(g.metrics.conversion_rate.value).padStart(10)} ${g.revenue.toFixed(2).padStart(12)}\n`);
  row("all", r.total);
  for (const [title, groups] of [["placement", r.by_placement], ["model", r.by_model_version], ["variant", r.by_variant]] as const) {
    for (const [k, g] of Object.entries(groups)) row(`${title} ${k}`, g);
  }
  w(`\nclick-through by place: ${r.ctr_by_position.map((x, p) => `${p + 1}: ${pct(x)}`).join("  ")}\n`);
}

export const attributionCommand = defineCommand({
  summary: "what the lists served earned: overall, by placement, model version and experiment variant, and click-through by place",
  usage: "[--from 2026-11-24] [--to 2026-12-01] [--json]",
  flags: {
    from: z.string().optional().describe("lists served from this day or ISO time (default: 7 days before --to)"),
    to: z.string().optional().describe("until this day or time, exclusive (default: now)"),
    json: z.boolean().default(false).describe("print JSON"),
  },
  settings: settings(STORE, LOGGING, ["attributionWindowHours"] as const),
  async run(config, flags) {
    const to = parseTime("to", flags.to) ?? Date.now();
    const from = parseTime("from", flags.from) ?? to - 7 * DAY;
    if (from >= to) throw badRequest("--from must come before --to");
    const rt = await openRuntime(config);
    try {
      const report = await attributionReport(rt.store, { from, to, windowMs: config.attributionWindowHours * 3_600_000 });
      if (flags.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      else print(report);
      return 0;
    } finally {
      await rt.close();
    }
  },
});
