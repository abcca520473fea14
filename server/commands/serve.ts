import { defineCommand } from "./command.js";
import { LOGGING, SCORING, SERVING, STORE, TRAINING, settings } from "./settings.js";
import { startServer } from "../serve.js";
import { serveWithWorkers } from "../cluster.js";
import { log } from "../platform/logger.js";

export const serveCommand = defineCommand({
  summary: "serve the HTTP API (imports the demo shop and trains on first start with an empty store)",
  usage: "[--port N] [--data-dir DIR] [--workers N (processes)] [settings]",
  flags: {},
  // A server trains too: the demo on first start.
  settings: settings(STORE, LOGGING, SERVING, SCORING, TRAINING),
  async run(config) {
    if (config.workers > 1) {
      await serveWithWorkers(config);
      return 0;
    }
    const server = await startServer(config);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log("info", "shutting down: finishing requests in flight", { signal });
        server.close().then(resolve);
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
    return 0;
  },
});
