import { defineCommand } from "./command.js";
import { LOGGING, STORE, TRAINING, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { train } from "../train.js";
import { makeProgress } from "../platform/progress.js";
import { retain } from "../access/retention.js";
import { withTrainLease } from "../training/train-lease.js";

export const trainCommand = defineCommand({
  summary: "train the models on the store's data and switch to them atomically (one train at a time per store)",
  usage: "[--data-dir DIR] [--neighbours K] [settings]",
  flags: {},
  settings: settings(STORE, LOGGING, TRAINING, ["eventRetentionDays"]),
  async run(config) {
    const rt = await openRuntime(config);
    try {
      await rt.store.resumeImports();
      await retain(rt.store, config);
      // One train at a time across processes and hosts sharing the store.
      const m = await withTrainLease(rt.store, () => train(rt.store, rt.registry, config, makeProgress));
      process.stdout.write(`model ${m.version}: ${JSON.stringify(m.stats)}\n`);
      return 0;
    } finally {
      await rt.close();
    }
  },
});
