// The WebAssembly core: pure computation over linear memory laid out by the host.
export { scoreHistory } from "./score-history";
export { exactProbes, restoreScratch } from "./probes";
export { alsSweep, cgRow, factorScores, factorScoresI8, gramPlusRidge } from "./als";
export { itemNeighbours } from "./item-neighbours";
export { rowNorms, sumFloats } from "./vector";
export { clearBit, markRefused } from "./mask";
export { scoreParamsBytes } from "./score-params";

/** First free byte after the module's static data: the host's arena starts here. */
export function heapBase(): usize {
  return __heap_base;
}
export { gramParamsBytes, gramRows, solveSystems } from "./item-gram";
export { spdFactor } from "./spd-factor";
export { spdInverse } from "./spd-inverse";
export { easeRows } from "./ease-rows";
export { blendTopK } from "./blend-top-k";
export { scatterCase } from "./case-scatter";
