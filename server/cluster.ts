// `serve` with several processes: the primary prepares the store once (demo import,
// first train), then forks workers that share the listening socket. Each worker loads
// the read-only model files itself and polls for new versions, so a model published by
// `train` reaches all of them. GET /metrics on any worker answers for all of them (the
// primary collects their figures: platform/cluster-metrics.ts). The primary creates the file
// in memory where workers share the lists they keep (serving/list-sharing.ts) and hands its
// descriptor to each of them, replacements too. On SIGINT or SIGTERM the
// primary asks every worker to drain its requests in flight and waits; a worker that dies
// otherwise is replaced.
import cluster, { type Worker } from "node:cluster";
import { closeSync } from "node:fs";
import { createSharedFile, SharedSlots } from "./serving/shared-slots.js";
import type { Config } from "./config.js";
import { openRuntime } from "./runtime.js";
import { prepareStore, readStoreAhead, startServer } from "./serve.js";
import { scheduleRetention } from "./access/retention.js";
import { scheduleTraining } from "./training/scheduler.js";
import { listenHost } from "./http/listen.js";
import { errorFields, log } from "./platform/logger.js";
import { answerMetricsRequests, shareMetricsWithPrimary } from "./platform/cluster-metrics.js";
import { primaryHistories, workerHistories } from "./cluster-histories.js";

const SHUTDOWN = "tuijian:shutdown";
/** The descriptor, in a worker, of the file of shared lists (the primary's stdio entry 4), and its slot count. */
const SHARED_FD = 4;
const SHARED_ENV = "TUIJIAN_SHARED_LIST_SLOTS";

/** A worker that dies sooner than this after its start counts as failing to start. */
const QUICK_DEATH_MS = 10_000;

/**
 * Wait before replacing a dead worker: none after a worker that ran a while, then 1, 2,
 * 4 … up to 30 s while replacements keep dying at start (a bad setting, a broken model
 * file), so the primary does not spin forking.
 */
export function restartDelay(quickDeaths: number): number {
  return quickDeaths === 0 ? 0 : Math.min(30_000, 1000 * 2 ** (quickDeaths - 1));
}

/** Resolves when the service has shut down gracefully. */
export async function serveWithWorkers(config: Config): Promise<void> {
  if (cluster.isPrimary) return primary(config);
  // A signal to the process group reaches workers too: the primary decides when to stop.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => {});
  shareMetricsWithPrimary();
  const histories = workerHistories();
  // A worker that cannot start (a damaged model, a bad setting) must exit, not linger on
  // the channel to the primary: the primary then replaces it, waiting longer each time.
  const slots = Number(process.env[SHARED_ENV] ?? 0);
  const server = await startServer(config, false, slots > 0 ? new SharedSlots(SHARED_FD, slots) : undefined, histories).catch((err: unknown) => {
    log("error", "worker could not start", errorFields(err));
    process.exit(1);
  });
  await new Promise<void>((resolve) => {
    process.on("message", (msg) => {
      if (msg === SHUTDOWN) server.close().then(resolve);
    });
  });
  // The channel to the primary would keep this process alive.
  process.disconnect?.();
}

async function primary(config: Config): Promise<void> {
  // The primary keeps the store open for retention and scheduled training, which run here
  // and not in the workers.
  const rt = await openRuntime(config);
  const readingAhead = readStoreAhead(config);
  let host: string;
  try {
    // Decided once, here: a public address without keys is refused before any worker
    // starts, and every worker (replacements too) listens where the first ones did.
    const listen = listenHost(config.host, await rt.keys.any());
    if (listen.note) log("warn", listen.note);
    host = listen.host;
    await prepareStore(rt, config);
  } catch (err) {
    readingAhead?.stop();
    await rt.close();
    throw err;
  }
  const retention = scheduleRetention(config, rt.store);
  const training = scheduleTraining(config, rt.store, rt.registry);
  answerMetricsRequests();
  let stopping = false;
  const shared = sharedFile(config);
  const histories = primaryHistories(config, rt.store);
  cluster.setupPrimary({
    execArgv: [...process.execArgv, `--max-old-space-size=${config.workerHeapMb}`],
    // Entry 4: the shared lists' file; 5 and 6: the shared histories' files.
    stdio: ["inherit", "inherit", "inherit", "ipc", shared?.fd ?? "ignore", ...(histories?.stdio ?? [])],
  });
  const started = new Map<number, number>();
  const restarts = new Set<NodeJS.Timeout>();
  let quickDeaths = 0;
  const fork = (): Worker => {
    const worker = cluster.fork({ TUIJIAN_HOST: host, [SHARED_ENV]: String(shared?.slots ?? 0), ...histories?.env });
    started.set(worker.id, Date.now());
    return worker;
  };
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
    const delay = restartDelay(quickDeaths);
    log("error", "worker died; starting another", { worker: worker.process.pid, code, signal, restartInMs: delay });
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, delay);
    restarts.add(timer);
  });
  for (let i = 0; i < config.workers; i++) fork();
  histories?.maker.start();
  log("info", "serving with worker processes", { workers: config.workers, port: config.port });

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      readingAhead?.stop();
      void histories?.maker.stop();
      clearInterval(retention);
      clearInterval(training);
      for (const timer of restarts) clearTimeout(timer);
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
  if (shared) closeSync(shared.fd);
  await histories?.maker.stop();
  for (const fd of histories?.stdio ?? []) closeSync(fd);
  await rt.close();
}

/** The file of lists shared by the workers; none when they keep no lists or it cannot be made (the workers then keep their own alone). */
function sharedFile(config: Config): { fd: number; slots: number } | undefined {
  if (config.listCacheSize === 0 && config.anonymousListCacheSize === 0) return undefined;
  try {
    return createSharedFile(config.sharedListCacheMb);
  } catch (err) {
    log("warn", "serving processes keep their lists unshared: no file for them in memory", errorFields(err));
    return undefined;
  }
}
