// An experiment's report: per variant the lists served and what they earned (metrics.ts),
// each with a 95% interval and a test against the control; a sample-ratio check of the
// shoppers each variant got against the split; for interleaving, which ranker's items
// each list's clicks went to, as a preference share with a sign test.
import type { ExperimentRecord, Store } from "../../store/types.js";
import { listOutcomes } from "../attribution.js";
import { sampleRatioMismatch, signTest } from "../stats.js";
import { definitionOf, INTERLEAVED } from "./experiments.js";
import { GroupTally, type GroupFigures, type MetricName } from "./metrics.js";
import { variantKey } from "./definition.js";

/** The significance level of the report's decision. */
export const ALPHA = 0.05;

export interface VariantReport extends GroupFigures {
  name: string;
  weight: number;
}

export interface InterleavingReport {
  lists: number;
  /** Lists whose clicks went more to one ranker's items. */
  decided: number;
  ties: number;
  /** Lists won by each variant, control first. */
  wins: [number, number];
  /** The second variant's share of the decided lists, with its 95% interval. */
  preference: { value: number; ci: [number, number] };
  p_value: number;
}

export interface ExperimentReport {
  id: string;
  status: ExperimentRecord["status"];
  mode: "ab" | "interleaving";
  from: string | null;
  to: string | null;
  attribution_window_hours: number;
  variants: VariantReport[];
  sample_ratio?: { shoppers: number[]; p_value: number; mismatch: boolean };
  interleaving?: InterleavingReport;
  /** The better variant on the primary metric (interleaving: by clicks) at p < 0.05, or null: no difference shown. */
  decision: { metric: MetricName | "clicks"; winner: string | null; p_value: number | null };
}

export async function experimentReport(store: Store, r: ExperimentRecord, windowMs: number, now = Date.now()): Promise<ExperimentReport> {
  const d = definitionOf(r);
  const from = r.startedAt ?? now;
  const to = r.stoppedAt ?? now;
  const tallies = new Map(d.variants.map((v) => [variantKey(r.id, v.name), new GroupTally()]));
  const mixed = new GroupTally();
  let wins: [number, number] = [0, 0];
  let ties = 0;
  for await (const o of listOutcomes(store, { from, to, windowMs, variantPrefix: `${r.id}:` })) {
    if (o.list.variant === variantKey(r.id, INTERLEAVED)) {
      mixed.add(o);
      const [a, b] = o.credit;
      if (a > b) wins = [wins[0] + 1, wins[1]];
      else if (b > a) wins = [wins[0], wins[1] + 1];
      else if (a > 0) ties++;
    } else tallies.get(o.list.variant!)?.add(o);
  }
  const base = {
    id: r.id, status: r.status, mode: d.mode, from: r.startedAt === null ? null : new Date(from).toISOString(),
    to: r.startedAt === null ? null : new Date(to).toISOString(), attribution_window_hours: windowMs / 3_600_000,
  };
  if (d.mode === "interleaving") {
    const sign = signTest(wins[1], wins[0]);
    const decided = wins[0] + wins[1];
    const winner = sign.pValue < ALPHA ? d.variants[wins[1] > wins[0] ? 1 : 0].name : null;
    return {
      ...base,
      variants: [{ name: INTERLEAVED, weight: 1, ...mixed.figures() }],
      interleaving: { lists: mixed.lists, decided, ties, wins, preference: { value: sign.share.rate, ci: [sign.share.low, sign.share.high] }, p_value: sign.pValue },
      decision: { metric: "clicks", winner, p_value: decided > 0 ? sign.pValue : null },
    };
  }
  const sums = d.variants.map((v) => tallies.get(variantKey(r.id, v.name))!.sums());
  const variants = d.variants.map((v, i): VariantReport => ({
    name: v.name, weight: v.weight, ...tallies.get(variantKey(r.id, v.name))!.figures(i > 0 ? sums[0] : undefined, sums[i]),
  }));
  const shoppers = variants.map((v) => v.shoppers);
  const srm = shoppers.some((n) => n > 0) ? sampleRatioMismatch(shoppers, d.variants.map((v) => v.weight)) : undefined;
  return {
    ...base, variants,
    ...(srm && { sample_ratio: { shoppers, p_value: srm.pValue, mismatch: srm.mismatch } }),
    decision: decide(variants, d.primary_metric),
  };
}

/**
 * The variant whose difference from the control on `metric` is significant at p < ALPHA
 * with the smallest p: the winner is it when it is ahead, the control when it is behind.
 */
function decide(variants: VariantReport[], metric: MetricName): ExperimentReport["decision"] {
  let best: { winner: string; p: number } | undefined;
  let smallest: number | null = null;
  for (const v of variants.slice(1)) {
    const c = v.metrics[metric].vs_control;
    if (c?.p_value == null || c.difference === null) continue;
    smallest = smallest === null ? c.p_value : Math.min(smallest, c.p_value);
    if (c.p_value < ALPHA && c.difference !== 0 && (!best || c.p_value < best.p)) best = { winner: c.difference > 0 ? v.name : variants[0].name, p: c.p_value };
  }
  return { metric, winner: best?.winner ?? null, p_value: best?.p ?? smallest };
}
