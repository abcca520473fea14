import { defineCommand } from "./command.js";
import { LOGGING, STORE, TRAINING, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { train } from "../train.js";
import { progress } from "../progress.js";
import { retain } from "../access/retention.js";

export const trainCommand = defineCommand({
  summary: "train the models on the store's data and switch to them atomically",
  usage: "[--data-dir DIR] [--neighbours K] [settings]",
  flags: {},
  settings: settings(STORE, LOGGING, TRAINING, ["eventRetentionDays"]),
  async run(config) {
    const rt = await openRuntime(config);
    try {
      await rt.store.resumeImports();
      await retain(rt.store, config);
      const m = await train(rt.store, rt.registry, config, progress);
      process.stdout.write(`model ${m.version}: ${JSON.stringify(m.stats)}\n`);
      return 0;
    } finally {
      await rt.close();
    }
  },
});
