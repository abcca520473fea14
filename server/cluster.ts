// `serve` with several processes: the primary prepares the store once (demo import,
// first train), then forks workers that share the listening socket. Each worker loads
// the read-only model files itself and polls for new versions, so a model published by
// `train` reaches all of them. On SIGINT or SIGTERM the primary asks every worker to
// drain its requests in flight and waits; a worker that dies otherwise is replaced.
import cluster, { type Worker } from "node:cluster";
import type { Config } from "./config.js";
import { openRuntime } from "./runtime.js";
import { prepareStore, startServer } from "./serve.js";
import { log } from "./log.js";

const SHUTDOWN = "tuijian:shutdown";

/** Resolves when the service has shut down gracefully. */
export async function serveWithWorkers(config: Config): Promise<void> {
  if (cluster.isPrimary) return primary(config);
  // A signal to the process group reaches workers too: the primary decides when to stop.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => {});
  const server = await startServer(config, false);
  await new Promise<void>((resolve) => {
    process.on("message", (msg) => {
      if (msg === SHUTDOWN) server.close().then(resolve);
    });
  });
  // The channel to the primary would keep this process alive.
  process.disconnect?.();
}

async function primary(config: Config): Promise<void> {
  const rt = openRuntime(config);
  try {
    await prepareStore(rt, config);
  } finally {
    rt.close();
  }
  let stopping = false;
  cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${config.workerHeapMb}`] });
  const fork = (): Worker => cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log("error", "worker died; starting another", { worker: worker.process.pid, code, signal });
    fork();
  });
  for (let i = 0; i < config.workers; i++) fork();
  log("info", "serving with worker processes", { workers: config.workers, port: config.port });

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log("info", "shutting down: workers finish their requests in flight", { signal });
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      let left = workers.length;
      if (left === 0) resolve();
      for (const w of workers) {
        w.once("exit", () => --left === 0 && resolve());
        w.send(SHUTDOWN);
      }
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
}
