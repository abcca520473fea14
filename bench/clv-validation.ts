// Validates the shopper-value models on UCI Online Retail (issue 16): fit BG/NBD and
// Gamma–Gamma on purchases before a cut 90 days before the last invoice day, then compare
// each customer's predicted chance of buying again in those 90 days, and their predicted
// spend, with what happened. Baselines: recency alone (days since the last purchase,
// ranked as is and calibrated by an isotonic fit on the 90 days before the cut), and for
// spend, the customer's spend in the 90 days before the cut.
//   node dist/bench/clv-validation.js [--file demo/online_retail.csv.gz] [--shift DAYS]
// --shift moves the holdout that many days earlier (e.g. 90: a holdout without the
// pre-Christmas peak), to tell seasonality from model error.
import { parseArgs } from "node:util";
import { DEMO_FILE } from "../server/import/demo-retail.js";
import {
  churnRisk, DAY_MS, expectedPurchases, fitBgNbd, fitGammaGamma, lifetimeValue, summarise,
  type Purchase, type PurchaseSummary,
} from "../models/clv.js";
import { auc, brierScore, calibration, correlation, isotonicFit } from "../models/probability-metrics.js";
import { retailPurchases } from "./retail-purchases.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const HORIZON_DAYS = 90;
const { values } = parseArgs({ options: { file: { type: "string" }, shift: { type: "string" } } });
const file = values.file ?? DEMO_FILE();
const shiftDays = Number(values.shift ?? 0);
printMachine();

const log = (message: string) => process.stderr.write(message + "\n");
const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;
const significant = (v: number) => Number(v.toPrecision(5));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

let started = performance.now();
const byCustomer = await retailPurchases(file);
const readMs = performance.now() - started;
let lastTs = -Infinity;
for (const list of byCustomer.values()) for (const p of list) lastTs = Math.max(lastTs, p.ts);
// The holdout is the 90 whole days ending with the last invoice's day (less the shift).
const cut = (Math.floor(lastTs / DAY_MS) + 1 - shiftDays - HORIZON_DAYS) * DAY_MS;
const holdoutEnd = cut + HORIZON_DAYS * DAY_MS;
log(`${byCustomer.size} customers; last invoice ${new Date(lastTs).toISOString()}; cut ${isoDay(cut)}`);

/** Per customer known before `at`: their summary; purchase days and spend in the 90 days after; spend in the 90 before. */
interface Case {
  summary: PurchaseSummary;
  boughtAfter: boolean;
  daysAfter: number;
  spendAfter: number;
  spendBefore: number;
}

function casesAt(at: number): Case[] {
  const cases: Case[] = [];
  for (const list of byCustomer.values()) {
    // The observation ends with the day before the cut (lifetimes' calibration_period_end).
    const summary = summarise(list.filter((p) => p.ts < at), at - 1);
    if (!summary) continue;
    const within = (from: number, to: number) => list.filter((p: Purchase) => p.ts >= from && p.ts < to);
    const after = within(at, at + HORIZON_DAYS * DAY_MS);
    cases.push({
      summary,
      boughtAfter: after.length > 0,
      daysAfter: new Set(after.map((p) => Math.floor(p.ts / DAY_MS))).size,
      spendAfter: after.reduce((s, p) => s + p.value, 0),
      spendBefore: within(at - HORIZON_DAYS * DAY_MS, at).reduce((s, p) => s + p.value, 0),
    });
  }
  return cases;
}

const cases = casesAt(cut);
const summaries = cases.map((c) => c.summary);
const outcomes = cases.map((c) => c.boughtAfter);

started = performance.now();
const bg = fitBgNbd(summaries);
const bgMs = performance.now() - started;
started = performance.now();
const gg = fitGammaGamma(summaries);
const ggMs = performance.now() - started;
const repeaters = summaries.filter((c) => c.frequency > 0 && c.monetary > 0);
log(`BG/NBD r=${bg.r} α=${bg.alpha} a=${bg.a} b=${bg.b} in ${bgMs.toFixed(0)} ms; Gamma–Gamma p=${gg.p} q=${gg.q} v=${gg.v} in ${ggMs.toFixed(0)} ms`);

