// The statistics of A/B experiments, pure and synchronous: callers aggregate counts and
// sums (in SQL or in memory) and pass them here. One module per test under stats/; this
// file is the single import for the rest of the server.
export { normalCdf, normalQuantile, studentTCdf, studentTQuantile, chiSquareSurvival } from "./stats/distributions.js";
export { logGamma, logBeta, regularizedGammaP, regularizedGammaQ, regularizedBeta } from "./stats/special-functions.js";
export { rateInterval, compareRates, type RateInterval, type RateCounts, type RateComparison } from "./stats/proportions.js";
export { compareMeans, summarise, type MeanSums, type MeanSummary, type MeanComparison } from "./stats/means.js";
export { sampleRatioMismatch, SRM_P_THRESHOLD, type SampleRatioResult } from "./stats/sample-ratio.js";
export { signTest, SIGN_TEST_EXACT_MAX, type SignTestResult } from "./stats/sign-test.js";
