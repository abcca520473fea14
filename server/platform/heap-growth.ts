// How far a serving process's JavaScript heap grows between full collections. V8 picks the
// factor from the time its collector takes on the main thread, as if the marking it does
// concurrently ran on idle cores; a serving process under load has none to spare. On the
// large shop with 2 workers, V8's own choice collected each worker's whole heap (~80 MB
// live) about every 0.8 s, and its helper threads took ~70 µs of CPU a request; letting the
// heap grow to twice what a collection keeps took 12% less CPU a request (bench/RESULTS.md,
// stop 38).
import { setFlagsFromString } from "node:v8";

/** V8's flag: the heap grows to (1 + percent / 100) times what the last full collection kept. */
export const HEAP_GROWTH_FLAG = "--heap-growing-percent";

/** Sets the growth for the rest of this process's life; 0 leaves it to V8. */
export function setHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`${HEAP_GROWTH_FLAG}=${percent}`);
}