const predicted = summaries.map((c) => 1 - churnRisk(bg, c, HORIZON_DAYS));
const daysSinceLast = summaries.map((c) => c.age - c.recency);
// Recency calibrated on the previous window: days since last purchase at cut − 90 → bought before the cut.
const earlier = casesAt(cut - HORIZON_DAYS * DAY_MS);
const recencyToRate = isotonicFit(earlier.map((c) => -(c.summary.age - c.summary.recency)), earlier.map((c) => c.boughtAfter));
const recencyProbability = daysSinceLast.map((d) => recencyToRate(-d));

const observedRate = outcomes.filter(Boolean).length / outcomes.length;
const modelCalibration = calibration(predicted, outcomes);
const recencyCalibration = calibration(recencyProbability, outcomes);
log("bin        count  predicted  observed");
for (const b of modelCalibration.bins) log(`${b.from.toFixed(1)}–${b.to.toFixed(1)} ${String(b.count).padStart(8)} ${b.meanPredicted.toFixed(3).padStart(10)} ${b.observedRate.toFixed(3).padStart(9)}`);

const actualSpend = cases.map((c) => c.spendAfter);
const predictedSpend = summaries.map((c) => lifetimeValue(bg, gg, c, HORIZON_DAYS));
const previousSpend = cases.map((c) => c.spendBefore);
const spendErrors = (prediction: number[]) => ({
  meanAbsoluteError: round(prediction.reduce((s, p, i) => s + Math.abs(p - actualSpend[i]), 0) / prediction.length, 2),
  correlation: round(correlation(prediction, actualSpend)),
  total: round(prediction.reduce((s, p) => s + p, 0), 0),
});
const sum = (v: number[]) => v.reduce((s, u) => s + u, 0);

const result = {
  clvValidation: {
    code: codeVersion(),
    file,
    lastInvoice: new Date(lastTs).toISOString(),
    cut: isoDay(cut),
    shiftDays,
    holdout: `${isoDay(cut)} to ${isoDay(holdoutEnd - 1)} (${HORIZON_DAYS} days)`,
    customers: cases.length,
    boughtInHoldout: outcomes.filter(Boolean).length,
    readMs: Math.round(readMs),
    bgNbd: {
      r: significant(bg.r), alpha: significant(bg.alpha), a: significant(bg.a), b: significant(bg.b),
      meanDropout: significant(bg.a / (bg.a + bg.b)),
      logLikelihood: round(bg.logLikelihood, 2), groups: bg.groups, evaluations: bg.evaluations, converged: bg.converged, fitMs: round(bgMs, 1),
    },
    gammaGamma: {
      p: significant(gg.p), q: significant(gg.q), v: significant(gg.v),
      customers: gg.customers, evaluations: gg.evaluations, converged: gg.converged, fitMs: round(ggMs, 1),
      // Gamma–Gamma assumes spend per purchase does not depend on how often a shopper buys.
      frequencySpendCorrelation: round(correlation(repeaters.map((c) => c.frequency), repeaters.map((c) => c.monetary))),
    },
    model: {
      auc: round(auc(predicted, outcomes)),
      brier: round(brierScore(predicted, outcomes)),
      ece: round(modelCalibration.expectedCalibrationError),
      meanPredicted: round(sum(predicted) / predicted.length),
      observedRate: round(observedRate),
      // The Brier score of predicting the observed rate for everyone: the no-skill line.
      constantBrier: round(observedRate * (1 - observedRate)),
      expectedPurchaseDays: round(sum(summaries.map((c) => expectedPurchases(bg, c, HORIZON_DAYS))), 0),
      actualPurchaseDays: sum(cases.map((c) => c.daysAfter)),
      calibration: modelCalibration.bins.map((b) => ({ ...b, meanPredicted: round(b.meanPredicted), observedRate: round(b.observedRate) })),
    },
    recencyBaseline: {
      auc: round(auc(daysSinceLast.map((d) => -d), outcomes)),
      isotonicBrier: round(brierScore(recencyProbability, outcomes)),
      isotonicEce: round(recencyCalibration.expectedCalibrationError),
    },
    spend90: {
      actualTotal: round(sum(actualSpend), 0),
      model: spendErrors(predictedSpend),
      previous90Days: spendErrors(previousSpend),
    },
  },
};
process.stdout.write(JSON.stringify(result) + "\n");
