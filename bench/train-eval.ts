// Training time on the evaluation split (../shared/eval/online-retail/train.csv.gz):
// imports it once into a temporary store, then trains every model together, as
// `tuijian train` does, several times, and prints the median and each phase's median.
//   node dist/bench/train-eval.js [--train FILE] [--runs 5]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config.js";
import { openRuntime } from "../server/runtime.js";
import { importSources } from "../server/import/importer.js";
import { readRecords } from "../server/import/record-source.js";
import { trainModels } from "../server/train.js";
import { silentProgress } from "../server/platform/progress.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";
import { phaseTimer } from "./phase-timer.js";

const { values } = parseArgs({ options: { train: { type: "string" }, runs: { type: "string" } } });
const file = values.train ?? "../shared/eval/online-retail/train.csv.gz";
const runs = Number(values.runs ?? 5);

printMachine();
const dir = mkdtempSync(join(tmpdir(), "tuijian-bench-"));
try {
  const config = loadConfig({}, { dataDir: dir, demo: false });
  const rt = await openRuntime(config);
  await importSources(rt.store, { events: { name: file, records: readRecords(file) } });
  const seconds: number[] = [];
  const phases = new Map<string, number[]>();
  for (let r = 0; r < runs; r++) {
    const timer = phaseTimer(silentProgress);
    const t = performance.now();
    await trainModels(rt.store, rt.registry, config, timer.makeProgress);
    seconds.push((performance.now() - t) / 1000);
    for (const p of timer.finish()) phases.set(p.label, [...(phases.get(p.label) ?? []), p.seconds]);
  }
  await rt.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const round = (x: number) => Math.round(x * 100) / 100;
  process.stdout.write(
    JSON.stringify({
      trainEval: {
        code: codeVersion(),
        file,
        runs,
        seconds: seconds.map(round),
        medianSeconds: round(median(seconds)),
        phaseMedianSeconds: Object.fromEntries([...phases].map(([label, xs]) => [label, round(median(xs))])),
      },
    }) + "\n",
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
