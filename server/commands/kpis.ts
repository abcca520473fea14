import { z } from "zod";
import { defineCommand } from "./command.js";
import { LOGGING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { INTERVALS, kpis, type KpiReport } from "../analytics/kpis.js";
import { kpiRange } from "../analytics/kpi-range.js";

const pct = (v: number | null) => (v === null ? "–" : `${(100 * v).toFixed(1)}%`);
const money = (v: number | null) => (v === null ? "–" : v.toFixed(2));

function print(r: KpiReport): void {
  const w = process.stdout.write.bind(process.stdout);
  w(`KPIs ${r.from.slice(0, 10)} → ${r.to.slice(0, 10)} per ${r.interval} (purchases within ${r.attribution_window_hours} h of a click from a list count for it)\n\n`);
  w(`${"period".padEnd(11)} ${"active".padStart(7)} ${"carted".padStart(7)} ${"bought".padStart(7)} ${"conv.".padStart(6)} ${"orders".padStart(7)} ${"revenue".padStart(12)} ${"AOV".padStart(9)} ${"repeat".padStart(7)} ${"recs".padStart(6)}\n`);
  const row = (label: string, k: KpiReport["total"]) =>
    w(`${label.padEnd(11)} ${String(k.funnel.active).padStart(7)} ${String(k.funnel.carted).padStart(7)} ${String(k.funnel.bought).padStart(7)} ${pct(k.funnel.conversion).padStart(6)} ${String(k.orders).padStart(7)} ${money(k.revenue).padStart(12)} ${money(k.average_order_value).padStart(9)} ${pct(k.repeat_purchase_rate).padStart(7)} ${pct(k.attributed_share).padStart(6)}\n`);
  for (const p of r.periods) row(p.start.slice(0, 10), p);
  row("total", r.total);
  if (r.cohorts.length === 0) return;
  w(`\nretention by first-purchase ${r.interval}: share buying again 1, 2, … ${r.interval}s later\n`);
  for (const c of r.cohorts) w(`${c.start.slice(0, 10)} ${String(c.shoppers).padStart(6)}  ${c.retention.map(pct).join(" ")}\n`);
}

export const kpisCommand = defineCommand({
  summary: "the shop's funnel, orders, revenue, order value, repeat purchases, cohort retention and the revenue share of recommendations",
  usage: "[--from 2011-11-01] [--to 2011-12-10] [--interval day|week] [--json]",
  flags: {
    from: z.string().optional().describe("the first day or ISO time (default: 30 days, or 12 weeks, before --to)"),
    to: z.string().optional().describe("the end, exclusive (default: the day after the newest event)"),
    interval: z.enum(INTERVALS).default("day").describe("a row per day or per week"),
    json: z.boolean().default(false).describe("print JSON"),
  },
  settings: settings(STORE, LOGGING, ["attributionWindowHours"] as const),
  async run(config, flags) {
    const rt = await openRuntime(config);
    try {
      const report = await kpis(rt.store, await kpiRange(rt.store, flags, config.attributionWindowHours * 3_600_000));
      if (flags.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      else print(report);
      return 0;
    } finally {
      await rt.close();
    }
  },
});
