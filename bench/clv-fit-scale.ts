// How long a BG/NBD and a Gamma–Gamma fit take at shop scale: shoppers simulated from
// known parameters (seed 42) on whole days, as real summaries are, observed for up to two
// years. Prints the fit times, the distinct (x, tₓ, T) triples the likelihood sums over,
// and the recovered parameters next to the true ones; then the whole shopper-value pass
// of training (models/shopper-value.ts: the purchases added one by one, both fits, RFM
// quintiles, every shopper's segment, churn risk and lifetime value) on the same shoppers.
//   node dist/bench/clv-fit-scale.js [--shoppers 1000000]
import { parseArgs } from "node:util";
import { fitBgNbd, fitGammaGamma } from "../models/clv.js";
import { simulateShoppers } from "../models/clv-simulate.js";
import { ShopperValueBuilder } from "../models/shopper-value.js";
import { DEFAULT_SEGMENT_THRESHOLDS } from "../models/rfm.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const TRUE_BG = { r: 0.8, alpha: 40, a: 0.6, b: 2.5 };
const TRUE_GG = { p: 6, q: 4, v: 15 };
const { values } = parseArgs({ options: { shoppers: { type: "string" } } });
const count = Number(values.shoppers ?? 1_000_000);
printMachine();

let started = performance.now();
const shoppers = simulateShoppers(TRUE_BG, count, 42, { minAge: 1, maxAge: 730, wholeDays: true, spend: TRUE_GG });
const simulateMs = performance.now() - started;
started = performance.now();
const bg = fitBgNbd(shoppers);
const bgMs = performance.now() - started;
started = performance.now();
const gg = fitGammaGamma(shoppers);
const ggMs = performance.now() - started;

// The pass as training runs it: each shopper's purchase days as events (the first at its
// spend, the repeats spread over tₓ), valued at price 1.
const DAY = 86_400_000;
const asOfDay = 800;
started = performance.now();
const builder = new ShopperValueBuilder(count, Float32Array.of(1), 5, asOfDay * DAY);
shoppers.forEach((c, u) => {
  const first = asOfDay - c.age;
  builder.add(u, 0, 5, c.monetary || 1, first * DAY);
  for (let k = 1; k <= c.frequency; k++) builder.add(u, 0, 5, c.monetary, (first + Math.round((k * c.recency) / c.frequency)) * DAY);
});
const addMs = performance.now() - started;
started = performance.now();
const built = builder.build({ thresholds: DEFAULT_SEGMENT_THRESHOLDS, churnDays: 90, clvDays: 365 });
const buildMs = performance.now() - started;

const significant = (v: number) => Number(v.toPrecision(4));
process.stdout.write(JSON.stringify({
  clvFitScale: {
    code: codeVersion(),
    shoppers: count,
    simulateMs: Math.round(simulateMs),
    bgNbd: {
      fitMs: Math.round(bgMs), groups: bg.groups, evaluations: bg.evaluations, converged: bg.converged,
      fitted: { r: significant(bg.r), alpha: significant(bg.alpha), a: significant(bg.a), b: significant(bg.b) }, truth: TRUE_BG,
    },
    gammaGamma: {
      fitMs: Math.round(ggMs), customers: gg.customers, evaluations: gg.evaluations, converged: gg.converged,
      fitted: { p: significant(gg.p), q: significant(gg.q), v: significant(gg.v) }, truth: TRUE_GG,
    },
    trainingPass: { addMs: Math.round(addMs), buildMs: Math.round(buildMs), shoppers: built.params.shoppers, segments: built.params.segments },
  },
}) + "\n");
